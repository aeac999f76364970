package dev.thaw.workload.arrival;

import java.util.SplittableRandom;

/** Homogeneous Poisson process: independent exponential gaps with mean 1/rate. */
public record PoissonArrivals(double ratePerS) implements ArrivalModel {
    public PoissonArrivals {
        if (!(ratePerS > 0) || Double.isInfinite(ratePerS)) throw new IllegalArgumentException("Poisson rate must be positive and finite, got " + ratePerS);
    }

    @Override public ArrivalProcess start(double startS, SplittableRandom rng) {
        double mean = 1.0 / ratePerS;
        return new ArrivalProcess() {
            double t = startS;
            @Override public double next() { return t += mean * rng.nextExponential(); }
            @Override public int fillUntil(double first, double end, double[] out, int from, double[] following) {
                double x = first;
                int i = from;
                while (x < end && i < out.length) { out[i++] = x; x = next(); }
                following[0] = x;
                return i;
            }
        };
    }

    @Override public double meanRatePerS() { return ratePerS; }
}
