package dev.thaw.simulate.llm.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Mean and percentiles of one latency metric (NaN when there are no values). Percentiles: nearest rank. */
public record Summary(long count, double mean, double p50, double p90, double p95, double p99, double max) {
    public static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** Summary of the finite values in {@code v[0..n)}, each multiplied by {@code scale}. Sorts a copy. */
    public static Summary of(double[] v, int n, double scale) {
        double[] a = new double[n];
        int k = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) if (Double.isFinite(v[i])) { a[k++] = v[i] * scale; sum += v[i] * scale; }
        if (k == 0) return EMPTY;
        Arrays.sort(a, 0, k);
        return new Summary(k, sum / k, rank(a, k, 50), rank(a, k, 90), rank(a, k, 95), rank(a, k, 99), a[k - 1]);
    }

    /** From a histogram in microseconds, reported in milliseconds; the mean is the exact one passed in. */
    public static Summary ofHistogramUs(Histogram h, double exactMeanMs) {
        if (h.getTotalCount() == 0) return EMPTY;
        return new Summary(h.getTotalCount(), exactMeanMs, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
                h.getValueAtPercentile(95) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3);
    }

    private static double rank(double[] a, int k, double pct) {
        int idx = (int) Math.ceil(pct / 100.0 * k) - 1;
        return a[Math.max(0, Math.min(k - 1, idx))];
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", mean);
        m.put("p50", p50);
        m.put("p90", p90);
        m.put("p95", p95);
        m.put("p99", p99);
        m.put("max", max);
        return m;
    }
}
