package dev.thaw.simulate.search;

import dev.thaw.simulate.llm.Slo;

/**
 * The highest arrival rate a plan sustains under an SLO: the workload's gaps are divided by a rate scale x, and x
 * is found by bisection (in log space) between a scale that meets the SLO and one that does not. "Meets" means no
 * request is rejected and at least {@code attainment} of the requests meet both the TTFT and the TPOT SLO.
 * Assumes attainment falls as the rate rises, which queueing makes true up to simulation noise.
 */
public final class MaxSustainableRate {
    private MaxSustainableRate() {}

    public record Result(double rateScale, double requestsPerS, int simulations, boolean bracketed) {}

    public static Result find(PlanEvaluator ev, Candidate c, Workload w, Slo slo, double attainment, int iterations) {
        if (!(attainment > 0 && attainment <= 1)) throw new IllegalArgumentException("attainment must be in (0, 1]");
        int sims = 0;
        double lo, hi;
        if (meets(ev, c, w, 1.0, slo, attainment)) {
            lo = 1.0; hi = 2.0; sims++;
            while (meets(ev, c, w, hi, slo, attainment)) {
                sims++;
                lo = hi; hi *= 2;
                if (hi > 1 << 12) return new Result(lo, lo * w.ratePerS(), sims, false);
            }
            sims++;
        } else {
            hi = 1.0; lo = 0.5; sims++;
            while (!meets(ev, c, w, lo, slo, attainment)) {
                sims++;
                hi = lo; lo /= 2;
                if (lo < 1.0 / (1 << 12)) return new Result(0, 0, sims, false);
            }
            sims++;
        }
        for (int i = 0; i < iterations; i++) {
            double mid = Math.sqrt(lo * hi);
            sims++;
            if (meets(ev, c, w, mid, slo, attainment)) lo = mid; else hi = mid;
        }
        return new Result(lo, lo * w.ratePerS(), sims, true);
    }

    static boolean meets(PlanEvaluator ev, Candidate c, Workload w, double scale, Slo slo, double attainment) {
        Figures f = ev.evaluate(c, scale == 1.0 ? w : w.rateScaled(scale)).figures();
        return f.rejected() == 0 && f.metSlo(slo) >= attainment * f.requests();
    }
}
