package dev.thaw.workload.synth;

import java.util.Arrays;

/**
 * Cold-start times in integer microseconds, split into the four published components so that they sum to the
 * total exactly. Calibration: log(total) = base + s z + c_region, where base holds the fixed effects (pool, runtime,
 * trigger, function), z is standard normal noise, s is chosen so that the pooled log-standard deviation equals the
 * published lognormal sigma, and c_region so that every region's median equals its published median.
 */
public final class ColdStartCosts {
    private ColdStartCosts() {}

    /**
     * Returns s and fills {@code regionOffset[r]} (log): s makes the pooled log-sd equal {@code targetSigma}; the
     * offsets put every region's median on target, then move all regions by one common shift that splits the
     * remaining error evenly between the medians and the pooled log-mean {@code targetMu} (the published medians
     * and fit are not exactly consistent with each other).
     */
    public static double calibrate(double[] base, double[] z, int[] region, double[] targetMedian, double targetMu, double targetSigma, double[] regionOffset) {
        double lo = 0, hi = 4;
        if (pooledSd(base, z, region, targetMedian, 0, regionOffset) < targetSigma) {
            for (int it = 0; it < 60; it++) {
                double mid = (lo + hi) / 2;
                if (pooledSd(base, z, region, targetMedian, mid, regionOffset) < targetSigma) lo = mid; else hi = mid;
            }
        }
        pooledSd(base, z, region, targetMedian, lo, regionOffset);
        double sum = 0;
        for (int i = 0; i < base.length; i++) sum += base[i] + lo * z[i] + regionOffset[region[i]];
        double shift = (targetMu - sum / base.length) / 2;
        for (int r = 0; r < regionOffset.length; r++) regionOffset[r] += shift;
        return lo;
    }

    static double pooledSd(double[] base, double[] z, int[] region, double[] targetMedian, double s, double[] offset) {
        int regions = targetMedian.length;
        for (int r = 0; r < regions; r++) {
            double[] v = new double[base.length];
            int k = 0;
            for (int i = 0; i < base.length; i++) if (region[i] == r) v[k++] = base[i] + s * z[i];
            offset[r] = k == 0 ? 0 : Math.log(targetMedian[r]) - median(Arrays.copyOf(v, k));
        }
        double sum = 0, sum2 = 0;
        for (int i = 0; i < base.length; i++) {
            double l = base[i] + s * z[i] + offset[region[i]];
            sum += l; sum2 += l * l;
        }
        double m = sum / base.length;
        return Math.sqrt(sum2 / base.length - m * m);
    }

    static double median(double[] v) {
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * Splits {@code totalUs} by the region's component shares perturbed per cold start (Dirichlet, concentration 20);
     * without dependency layers the dependency component is exactly 0. Scheduling is the residual, as in the data.
     * Returns {alloc, code, dependency, scheduling} in microseconds, summing to totalUs.
     */
    public static long[] split(long totalUs, double[] shares, boolean hasDependencies, java.util.SplittableRandom rng) {
        double[] g = new double[4];
        double sum = 0;
        for (int c = 0; c < 4; c++) {
            g[c] = c == 2 && !hasDependencies ? 0 : dev.thaw.workload.arrival.Gaps.standardGamma(20 * shares[c], rng);
            sum += g[c];
        }
        long alloc = Math.round(totalUs * g[0] / sum), code = Math.round(totalUs * g[1] / sum), dep = Math.round(totalUs * g[2] / sum);
        long sched = totalUs - alloc - code - dep;
        if (sched < 0) { code += sched; sched = 0; if (code < 0) { alloc += code; code = 0; } }
        return new long[] {alloc, code, dep, sched};
    }
}
