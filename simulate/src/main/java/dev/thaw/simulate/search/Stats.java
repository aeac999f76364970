package dev.thaw.simulate.search;

import java.util.Arrays;

/**
 * Mean and percentiles of one per-request metric. Percentiles are order statistics (nearest rank), which keeps them
 * monotone: if every value of one sample is at most the matching value of another, each percentile is too. Plan
 * pruning relies on that to turn per-request lower bounds into bounds on p99. NaN values (TPOT of one-token
 * outputs) are skipped; infinite values (rejected requests) are kept.
 */
public record Stats(double mean, double p50, double p90, double p95, double p99, int count) implements java.io.Serializable {
    public static final Stats EMPTY = new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

    public static Stats of(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) return EMPTY;
        Arrays.sort(v);
        double sum = 0;
        for (double x : v) sum += x;
        return new Stats(sum / v.length, rank(v, 0.50), rank(v, 0.90), rank(v, 0.95), rank(v, 0.99), v.length);
    }

    /** Nearest-rank percentile of sorted values. */
    static double rank(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    public Stats scaled(double factor) {
        return new Stats(mean * factor, p50 * factor, p90 * factor, p95 * factor, p99 * factor, count);
    }
}
