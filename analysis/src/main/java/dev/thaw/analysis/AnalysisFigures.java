package dev.thaw.analysis;

import dev.thaw.analysis.fit.Fits;
import dev.thaw.analysis.table.ResultTable;
import dev.thaw.ingest.write.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes figures/NAME.csv + figures/NAME.json (the layout of reports/README.md) from the tables and fits an
 * analysis already computed, so {@code thaw report} draws the charts of an analysis. Nothing is recomputed from
 * the trace: every figure is a reshaping of one result table. A figure whose table is absent is skipped.
 */
public final class AnalysisFigures {
    private AnalysisFigures() {}

    /** Cold-start cost components, in the order the Huawei 2025 paper stacks them. */
    static final List<String> COMPONENTS = List.of("podAllocationCost", "deployCodeCost", "deployDependencyCost", "schedulingCost");
    /** Quantile points drawn from each tabulated CDF (the report reduces samples to this many anyway). */
    static final int CDF_POINTS = 200;

    /** Writes every figure the tables allow under {@code dir}/figures; returns the figure names written. */
    public static List<String> write(Analysis.Result r, Path dir) throws IOException {
        Map<String, ResultTable> t = new LinkedHashMap<>();
        for (ResultTable x : r.tables()) t.put(x.name(), x);
        Path figs = dir.resolve("figures");
        List<String> names = new ArrayList<>();
        if (t.containsKey("coldstarts_cdf")) coldStartCdf(t.get("coldstarts_cdf"), r.fits(), figs, names);
        if (t.containsKey("coldstarts_by_hour")) componentsByHour(t.get("coldstarts_by_hour"), figs, names);
        if (t.containsKey("coldstarts_by_region_size")) bySize(t.get("coldstarts_by_region_size"), figs, names);
        if (t.containsKey("coldstarts_spearman")) spearman(t.get("coldstarts_spearman"), figs, names);
        for (String dim : List.of("runtime", "trigger"))
            if (t.containsKey("coldstarts_by_" + dim)) share(t.get("coldstarts_by_" + dim), dim, figs, names);
        if (t.containsKey("arrivals_per_minute")) perMinute(t.get("arrivals_per_minute"), figs, names);
        return names;
    }

    /** (1) Total cold-start time per region on a log axis, with each region's fitted lognormal dashed. */
    static void coldStartCdf(ResultTable cdf, Fits fits, Path figs, List<String> names) throws IOException {
        Map<String, List<double[]>> grid = new TreeMap<>();
        for (int i = 0; i < cdf.size(); i++) {
            if (!"totalCost_cold_start".equals(String.valueOf(cdf.cell(i, "component")))) continue;
            String region = String.valueOf(cdf.cell(i, "region"));
            grid.computeIfAbsent(region, k -> new ArrayList<>()).add(new double[] {cdf.number(i, "x_s"), cdf.number(i, "cdf")});
        }
        // per region when there are several, else the one "all" curve
        if (grid.size() > 2) grid.remove("all");
        ResultTable out = new ResultTable("cdf", "series", "value");
        List<Map<String, Object>> fitSpecs = new ArrayList<>();
        for (var e : grid.entrySet()) {
            for (double x : quantiles(e.getValue(), CDF_POINTS)) out.add(e.getKey(), x);
            Map<String, String> group = e.getKey().equals("all") ? Map.of() : Map.of("region", e.getKey());
            lognormal(fits, "coldstart_total_s", group).ifPresent(m -> {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("name", e.getKey() + " lognormal fit");
                f.put("series", e.getKey());  // drawn in its data's colour
                f.put("family", "lognormal");
                f.put("mu", m.params().get("mu"));
                f.put("sigma", m.params().get("sigma"));
                fitSpecs.add(f);
            });
        }
        if (out.size() == 0) return;
        Map<String, Object> spec = spec("cdf", "Cold-start time per region", "Cold-start time");
        spec.put("log_x", true);
        spec.put("wide", true);
        spec.put("x_label", "cold-start total time (s)");
        spec.put("y_label", "fraction of cold starts");
        spec.put("fits", fitSpecs);
        spec.put("caption", "Solid: the tabulated empirical CDF (tables/coldstarts_cdf.csv). Dashed: maximum-likelihood lognormal per region (fits.json).");
        emit(figs, "coldstarts-1-cdf", out, spec, names);
    }

