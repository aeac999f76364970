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
        if (span(source) >= 86400 && span(synthetic) >= 86400) { // diurnal profile: relative rate per hour of day
            double[] a = hourly(source), b = hourly(synthetic);
            for (int h = 0; h < 24; h++) rows.add(new Row(String.format("diurnal_h%02d", h), a[h], b[h]));
        }
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

    static double span(double[] t) { return t.length < 2 ? 0 : t[t.length - 1] - t[0]; }

    /** Arrivals per hour of day (time modulo 86400 s), relative to the mean hour (mean 1). */
    static double[] hourly(double[] t) {
        double[] h = new double[24];
        for (double x : t) h[(int) (((x % 86400) + 86400) % 86400 / 3600)]++;
        double mean = t.length / 24.0;
        for (int i = 0; i < 24; i++) h[i] /= mean;
        return h;
    }

    static double rate(double[] t) { return t.length < 2 ? Double.NaN : (t.length - 1) / (t[t.length - 1] - t[0]); }

    static double[] gaps(double[] t) {
        double[] g = new double[Math.max(0, t.length - 1)];
        for (int i = 1; i < t.length; i++) g[i - 1] = t[i] - t[i - 1];
        return g;
    }
}
