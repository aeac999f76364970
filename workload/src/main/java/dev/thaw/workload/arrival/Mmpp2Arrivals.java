package dev.thaw.workload.arrival;

import java.util.SplittableRandom;

/**
 * Two-state Markov-modulated Poisson process: Poisson at {@code rate0} in state 0 and {@code rate1} in state 1;
 * the state flips 0->1 at rate {@code q01} and 1->0 at rate {@code q10} (per second). Starts in the stationary law.
 */
public record Mmpp2Arrivals(double rate0, double rate1, double q01, double q10) implements ArrivalModel {
    public Mmpp2Arrivals {
        if (!(rate0 >= 0) || !(rate1 >= 0) || rate0 + rate1 <= 0) throw new IllegalArgumentException("MMPP rates must be >= 0 and not both 0: " + rate0 + ", " + rate1);
        Gaps.positive("MMPP q01", q01);
        Gaps.positive("MMPP q10", q10);
    }

    /** Stationary probability of state 1. */
    public double pi1() { return q01 / (q01 + q10); }

    @Override public double meanRatePerS() { return (1 - pi1()) * rate0 + pi1() * rate1; }

    /** IDC(T) = Var N(T) / E N(T) in closed form (Fischer and Meier-Hellstern 1993). */
    public double idc(double windowS) {
        double r = q01 + q10, p1 = pi1(), p0 = 1 - p1, d = rate1 - rate0, rt = r * windowS;
        return 1 + 2 * p0 * p1 * d * d / (meanRatePerS() * r) * (1 - (-Math.expm1(-rt)) / rt);
    }

    /** Coefficient of variation of the stationary inter-arrival time (the process seen as a MAP). */
    public double iatCv() {
        double[] m = iatMoments();
        return Math.sqrt(m[1] / (m[0] * m[0]) - 1);
    }

    /** First two moments {E[X], E[X^2]} of the stationary inter-arrival time X. */
    public double[] iatMoments() {
        // D0 = [[-(l0+q01), q01], [q10, -(l1+q10)]]; moments E[X^k] = k! phi (-D0)^-k 1, phi = pi D1 / lambda.
        double a = rate0 + q01, b = -q01, c = -q10, d = rate1 + q10; // -D0 = [[a, b], [c, d]]
        double det = a * d - b * c;
        double i00 = d / det, i01 = -b / det, i10 = -c / det, i11 = a / det; // (-D0)^-1
        double lam = meanRatePerS(), phi0 = (1 - pi1()) * rate0 / lam, phi1 = pi1() * rate1 / lam;
        double m1a = i00 + i01, m1b = i10 + i11;                     // (-D0)^-1 1
        double m2a = i00 * m1a + i01 * m1b, m2b = i10 * m1a + i11 * m1b; // (-D0)^-2 1
        return new double[] {phi0 * m1a + phi1 * m1b, 2 * (phi0 * m2a + phi1 * m2b)};
    }

    @Override public Process start(double startS, SplittableRandom rng) { return new Process(startS, rng); }

    /** The running process; exposes its current state so that tests can check per-state rates. */
    public final class Process implements ArrivalProcess {
        private final SplittableRandom rng;
        private double t;
        private int state;
        private final double[] timeInState = new double[2];

        Process(double startS, SplittableRandom rng) {
            this.rng = rng;
            this.t = startS;
            this.state = rng.nextDouble() < pi1() ? 1 : 0;
        }

        public int state() { return state; }

        @Override public int fillUntil(double first, double end, double[] out, int from, double[] following) {
            double x = first;
            int i = from;
            while (x < end && i < out.length) { out[i++] = x; x = next(); }
            following[0] = x;
            return i;
        }

        /** Seconds spent so far in state 0 and state 1. */
        public double timeInState(int s) { return timeInState[s]; }

        @Override public double next() {
            while (true) {
                double lam = state == 0 ? rate0 : rate1, q = state == 0 ? q01 : q10, total = lam + q;
                double dt = rng.nextExponential() / total;
                t += dt;
                timeInState[state] += dt;
                if (rng.nextDouble() * total < lam) return t;
                state ^= 1;
            }
        }
    }
}
