package dev.thaw.analysis.arrivals;

import dev.thaw.analysis.agg.ArrivalSegments;
import dev.thaw.analysis.agg.QuantileSketch;
import dev.thaw.analysis.burst.Burstiness;
import dev.thaw.analysis.burst.CountSeries;
import dev.thaw.analysis.fit.DiurnalProfile;
import dev.thaw.analysis.fit.FittedModel;
import dev.thaw.analysis.fit.Fits;
import dev.thaw.analysis.fit.Fitter;
import dev.thaw.analysis.fit.Mmpp2;
import dev.thaw.analysis.fit.Mmpp2Fitter;
import dev.thaw.analysis.table.ResultTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Results of an {@link ArrivalAggregator}.
 *
 * <p>Whole trace, from per-request events: IAT CV and Goh-Barabasi B from the exact inter-arrival times, IDC at
 * 1 s..1 h and the aggregated-variance Hurst exponent from per-second counts (same definitions as
 * {@link Burstiness}). From per-minute counts only the windows of at least a minute exist (IAT CV is null).
 *
 * <p>Per key, on the key's series in bins of 10 minutes over the whole trace's span: IDC at 10 min and 1 h,
 * peak-to-mean (largest bin over the mean bin), peak-to-trough (the largest daily maximum of the 10-minute series
 * over the lowest daily minimum, the minimum floored at 1 request per bin so idle troughs stay finite; the whole
 * span is one "day" when shorter than a day; 1 for flat series), autocorrelation at 1 day and 1 week (NaN when
 * the trace is shorter than lag + 2 bins), requests per day (over the trace's span) and mean execution time.
 */
public final class ArrivalReport {
    /** Top shares of keys reported by the concentration table, in per cent. */
    public static final double[] TOP_PCT = {1, 5, 10, 18.6, 25, 50};
    private final ArrivalAggregator agg;

    public ArrivalReport(ArrivalAggregator agg) { this.agg = agg; }

    /** Whole-trace burstiness (see class comment); values absent for the input kind are NaN. */
    public record Whole(long arrivals, double spanS, double ratePerS, double iatMean, double iatCv, double gohBarabasi,
                        Map<String, Double> idc, double hurst) {}

    public Whole whole() {
        Map<String, Double> idc = new LinkedHashMap<>();
        if (agg.eventsSeen && !agg.countsSeen) {
            ArrivalSegments.Result r = agg.iats.finish();
            long[] perSecond = agg.perSecond.trimmed();
            double span = r.last() - r.first();
            return new Whole(r.arrivals(), span, span > 0 ? (r.arrivals() - 1) / span : Double.NaN, r.mean(), r.cv(),
                    r.gohBarabasi(), Burstiness.idcAll(perSecond), CountSeries.hurstAggregatedVariance(perSecond));
        }
        long[] perMinute = agg.perMinute.trimmed();
        for (int w : Burstiness.IDC_WINDOWS_S) idc.put(w + "s", w < 60 ? Double.NaN : CountSeries.idc(perMinute, w / 60));
        long total = Arrays.stream(perMinute).sum();
        double span = perMinute.length * 60.0;
        return new Whole(total, span, span > 0 ? total / span : Double.NaN, Double.NaN, Double.NaN, Double.NaN, idc,
                CountSeries.hurstAggregatedVariance(perMinute));
    }

    /** The {@code arrivals} object of summary.json. */
    public Map<String, Object> summary() {
        Whole w = whole();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arrivals", w.arrivals());
        m.put("span_s", w.spanS());
        m.put("rate_per_s", w.ratePerS());
        m.put("iat_mean_s", w.iatMean());
        m.put("iat_cv", w.iatCv());
        m.put("burstiness_b", w.gohBarabasi());
        m.put("idc", w.idc());
        m.put("hurst", w.hurst());
        for (KeyKind k : agg.presentKinds()) m.put(k.id() + "s", agg.keys(k).size());
        return m;
    }

    /** One row per key of a kind (see class comment). */
    public ResultTable byKey(KeyKind kind) {
        ResultTable t = new ResultTable("arrivals_by_" + kind.id(), kind.id(), "count", "requests_per_day", "iat_mean_s", "iat_cv",
                "burstiness_b", "idc_600s", "idc_3600s", "peak_to_mean", "peak_to_trough", "acf_1d", "acf_1w", "exec_mean_s");
        double binS = ArrivalAggregator.KEY_SERIES_BIN_S;
        long[] minutes = agg.perMinute.trimmed();
        double start = agg.perMinute.firstBinStart();
        double days = Math.max(60, minutes.length * 60.0) / 86_400;
        long fromBin = (long) Math.floor(start / binS);
        int len = minutes.length == 0 ? 0 : (int) (Math.floor((start + minutes.length * 60.0 - 1e-9) / binS) - fromBin + 1);
        agg.keys(kind).forEach((key, ks) -> {
            double[] iat = ks.iatMoments();
            double mean = iat[0] > 0 ? iat[1] / iat[0] : Double.NaN;
            double sd = iat[0] > 0 ? Math.sqrt(Math.max(0, iat[2] / iat[0] - mean * mean)) : Double.NaN;
            long[] series = len > 0 ? ks.series.range(fromBin, len) : new long[0];
            int perDay = (int) Math.round(86_400 / ks.series.binS());
            t.add(key, ks.count, ks.count / days, mean, sd / mean, (sd - mean) / (sd + mean),
                    CountSeries.idc(series, 1), CountSeries.idc(series, 6), CountSeries.peakToMean(series),
                    peakToTrough(series, perDay), CountSeries.autocorrelation(series, perDay),
                    CountSeries.autocorrelation(series, perDay * 7), ks.execN == 0 ? Double.NaN : ks.execSum / ks.execN);
        });
        return t;
    }

    /** Largest daily peak over the lowest daily trough (floored at 1); the whole series is one day when shorter. */
    static double peakToTrough(long[] series, int binsPerDay) {
        if (series.length == 0) return Double.NaN;
        int days = Math.max(1, series.length / binsPerDay);
        int per = series.length < binsPerDay ? series.length : binsPerDay;
        long peak = 0, trough = Long.MAX_VALUE;
        for (int d = 0; d < days; d++) {
            long mx = 0, mn = Long.MAX_VALUE;
            for (int i = d * per; i < (d + 1) * per; i++) { mx = Math.max(mx, series[i]); mn = Math.min(mn, series[i]); }
            peak = Math.max(peak, mx);
            trough = Math.min(trough, mn);
        }
        if (peak == 0) return Double.NaN;
        return (double) peak / Math.max(1, trough);
    }

    /** Share of all arrivals from the top x% of keys (by count), per kind. */
    public ResultTable concentration() {
        ResultTable t = new ResultTable("arrivals_concentration", "kind", "top_pct", "keys", "share");
        for (KeyKind k : agg.presentKinds()) {
            long[] counts = agg.keys(k).values().stream().mapToLong(s -> s.count).sorted().toArray();
            long total = Arrays.stream(counts).sum();
            for (double pct : TOP_PCT) {
                int top = (int) Math.ceil(pct / 100 * counts.length);
                long s = 0;
                for (int i = 0; i < top; i++) s += counts[counts.length - 1 - i];
                t.add(k.id(), pct, (long) top, total == 0 ? Double.NaN : (double) s / total);
            }
        }
        return t;
    }

    /** Distributions of inter-arrival time, execution time, CPU, memory and tokens (those present). */
    public ResultTable distributions() {
        ResultTable t = new ResultTable("arrivals_distributions", "metric", "count", "mean", "p50", "p90", "p99", "max");
        Map<String, QuantileSketch> m = new LinkedHashMap<>();
        if (agg.eventsSeen) m.put("iat_s", agg.iats.finish().iats());
        m.put("exec_s", agg.execS);
        m.put("cpu_cores", agg.cpuCores);
        m.put("memory_mib", agg.memoryMib);
        m.put("prompt_tokens", agg.promptTokens);
        m.put("output_tokens", agg.outputTokens);
        m.forEach((name, s) -> {
            if (s.count() > 0) t.add(name, s.count(), s.mean(), s.quantile(0.5), s.quantile(0.9), s.quantile(0.99), s.max());
        });
        return t;
    }

    /** Arrivals per minute of the whole trace. */
    public ResultTable perMinute() {
        ResultTable t = new ResultTable("arrivals_per_minute", "minute_start_s", "count");
        long[] c = agg.perMinute.trimmed();
        double start = agg.perMinute.firstBinStart();
        for (int i = 0; i < c.length; i++) t.add(start + 60.0 * i, c[i]);
        return t;
    }

    public List<ResultTable> tables() {
        List<ResultTable> out = new ArrayList<>();
        out.add(distributions());
        out.add(concentration());
        for (KeyKind k : agg.presentKinds()) out.add(byKey(k));
        out.add(perMinute());
        return out;
    }

    /**
     * Every family fitted to: the inter-arrival times (target iat_s; zeros dropped), prompt and output tokens,
     * execution time, and per-function mean execution time (function_mean_exec_s); on deterministic samples of up
     * to {@link ArrivalAggregator#FIT_SAMPLE} values.
     */
    public List<Fits.Model> fits() {
        List<Fits.Model> out = new ArrayList<>();
        if (agg.eventsSeen) {
            ArrivalSegments.Result r = agg.iats.finish();
            if (r.sample() != null) add(out, "iat_s", r.sample().column(0));
        }
        if (agg.tokenSample.size() > 1) {
            add(out, "prompt_tokens", agg.tokenSample.column(0));
            add(out, "output_tokens", agg.tokenSample.column(1));
        }
        if (agg.execSample.size() > 1) add(out, "exec_s", agg.execSample.column(0));
        double[] meanExec = agg.keys(KeyKind.FUNCTION).values().stream().filter(k -> k.execN > 0).mapToDouble(k -> k.execSum / k.execN).toArray();
        if (meanExec.length > 1) add(out, "function_mean_exec_s", meanExec);
        return out;
    }

    private static void add(List<Fits.Model> out, String target, double[] x) {
        if (Fitter.positive(x).length < 2) return;
        for (FittedModel m : Fitter.fitAll(x)) out.add(Fits.Model.of(target, Map.of(), m));
    }

    /**
     * Two-state MMPP fitted by EM to the whole trace's counts: per-second bins for per-request inputs (merged
     * into wider bins so that at most 200,000 remain), per-minute bins for count inputs.
     */
    public Mmpp2 mmpp() {
        boolean events = agg.eventsSeen && !agg.countsSeen;
        long[] c = events ? agg.perSecond.trimmed() : agg.perMinute.trimmed();
        double bin = events ? 1 : 60;
        int factor = (int) Math.max(1, Math.ceil(c.length / 200_000.0));
        if (factor > 1) {
            long[] r = new long[c.length / factor];
            for (int i = 0; i < r.length * factor; i++) r[i / factor] += c[i];
            c = r;
            bin *= factor;
        }
        return Mmpp2Fitter.fit(c, bin);
    }

    /** Hour-of-day rate profile from the per-minute counts (null for traces shorter than a day). */
    public DiurnalProfile diurnal() {
        return DiurnalProfile.fromCounts(agg.perMinute.trimmed(), 60, agg.perMinute.firstBinStart());
    }
}
