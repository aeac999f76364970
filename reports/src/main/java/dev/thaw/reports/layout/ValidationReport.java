package dev.thaw.reports.layout;

import dev.thaw.reports.chart.Charts;
import dev.thaw.reports.chart.Figure;
import dev.thaw.reports.chart.LineChart;
import dev.thaw.reports.html.HtmlReport;
import dev.thaw.reports.html.KeyFigure;
import dev.thaw.reports.table.Table;
import dev.thaw.simulate.llm.calibrate.MeasuredCase;
import dev.thaw.simulate.llm.calibrate.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The page of {@code thaw validate}: MAPE and bias per metric, a predicted-vs-measured scatter per metric (one
 * colour per model and plan, the y = x line for reference), and every case with its errors.
 */
public final class ValidationReport {
    private ValidationReport() {}

    /**
     * @param engineProfile what produced the predictions (profile name or file)
     * @param perfDb        which step-time backend (perf database or "analytic roofline")
     */
    public static HtmlReport page(Validation v, String engineProfile, String perfDb) {
        HtmlReport.Builder b = HtmlReport.builder("validation", "Simulator vs measurements").kind("validation")
                .lead(String.format(Locale.ROOT, "%d measured cases simulated with engine profile %s and step times from %s. Errors are (predicted - measured) / measured; negative bias means the simulator is optimistic.",
                        v.cases().size(), engineProfile, perfDb));
        for (String metric : v.mape().keySet())
            b.keyFigure(KeyFigure.of("MAPE " + metric, round(v.mape().get(metric)), String.format(Locale.ROOT, "%% over %d cases, bias %+.1f %%", v.counts().get(metric), v.bias().get(metric))));
        b.section("Predicted against measured");
        for (String metric : v.mape().keySet()) b.figure(scatter(v, metric));
        List<String> metrics = new ArrayList<>(v.mape().keySet());
        Map<String, Object> byCollection = v.byCollection();
        if (byCollection.size() > 1) { // runs from different harnesses: one can be off where another is not
            b.section("By collection of runs");
            List<String> cc = new ArrayList<>(List.of("collection"));
            for (String m : metrics) { cc.add(m + " MAPE %"); cc.add(m + " bias %"); cc.add(m + " cases"); }
            Table.Builder ct = Table.of(cc);
            byCollection.forEach((name, o) -> {
                @SuppressWarnings("unchecked") Map<String, Map<String, Number>> s = (Map<String, Map<String, Number>>) o;
                List<Object> row = new ArrayList<>(List.of(name));
                for (String m : metrics) {
                    Number mape = s.get("mape").get(m), bias = s.get("bias").get(m), n = s.get("counts").get(m);
                    row.add(mape == null ? Double.NaN : round(mape.doubleValue()));
                    row.add(bias == null ? Double.NaN : round(bias.doubleValue()));
                    row.add(n == null ? 0 : n.intValue());
                }
                ct.row(row.toArray());
            });
            b.table("Errors by collection", ct.build(), "A collection is a set of runs from one benchmark harness (AIConfigurator: the folder or file of its source_file); each has its own client model.", 50);
        }
        b.section("Cases");
        List<String> cols = new ArrayList<>(List.of("case", "model / plan", "concurrency", "isl", "osl"));
        for (String m : metrics) { cols.add(m + " measured"); cols.add(m + " predicted"); cols.add(m + " error %"); }
        cols.add("problem");
        Table.Builder t = Table.of(cols);
        for (Validation.CaseResult r : v.cases()) {
            MeasuredCase c = r.measuredCase();
            List<Object> row = new ArrayList<>(List.of(c.id(), c.group(), c.load().concurrency(), Math.round(c.load().meanPrompt()), Math.round(c.load().meanOutput())));
            for (String m : metrics) {
                row.add(c.measured().getOrDefault(m, Double.NaN));
                row.add(r.predicted().getOrDefault(m, Double.NaN));
                row.add(round(100 * r.error(m)));
            }
            row.add(r.problem() == null ? "" : r.problem());
            t.row(row.toArray());
        }
        b.table("Every case", t.build(), "Sortable; errors in percent of the measured value.", 1000);
        return b.build();
    }

    private static Figure scatter(Validation v, String metric) {
        Map<String, List<double[]>> groups = new LinkedHashMap<>();
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (Validation.CaseResult r : v.cases()) {
            Double m = r.measuredCase().measured().get(metric), p = r.predicted().get(metric);
            if (m == null || p == null || !(m > 0) || !(p > 0)) continue;
            groups.computeIfAbsent(r.measuredCase().group(), k -> new ArrayList<>()).add(new double[] {m, p});
            lo = Math.min(lo, Math.min(m, p));
            hi = Math.max(hi, Math.max(m, p));
        }
        LineChart c = Charts.lines("scatter-" + metric.replace('.', '-').replace('_', '-'), "Predicted vs measured " + metric).points().logX().logY()
                .axes("measured " + metric, "predicted " + metric);
        if (hi > 0) c.series("y = x", new double[] {lo, hi}, new double[] {lo, hi});
        for (var e : groups.entrySet()) {
            List<double[]> pts = e.getValue();
            pts.sort((a, bb) -> Double.compare(a[0], bb[0]));
            c.series(e.getKey(), pts.stream().mapToDouble(a -> a[0]).toArray(), pts.stream().mapToDouble(a -> a[1]).toArray());
        }
        return c.caption("One colour per model and plan; points on the y = x line are exact. Log-log axes.").build();
    }

    private static double round(double v) { return Math.round(v * 10) / 10.0; }
}
