package dev.thaw.workload.arrival;

import java.util.SplittableRandom;

/** Renewal process: independent, identically distributed gaps (gamma, Weibull, lognormal, ...). */
public record RenewalArrivals(GapDistribution gaps) implements ArrivalModel {
    @Override public ArrivalProcess start(double startS, SplittableRandom rng) {
        return new ArrivalProcess() {
            double t = startS;
            @Override public double next() { return t += gaps.sample(rng); }
            @Override public int fillUntil(double first, double end, double[] out, int from, double[] following) {
                double x = first;
                int i = from;
                while (x < end && i < out.length) { out[i++] = x; x = next(); }
                following[0] = x;
                return i;
            }
        };
    }

    @Override public double meanRatePerS() { return 1 / gaps.mean(); }
}
