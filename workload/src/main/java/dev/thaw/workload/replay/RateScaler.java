package dev.thaw.workload.replay;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Rate scaling of any event sequence by index: which source event each output event copies, and when. Below 1:
 * independent thinning; above 1: the original plus replicas, each replica shifting every group's (function's)
 * events by its own random offset with wrap-around inside the span, the last replica thinned to the fraction.
 */
public final class RateScaler {
    /** Output times (sorted) and, for each, the index of the source event it copies. */
    public record Scaled(double[] times, int[] source) {}

    private RateScaler() {}

    public static Scaled scale(double[] times, int[] group, int groups, double factor, long seed) {
        if (!(factor > 0) || Double.isInfinite(factor)) throw new IllegalArgumentException("rate scale must be positive and finite, got " + factor);
        int n = times.length;
        if (factor == 1) {
            int[] id = new int[n];
            for (int i = 0; i < n; i++) id[i] = i;
            return new Scaled(times.clone(), id);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int whole = (int) Math.floor(factor);
        double frac = factor - whole;
        double t0 = n == 0 ? 0 : times[0], span = n == 0 ? 1 : Math.max(times[n - 1] - t0, 1e-9);
        long cap = (long) n * (whole + 1);
        if (cap > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("scaled trace too large for memory: " + cap + " events");
        double[] ts = new double[(int) cap];
        int[] src = new int[(int) cap];
        int k = 0;
        for (int rep = 0; rep <= whole; rep++) {
            double keep = rep < whole ? 1 : frac;
            if (keep == 0) break;
            double[] shift = new double[groups];
            if (rep > 0) for (int g = 0; g < groups; g++) shift[g] = rng.nextDouble() * span;
            for (int i = 0; i < n; i++) {
                if (keep < 1 && rng.nextDouble() >= keep) continue;
                double x = times[i] + shift[group[i]];
                if (x > t0 + span) x -= span;
                ts[k] = x;
                src[k++] = i;
            }
        }
        Integer[] idx = new Integer[k];
        for (int i = 0; i < k; i++) idx[i] = i;
        final double[] tt = ts;
        final int[] ss = src;
        Arrays.sort(idx, (a, b) -> tt[a] != tt[b] ? Double.compare(tt[a], tt[b]) : Integer.compare(ss[a], ss[b]));
        double[] outT = new double[k];
        int[] outS = new int[k];
        for (int i = 0; i < k; i++) { outT[i] = ts[idx[i]]; outS[i] = src[idx[i]]; }
        return new Scaled(outT, outS);
    }
}
