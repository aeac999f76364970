package dev.thaw.analysis.coldstart;

import dev.thaw.analysis.agg.ArrivalSegments;
import dev.thaw.analysis.agg.BottomKSample;
import dev.thaw.analysis.agg.QuantileSketch;
import dev.thaw.analysis.fit.FittedModel;
import dev.thaw.analysis.fit.Fits;
import dev.thaw.analysis.fit.Fitter;
import dev.thaw.analysis.table.ResultTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Results of a {@link ColdStartAggregator}: group tables, hourly series, Spearman matrices, inter-arrival
 * statistics, log-binned CDFs, fitted models and the {@code coldstarts} section of summary.json.
 */
public final class ColdStartReport {
    /** Quantiles reported per component. */
    public static final double[] QUANTILES = {0.5, 0.9, 0.99};
    private final ColdStartAggregator agg;
    private List<Fits.Model> fits;

    public ColdStartReport(ColdStartAggregator agg) { this.agg = agg; }

    public static String groupTableName(List<Dimension> grouping) {
        if (grouping.isEmpty()) return "coldstarts_all";
        StringBuilder sb = new StringBuilder("coldstarts_by");
        for (Dimension d : grouping) sb.append('_').append(d.id());
        return sb.toString();
    }

    /** One row per group: count, then per component mean, p50, p90, p99, max and share of total time. */
    public ResultTable groupTable(List<Dimension> grouping) {
        int g = agg.groupings().indexOf(grouping);
        if (g < 0) throw new IllegalArgumentException("grouping " + grouping + " was not aggregated");
        List<String> cols = new ArrayList<>();
        for (Dimension d : grouping) cols.add(d.id());
        cols.add("count");
        for (Component c : Component.ALL) {
            String p = c.column() + "_";
            cols.addAll(List.of(p + "mean", p + "p50", p + "p90", p + "p99", p + "max", p + "share"));
        }
        cols.add("deployDependency_nonzero");
        ResultTable t = new ResultTable(groupTableName(grouping), cols);
        agg.groups(g).forEach((labels, st) -> {
            List<Object> row = new ArrayList<>(labels);
            row.add(st.count());
            for (Component c : Component.ALL) {
                QuantileSketch s = st.sketch(c);
                row.add(s.mean());
                for (double q : QUANTILES) row.add(s.quantile(q));
                row.add(s.max());
                row.add(st.share(c));
            }
            row.add(st.sketch(Component.DEPLOY_DEPENDENCY).count());
            t.add(row.toArray());
        });
        return t;
    }

    /** Per region and hour since the start of the trace: cold starts and mean of each component. */
    public ResultTable hourly() {
        List<String> cols = new ArrayList<>(List.of("region", "hour", "count"));
        for (Component c : Component.ALL) cols.add(c.column() + "_mean");
        ResultTable t = new ResultTable("coldstarts_hourly", cols);
        agg.regions().forEach((region, rs) -> {
            int minutes = rs.minutes();
            for (int h = 0; h * 60 < minutes; h++) {
                long n = 0;
                double[] sum = new double[Component.ALL.length];
                for (int m = h * 60; m < Math.min(minutes, h * 60 + 60); m++) {
                    n += rs.minuteCount[m];
                    for (int c = 0; c < sum.length; c++) sum[c] += rs.minuteSum[c][m];
                }
                List<Object> row = new ArrayList<>(List.of(region, (long) h, n));
                for (double s : sum) row.add(n == 0 ? Double.NaN : s / n);
                t.add(row.toArray());
            }
        });
        return t;
    }

    /** Names of the Spearman variables, in matrix order. */
    public static final List<String> SPEARMAN_VARS = List.of("totalCost_cold_start_mean", "podAllocationCost_mean",
            "deployCodeCost_mean", "deployDependencyCost_mean", "schedulingCost_mean", "cold_starts");

    /** Spearman rank correlations per region between per-minute means and the per-minute count (minutes with cold starts). */
    public ResultTable spearman() {
        ResultTable t = new ResultTable("coldstarts_spearman", "region", "a", "b", "rho", "minutes");
        agg.regions().forEach((region, rs) -> {
            int minutes = rs.minutes();
            List<double[]> rows = new ArrayList<>();
            for (int m = 0; m < minutes; m++) {
                long n = rs.minuteCount[m];
                if (n == 0) continue;
                double[] r = new double[6];
                for (int c = 0; c < 5; c++) r[c] = rs.minuteSum[c][m] / n;
                r[5] = n;
                rows.add(r);
            }
            if (rows.size() < 3) return;
            double[][] data = rows.toArray(new double[0][]);
            var matrix = new SpearmansCorrelation().computeCorrelationMatrix(data);
            for (int a = 0; a < 6; a++)
                for (int b = a + 1; b < 6; b++)
                    t.add(region, SPEARMAN_VARS.get(a), SPEARMAN_VARS.get(b), matrix.getEntry(a, b), (long) rows.size());
        });
        return t;
    }

