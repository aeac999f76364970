package dev.thaw.workload.arrival;

import java.util.SplittableRandom;

/**
 * Timer trigger: one arrival every {@code periodS}, at a random phase within the first period, each firing late by
 * an independent uniform jitter in [0, jitterS) (timers fire slightly after their schedule, never before).
 */
public record PeriodicArrivals(double periodS, double jitterS) implements ArrivalModel {
    public PeriodicArrivals {
        Gaps.positive("timer period", periodS);
        if (!(jitterS >= 0) || jitterS >= periodS) throw new IllegalArgumentException("timer jitter must be in [0, period), got " + jitterS);
    }

    @Override public ArrivalProcess start(double startS, SplittableRandom rng) {
        double phase = rng.nextDouble() * periodS;
        return new ArrivalProcess() {
            long k = 0;
            @Override public double next() { return startS + phase + periodS * k++ + jitterS * rng.nextDouble(); }
            @Override public int fillUntil(double first, double end, double[] out, int from, double[] following) {
                double x = first;
                int i = from;
                while (x < end && i < out.length) { out[i++] = x; x = next(); }
                following[0] = x;
                return i;
            }
        };
    }

    @Override public double meanRatePerS() { return 1 / periodS; }
}
