package dev.thaw.workload.calibrate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Side-by-side comparison of a source trace and a synthetic one: per metric the two values and the relative error,
 * plus distances between their inter-arrival distributions.
 */
public record CalibrationReport(String model, List<Row> rows, double iatKs, double iatWasserstein) {
    public record Row(String metric, double source, double synthetic) {
        public double relativeError() { return Math.abs(synthetic - source) / Math.abs(source); }
    }

    public Row row(String metric) {
        return rows.stream().filter(r -> r.metric.equals(metric)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no metric " + metric + " in the report"));
    }

    /** Compares {@code source} and {@code synthetic} arrival times (sorted, seconds) on the standard metrics. */
    public static CalibrationReport compare(String model, double[] source, double[] synthetic, double[] windowsS, BurstinessStats s) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("rate_per_s", rate(source), rate(synthetic)));
        rows.add(new Row("iat_cv", s.iatCv(source), s.iatCv(synthetic)));
        for (double w : windowsS) rows.add(new Row("idc_" + (long) w + "s", s.idc(source, w), s.idc(synthetic, w)));
        rows.add(new Row("hurst", s.hurst(source), s.hurst(synthetic)));
        double[] ga = gaps(source), gb = gaps(synthetic);
        return new CalibrationReport(model, Collections.unmodifiableList(rows), s.ks(ga, gb), s.wasserstein(ga, gb));
    }

    /** As a JSON-ready map: {model, metrics: {name: {source, synthetic, rel_error}}, iat_ks, iat_wasserstein_s}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(), metrics = new LinkedHashMap<>();
        for (Row r : rows) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("source", r.source);
            v.put("synthetic", r.synthetic);
            v.put("rel_error", r.relativeError());
            metrics.put(r.metric, v);
        }
        m.put("model", model);
        m.put("metrics", metrics);
        m.put("iat_ks", iatKs);
        m.put("iat_wasserstein_s", iatWasserstein);
        return m;
    }

    static double rate(double[] t) { return t.length < 2 ? Double.NaN : (t.length - 1) / (t[t.length - 1] - t[0]); }

    static double[] gaps(double[] t) {
        double[] g = new double[Math.max(0, t.length - 1)];
        for (int i = 1; i < t.length; i++) g[i - 1] = t[i] - t[i - 1];
        return g;
    }
}
