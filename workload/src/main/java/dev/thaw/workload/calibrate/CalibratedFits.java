package dev.thaw.workload.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thaw.workload.arrival.BatchedArrivals;
import dev.thaw.workload.arrival.Gaps;
import dev.thaw.workload.arrival.Mmpp2Arrivals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The calibrated arrival model and the function population in {@code fits.json} (the {@code bursty} and
 * {@code population} sections written by {@code thaw analyze}, read by {@code thaw generate --fit}):
 * <pre>"bursty": {"family": "batch-mmpp2", "epochs": {"rate0", "rate1", "q01", "q10"},
 *             "batch_size_probabilities": [p0 = 0, p1, p2, ...], "within_batch_gaps_s": [...],
 *             "targets": {"rate_per_s", "iat_cv", "idc": {"1s", "10s", "60s"}}, "arrivals": N}
 * "population": {"functions": [{"id", "share", "rate_per_s"}, ...] (most invoked first), "functions_total",
 *                "share_kept", "zipf_exponent"}</pre>
 */
public final class CalibratedFits {
    /** Within-batch gaps kept in the file (evenly spaced quantiles of the trace's). */
    static final int GAPS_KEPT = 2000;
    /** Functions kept in the file, the most invoked first; the shares are renormalised over them. */
    static final int FUNCTIONS_KEPT = 5000;

    private CalibratedFits() {}

    /** Fits the calibration loop's batch-MMPP to {@code times} (sorted) and describes it for fits.json. */
    public static Map<String, Object> bursty(double[] times) {
        BurstyModelFitter.Fit fit = BurstyModelFitter.fit(times, 1e-3, Calibrator.WINDOWS_S, SimpleBurstinessStats.INSTANCE);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", "batch-mmpp2");
        Mmpp2Arrivals e = fit.epochs();
        m.put("epochs", new LinkedHashMap<>(Map.of("rate0", e.rate0(), "rate1", e.rate1(), "q01", e.q01(), "q10", e.q10())));
        m.put("batch_size_probabilities", fit.model().sizeProbabilities());
        double[] within = fit.model().withinBatchGaps() instanceof Gaps.Empirical g ? g.values() : new double[] {0};
        m.put("within_batch_gaps_s", quantiles(within, GAPS_KEPT));
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("rate_per_s", fit.targetRate());
        targets.put("iat_cv", fit.targetCv());
        Map<String, Object> idc = new LinkedHashMap<>();
        for (int i = 0; i < fit.windowsS().length; i++) idc.put((int) fit.windowsS()[i] + "s", fit.targetIdc()[i]);
        targets.put("idc", idc);
        m.put("targets", targets);
        m.put("arrivals", times.length);
        return m;
    }

    /** Shares and rates of the functions of a trace, most invoked first, and the Zipf exponent of their ranks. */
    public static Map<String, Object> population(int[] function, List<String> names, double spanS) {
        long[] count = new long[names.size()];
        for (int f : function) if (f >= 0) count[f]++;
        Integer[] order = new Integer[count.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> count[b] != count[a] ? Long.compare(count[b], count[a]) : names.get(a).compareTo(names.get(b)));
        long total = Arrays.stream(count).sum();
        int kept = Math.min(FUNCTIONS_KEPT, order.length);
        long keptCount = 0;
        for (int i = 0; i < kept; i++) keptCount += count[order[i]];
        List<Object> fs = new ArrayList<>();
        for (int i = 0; i < kept; i++) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("id", names.get(order[i]));
            f.put("share", count[order[i]] / (double) keptCount);
            f.put("rate_per_s", spanS > 0 ? count[order[i]] / spanS : Double.NaN);
            fs.add(f);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("functions", fs);
        m.put("functions_total", names.size());
        m.put("share_kept", total == 0 ? 0 : keptCount / (double) total);
        m.put("zipf_exponent", zipf(count, order));
        return m;
    }

    /** Least-squares slope of log(count) on log(rank) over the functions invoked at least once, negated. */
    static double zipf(long[] count, Integer[] order) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int r = 0; r < order.length && count[order[r]] > 0; r++, n++) {
            double x = Math.log(r + 1), y = Math.log(count[order[r]]);
            sx += x; sy += y; sxx += x * x; sxy += x * y;
        }
        if (n < 2) return Double.NaN;
        return -(n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    /** The batch-MMPP of a {@code bursty} section. */
    public static BatchedArrivals arrivals(JsonNode b) {
        JsonNode e = b.path("epochs");
        Mmpp2Arrivals epochs = new Mmpp2Arrivals(e.path("rate0").asDouble(), e.path("rate1").asDouble(), e.path("q01").asDouble(), e.path("q10").asDouble());
        double[] p = numbers(b.path("batch_size_probabilities"));
        double[] within = numbers(b.path("within_batch_gaps_s"));
        return new BatchedArrivals(epochs, p, new Gaps.Empirical(within.length == 0 ? new double[] {0} : within));
    }

    /** Function names and shares of a {@code population} section, most invoked first. */
    public record Population(String[] ids, double[] shares) {
        /** A function for each arrival, drawn by share (seeded). */
        public int[] assign(int arrivals, long seed) {
            double[] cum = new double[shares.length];
            double s = 0;
            for (int i = 0; i < shares.length; i++) cum[i] = s += shares[i];
            SplittableRandom r = new SplittableRandom(seed);
            int[] f = new int[arrivals];
            for (int i = 0; i < arrivals; i++) {
                int k = Arrays.binarySearch(cum, r.nextDouble() * s);
                f[i] = Math.min(shares.length - 1, k >= 0 ? k : -k - 1);
            }
            return f;
        }
    }

    public static Population population(JsonNode p) {
        JsonNode fs = p.path("functions");
        String[] ids = new String[fs.size()];
        double[] shares = new double[fs.size()];
        for (int i = 0; i < ids.length; i++) { ids[i] = fs.get(i).path("id").asText(); shares[i] = fs.get(i).path("share").asDouble(); }
        return new Population(ids, shares);
    }

    private static double[] numbers(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asDouble();
        return v;
    }

    static double[] quantiles(double[] values, int k) {
        double[] s = values.clone();
        Arrays.sort(s);
        if (s.length <= k) return s;
        double[] out = new double[k];
        for (int i = 0; i < k; i++) out[i] = s[(int) ((i + 0.5) * s.length / k)];
        return out;
    }
}