    /**
     * Points whose empirical CDF follows a tabulated one: the q = (i + 0.5) / n quantiles, interpolated on log x
     * between the grid points the CDF crosses q at.
     */
    static double[] quantiles(List<double[]> grid, int n) {
        List<double[]> g = new ArrayList<>(grid);
        g.removeIf(p -> !(p[0] > 0) || Double.isNaN(p[1]));
        g.sort((a, b) -> Double.compare(a[0], b[0]));
        if (g.isEmpty()) return new double[0];
        double[] out = new double[n];
        int j = 0;
        for (int i = 0; i < n; i++) {
            double q = (i + 0.5) / n;
            while (j < g.size() - 1 && g.get(j)[1] < q) j++;
            double[] hi = g.get(j);
            if (j == 0 || hi[1] < q) { out[i] = hi[0]; continue; }
            double[] lo = g.get(j - 1);
            double w = hi[1] > lo[1] ? (q - lo[1]) / (hi[1] - lo[1]) : 1;
            out[i] = Math.exp(Math.log(lo[0]) + w * (Math.log(hi[0]) - Math.log(lo[0])));
        }
        return out;
    }

    private static Optional<Fits.Model> lognormal(Fits fits, String target, Map<String, String> group) {
        return fits.models().stream().filter(m -> m.target().equals(target) && m.family().equals("lognormal")
                && m.group().equals(group) && m.params().containsKey("mu") && m.params().containsKey("sigma")).findFirst();
    }

    /** (2) Mean of each cost component per hour of day, stacked: the bar height is the mean total. */
    static void componentsByHour(ResultTable byHour, Path figs, List<String> names) throws IOException {
        ResultTable out = new ResultTable("stacked", "category", "series", "value");
        for (int i = 0; i < byHour.size(); i++)
            for (String c : COMPONENTS)
                if (byHour.columns().contains(c + "_mean")) out.add(String.valueOf(byHour.cell(i, "hour")), c, byHour.number(i, c + "_mean"));
        if (out.size() == 0) return;
        Map<String, Object> spec = spec("stacked", "Cold-start components per hour of day", "Cold-start time");
        spec.put("x_label", "hour of day");
        spec.put("y_label", "mean time per cold start (s)");
        spec.put("wide", true);
        spec.put("caption", "Means per component (tables/coldstarts_by_hour.csv).");
        emit(figs, "coldstarts-2-components-by-hour", out, spec, names);
    }

    /** (3) Small vs large pods per region: median and p90 of the total time (the tables keep percentiles, not samples). */
    static void bySize(ResultTable t, Path figs, List<String> names) throws IOException {
        ResultTable out = new ResultTable("bars", "category", "series", "value");
        for (int i = 0; i < t.size(); i++) {
            String cat = t.cell(i, "region") + " " + t.cell(i, "size");
            out.add(cat, "p50", t.number(i, "totalCost_cold_start_p50"));
            out.add(cat, "p90", t.number(i, "totalCost_cold_start_p90"));
        }
        if (out.size() == 0) return;
        Map<String, Object> spec = spec("bars", "Cold-start time, small vs large pods", "Cold-start time");
        spec.put("y_label", "cold-start total time (s)");
        spec.put("value_labels", false);
        spec.put("wide", true);
        spec.put("caption", "Median and 90th percentile per region and pod size (tables/coldstarts_by_region_size.csv).");
        emit(figs, "coldstarts-3-by-size", out, spec, names);
    }