    /** Cold-start inter-arrival times per region (all functions pooled). */
    public ResultTable interArrivals() {
        ResultTable t = new ResultTable("coldstarts_iat", "region", "iats", "mean_s", "sd_s", "cv", "burstiness_b",
                "p50_s", "p90_s", "p99_s", "max_s", "out_of_order", "unstitched");
        agg.regions().forEach((region, rs) -> {
            ArrivalSegments.Result r = rs.arrivals.finish();
            t.add(region, r.iatCount(), r.mean(), r.sd(), r.cv(), r.gohBarabasi(), r.iats().quantile(0.5),
                    r.iats().quantile(0.9), r.iats().quantile(0.99), r.iats().max(), r.outOfOrder(), r.overlaps());
        });
        return t;
    }

    /** Log-binned CDFs (10 bins per decade) of every component, per region and for the whole trace. */
    public ResultTable cdf() {
        ResultTable t = new ResultTable("coldstarts_cdf", "region", "component", "x_s", "cdf");
        int all = agg.groupings().indexOf(List.of()), byRegion = agg.groupings().indexOf(List.of(Dimension.REGION));
        if (all < 0 || byRegion < 0) return t;
        List<Map.Entry<String, GroupStats>> entries = new ArrayList<>();
        agg.groups(all).forEach((k, v) -> entries.add(Map.entry("all", v)));
        agg.groups(byRegion).forEach((k, v) -> entries.add(Map.entry(k.get(0), v)));
        for (var e : entries)
            for (Component c : Component.ALL)
                for (double[] p : e.getValue().sketch(c).logCdf(10)) t.add(e.getKey(), c.column(), p[0], p[1]);
        return t;
    }

    public List<ResultTable> tables() {
        List<ResultTable> out = new ArrayList<>();
        for (List<Dimension> g : agg.groupings()) out.add(groupTable(g));
        if (agg.hasSeries()) {
            out.add(hourly());
            out.add(spearman());
            out.add(interArrivals());
        }
        out.add(cdf());
        return out;
    }

    /**
     * Every family fitted (by maximum likelihood on the deterministic per-region sample, up to
     * {@link RegionSeries#FIT_SAMPLE} rows per region) to each component and to the inter-arrival times, per
     * region and pooled (group {}). Dependency deployment zeros are left out.
     */
    public List<Fits.Model> fits() {
        if (fits != null) return fits;
        List<Fits.Model> out = new ArrayList<>();
        if (!agg.hasSeries()) return fits = out;
        BottomKSample pooled = new BottomKSample(agg.fitSample(), Component.ALL.length);
        List<double[]> pooledIat = new ArrayList<>();
        for (var e : agg.regions().entrySet()) {
            pooled.merge(e.getValue().sample);
            ArrivalSegments.Result r = e.getValue().arrivals.finish();
            Map<String, String> group = Map.of("region", e.getKey());
            fitSample(out, e.getValue().sample, group);
            if (r.sample() != null && r.sample().size() > 1) {
                double[] iat = r.sample().column(0);
                pooledIat.add(iat);
                addAll(out, "coldstart_iat_s", group, iat);
            }
        }
        fitSample(out, pooled, Map.of());
        if (!pooledIat.isEmpty()) {
            // pooled IATs: the union of the regional samples (each region contributes in proportion to its sample)
            addAll(out, "coldstart_iat_s", Map.of(), pooledIat.stream().flatMapToDouble(java.util.Arrays::stream).toArray());
        }
        return fits = out;
    }

    private static void fitSample(List<Fits.Model> out, BottomKSample s, Map<String, String> group) {
        if (s.size() < 2) return;
        for (Component c : Component.ALL) addAll(out, c.fitTarget(), group, s.column(c.ordinal()));
    }

    private static void addAll(List<Fits.Model> out, String target, Map<String, String> group, double[] x) {
        for (FittedModel m : Fitter.fitAll(x)) out.add(Fits.Model.of(target, group, m));
    }

    /** The {@code coldstarts} object of summary.json. */
    public Map<String, Object> summary() {
        int g = agg.groupings().indexOf(List.of());
        GroupStats all = g < 0 ? new GroupStats() : agg.groups(g).values().stream().findFirst().orElse(new GroupStats());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", all.count());
        m.put("skipped_rows", agg.skipped());
        QuantileSketch total = all.sketch(Component.TOTAL);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("mean", total.mean());
        t.put("p50", total.quantile(0.5));
        t.put("p90", total.quantile(0.9));
        t.put("p99", total.quantile(0.99));
        t.put("max", total.max());
        m.put("total_s", t);
        Map<String, Object> share = new LinkedHashMap<>();
        for (Component c : Component.ALL) if (c != Component.TOTAL) share.put(c.column(), all.share(c));
        m.put("share", share);
        fits().stream().filter(f -> f.target().equals(Component.TOTAL.fitTarget()) && f.group().isEmpty())
                .min((a, b) -> Double.compare(a.aic(), b.aic())).ifPresent(f -> {
                    Map<String, Object> fit = new LinkedHashMap<>();
                    fit.put("family", f.family());
                    fit.put("params", f.params());
                    fit.put("ks", f.ks());
                    fit.put("aic", f.aic());
                    m.put("fit", fit);
                });
        return m;
    }
}
