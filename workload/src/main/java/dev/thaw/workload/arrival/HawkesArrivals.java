package dev.thaw.workload.arrival;

import java.util.SplittableRandom;

/**
 * Self-exciting (Hawkes) process with exponential kernel: intensity mu + sum alpha*exp(-beta (t - t_i)). Every
 * arrival triggers on average alpha/beta (the branching ratio, must be < 1) further ones: burst clusters.
 * Simulated exactly by Ogata's thinning.
 */
public record HawkesArrivals(double mu, double alpha, double beta) implements ArrivalModel {
    public HawkesArrivals {
        Gaps.positive("Hawkes background rate mu", mu);
        if (!(alpha >= 0)) throw new IllegalArgumentException("Hawkes alpha must be >= 0, got " + alpha);
        Gaps.positive("Hawkes decay beta", beta);
        if (alpha / beta >= 1) throw new IllegalArgumentException("Hawkes branching ratio alpha/beta must be < 1 (stationary), got " + alpha / beta);
    }

    public double branchingRatio() { return alpha / beta; }

    @Override public double meanRatePerS() { return mu / (1 - branchingRatio()); }

    /** Asymptotic index of dispersion for long windows, 1/(1-n)^2. */
    public double idcLimit() { double n = branchingRatio(); return 1 / ((1 - n) * (1 - n)); }

    @Override public ArrivalProcess start(double startS, SplittableRandom rng) {
        return new ArrivalProcess() {
            double t = startS, excitation = 0;
            @Override public double next() {
                double bound = mu + excitation; // intensity only decays until the next arrival
                while (true) {
                    double w = rng.nextExponential() / bound;
                    t += w;
                    excitation *= Math.exp(-beta * w);
                    double lam = mu + excitation;
                    if (rng.nextDouble() * bound <= lam) { excitation += alpha; return t; }
                    bound = lam;
                }
            }
        };
    }
}
