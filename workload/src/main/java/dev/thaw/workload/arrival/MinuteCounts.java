package dev.thaw.workload.arrival;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Expands per-minute invocation counts (Azure 2019, Huawei per-minute tables) into per-invocation times.
 * Placement within a minute: {@link Placement#UNIFORM} (n sorted uniform times: a Poisson process conditioned on
 * the count), {@link Placement#EQUIDISTANT} (every 60/n s, shifted by a random phase drawn once per function so
 * that functions do not all fire at minute boundaries), or {@link Placement#POISSON} (a Poisson process at rate n/60
 * within the minute: the count varies, its mean is kept).
 */
public final class MinuteCounts {
    public enum Placement { UNIFORM, EQUIDISTANT, POISSON }

    private MinuteCounts() {}

    /** Times (seconds) for one function whose minute {@code i} starts at {@code startS + 60 i}. */
    public static double[] expand(double[] counts, double startS, Placement placement, SplittableRandom rng) {
        long total = 0;
        for (double c : counts) {
            if (!(c >= 0) || Double.isInfinite(c)) throw new IllegalArgumentException("per-minute counts must be finite and >= 0, got " + c);
            total += Math.round(c);
        }
        double phase = rng.nextDouble(); // fraction of the spacing, fixed per function
        double[] out = new double[(int) Math.min(Integer.MAX_VALUE - 8, placement == Placement.POISSON ? total + total / 4 + 16 : total)];
        int k = 0;
        for (int m = 0; m < counts.length; m++) {
            int n = (int) Math.round(counts[m]);
            double m0 = startS + 60.0 * m;
            switch (placement) {
                case UNIFORM -> {
                    int from = k;
                    for (int i = 0; i < n; i++) out[k++] = m0 + 60 * rng.nextDouble();
                    Arrays.sort(out, from, k);
                }
                case EQUIDISTANT -> {
                    double step = 60.0 / Math.max(n, 1);
                    for (int i = 0; i < n; i++) out[k++] = m0 + (i + phase) * step;
                }
                case POISSON -> {
                    if (n == 0) continue;
                    double rate = n / 60.0;
                    for (double t = m0 + rng.nextExponential() / rate; t < m0 + 60; t += rng.nextExponential() / rate) {
                        if (k == out.length) out = Arrays.copyOf(out, out.length * 2);
                        out[k++] = t;
                    }
                }
            }
        }
        return Arrays.copyOf(out, k);
    }
}
