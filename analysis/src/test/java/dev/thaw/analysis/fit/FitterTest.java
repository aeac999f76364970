package dev.thaw.analysis.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** Seeded samples of 20,000 from known distributions; tolerances are about 4 standard errors of each MLE. */
class FitterTest {
    static double[] sample(Family f, Map<String, Double> p, long seed) {
        RealDistribution d = f.distribution(p, new Well19937c(seed));
        return d.sample(20_000);
    }

    static void assertRel(double expected, double actual, double rel, String what) {
        assertEquals(expected, actual, Math.abs(expected) * rel, what);
    }

    @Test void exponential() {
        FittedModel m = Fitter.fit(sample(Family.EXPONENTIAL, Map.of("rate", 2.5), 1), Family.EXPONENTIAL);
        assertRel(2.5, m.param("rate"), 0.03, "rate");
    }

    @Test void gamma() {
        FittedModel m = Fitter.fit(sample(Family.GAMMA, Map.of("shape", 0.6, "scale", 3.0), 2), Family.GAMMA);
        assertRel(0.6, m.param("shape"), 0.03, "shape");
        assertRel(3.0, m.param("scale"), 0.05, "scale");
    }

    @Test void weibullWithThePublishedColdStartIatShape() {
        FittedModel m = Fitter.fit(sample(Family.WEIBULL, Map.of("shape", 0.418, "scale", 0.422), 3), Family.WEIBULL);
        assertRel(0.418, m.param("shape"), 0.025, "shape");
        assertRel(0.422, m.param("scale"), 0.05, "scale");
    }

    @Test void lognormalWithThePublishedColdStartParameters() {
        FittedModel m = Fitter.fit(sample(Family.LOGNORMAL, Map.of("mu", 0.2965, "sigma", 1.326), 4), Family.LOGNORMAL);
        assertEquals(0.2965, m.param("mu"), 0.04);
        assertRel(1.326, m.param("sigma"), 0.02, "sigma");
    }

    @Test void pareto() {
        FittedModel m = Fitter.fit(sample(Family.PARETO, Map.of("xm", 0.5, "alpha", 1.7), 5), Family.PARETO);
        assertRel(0.5, m.param("xm"), 0.002, "xm");
        assertRel(1.7, m.param("alpha"), 0.03, "alpha");
    }

    @Test void aicPicksTheTrueFamilyAndKsDoesNotRejectIt() {
        Object[][] cases = {
                {Family.GAMMA, Map.of("shape", 0.6, "scale", 3.0)},
                {Family.WEIBULL, Map.of("shape", 0.418, "scale", 0.422)},
                {Family.LOGNORMAL, Map.of("mu", 0.2965, "sigma", 1.326)},
                {Family.PARETO, Map.of("xm", 0.5, "alpha", 1.7)},
        };
        long seed = 10;
        for (Object[] c : cases) {
            Family f = (Family) c[0];
            @SuppressWarnings("unchecked") Map<String, Double> p = (Map<String, Double>) c[1];
            List<FittedModel> all = Fitter.fitAll(sample(f, p, seed++));
            assertEquals(5, all.size());
            assertEquals(f, all.get(0).family(), "best for " + f + ": " + all);
            assertTrue(all.get(0).ksP() > 0.01, f + " ks_p " + all.get(0).ksP());
            assertTrue(all.get(0).ks() < all.get(all.size() - 1).ks());
            assertEquals(all.get(0).aic(), 2 * 2 - 2 * all.get(0).loglik(), 1e-9);
            assertEquals(all.get(0).bic(), 2 * Math.log(20_000) - 2 * all.get(0).loglik(), 1e-9);
        }
    }

    @Test void closedFormQuantilesMatchTheGenericInverse() {
        Object[][] cases = {
                {Family.EXPONENTIAL, Map.of("rate", 2.5)},
                {Family.GAMMA, Map.of("shape", 0.6, "scale", 3.0)},
                {Family.GAMMA, Map.of("shape", 7.0, "scale", 0.1)},
                {Family.WEIBULL, Map.of("shape", 0.418, "scale", 0.422)},
                {Family.LOGNORMAL, Map.of("mu", 0.2965, "sigma", 1.326)},
                {Family.PARETO, Map.of("xm", 0.5, "alpha", 1.7)},
        };
        for (Object[] c : cases) {
            Family f = (Family) c[0];
            @SuppressWarnings("unchecked") Map<String, Double> p = (Map<String, Double>) c[1];
            RealDistribution d = f.distribution(p, null);
            for (double u : new double[] {1e-6, 0.01, 0.3, 0.5, 0.9, 0.999}) {
                double q = f.quantile(p, u);
                assertEquals(u, d.cumulativeProbability(q), 1e-9 + 1e-7 * u, f + " u=" + u);
            }
        }
    }

    @Test void nonPositiveValuesAreDropped() {
        FittedModel m = Fitter.fit(new double[] {0, -1, 1, 3, Double.NaN}, Family.EXPONENTIAL);
        assertEquals(2, m.n());
        assertEquals(0.5, m.param("rate"), 1e-12);
    }
}