    /** (4) Spearman's rho between the per-minute series of one region, as a full symmetric matrix. */
    static void spearman(ResultTable t, Path figs, List<String> names) throws IOException {
        Map<String, List<Integer>> byRegion = new TreeMap<>();
        // a trace without regions has one matrix, named without a region (never "null")
        for (int i = 0; i < t.size(); i++) {
            Object region = t.cell(i, "region");
            String key = region == null || "null".equals(String.valueOf(region)) ? "" : String.valueOf(region);
            byRegion.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        for (var e : byRegion.entrySet()) {
            List<String> vars = new ArrayList<>();
            Map<String, Double> rho = new LinkedHashMap<>();
            for (int i : e.getValue()) {
                String a = label(t.cell(i, "a")), b = label(t.cell(i, "b"));
                if (!vars.contains(a)) vars.add(a);
                if (!vars.contains(b)) vars.add(b);
                rho.put(a + "\n" + b, t.number(i, "rho"));
                rho.put(b + "\n" + a, t.number(i, "rho"));
            }
            ResultTable out = new ResultTable("correlation", "row", "column", "value");
            for (String a : vars) for (String b : vars) out.add(a, b, a.equals(b) ? 1.0 : rho.getOrDefault(a + "\n" + b, Double.NaN));
            boolean noRegion = e.getKey().isEmpty();
            Map<String, Object> spec = spec("correlation", noRegion ? "Spearman correlation" : "Spearman correlation, region " + e.getKey(),
                    "Cold-start correlations");
            spec.put("caption", "Rank correlation of the per-minute means and cold-start counts (tables/coldstarts_spearman.csv).");
            emit(figs, noRegion ? "coldstarts-5-spearman" : "coldstarts-5-spearman-" + safe(e.getKey()), out, spec, names);
        }
    }

    private static String label(Object column) {
        String s = String.valueOf(column);
        s = s.endsWith("_mean") ? s.substring(0, s.length() - 5) : s;
        return s.equals("totalCost_cold_start") ? "total" : s;
    }

    /** (7) Share of all cold starts per runtime or trigger (from function metadata). */
    static void share(ResultTable t, String dim, Path figs, List<String> names) throws IOException {
        double total = 0;
        for (int i = 0; i < t.size(); i++) total += t.number(i, "count");
        if (!(total > 0)) return;
        ResultTable out = new ResultTable("bars", "category", "series", "value");
        for (int i = 0; i < t.size(); i++) out.add(String.valueOf(t.cell(i, dim)), "share", t.number(i, "count") / total);
        Map<String, Object> spec = spec("bars", "Cold-start share by " + dim, "Cold-start time");
        spec.put("y_label", "fraction of cold starts");
        spec.put("caption", "(null): functions without " + dim + " in the metadata (tables/coldstarts_by_" + dim + ".csv).");
        emit(figs, "coldstarts-4-share-by-" + dim, out, spec, names);
    }

    /** (6) Requests per minute over time and, when the trace spans a day, by hour of day. */
    static void perMinute(ResultTable t, Path figs, List<String> names) throws IOException {
        if (t.size() < 2) return;
        ResultTable ts = new ResultTable("timeseries", "x", "y");
        ResultTable di = new ResultTable("diurnal", "time_s", "value");
        double first = t.number(0, "minute_start_s"), last = first;
        for (int i = 0; i < t.size(); i++) {
            double s = t.number(i, "minute_start_s");
            last = Math.max(last, s);
            ts.add((s - first) / 3600.0, t.number(i, "count"));
            di.add(s, t.number(i, "count"));
        }
        Map<String, Object> spec = spec("timeseries", "Requests per minute", "Arrivals over time");
        spec.put("x_label", "hours since the first minute");
        spec.put("y_label", "requests per minute");
        spec.put("wide", true);
        spec.put("caption", "tables/arrivals_per_minute.csv.");
        emit(figs, "arrivals-1-per-minute", ts, spec, names);
        if (last - first >= 86_400 - 60) {
            Map<String, Object> d = spec("diurnal", "Requests per minute by hour of day", "Arrivals over time");
            d.put("x_label", "hour of day");
            d.put("y_label", "requests per minute");
            d.put("caption", "Mean per hour of day with the 10-90 % band of the minutes in that hour.");
            emit(figs, "arrivals-2-diurnal", di, d, names);
        }
    }

    private static Map<String, Object> spec(String type, String title, String section) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", type);
        s.put("title", title);
        s.put("section", section);
        return s;
    }

    private static String safe(String s) { return s.replaceAll("[^A-Za-z0-9_-]", "_"); }

    /** CSV first, then the spec: each through a temporary file renamed into place. */
    private static void emit(Path figs, String name, ResultTable data, Map<String, Object> spec, List<String> names) throws IOException {
        data.writeCsv(figs.resolve(name + ".csv"));
        Path json = figs.resolve(name + ".json");
        Path tmp = AtomicFiles.tempSibling(json);
        Files.writeString(tmp, Analysis.json(spec));
        AtomicFiles.moveIntoPlace(tmp, json);
        names.add(name);
    }
}
