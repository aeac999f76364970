package dev.thaw.analysis.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class DistancesTest {
    @Test void handComputedTwoSample() {
        double[] a = {1, 2, 3}, b = {2, 3, 4};
        assertEquals(1.0 / 3, Distances.ks(a, b), 1e-12);
        assertEquals(1.0, Distances.wasserstein(a, b), 1e-12);
        assertEquals(0.0, Distances.ks(a, a.clone()), 0);
        // unequal sizes: F_a - F_b integrated by hand = 0.5*1 + 0.5*1 = ... {0,2} vs {1}: |0.5-0|*1 + |0.5-1|*1 = 1
        assertEquals(1.0, Distances.wasserstein(new double[] {0, 2}, new double[] {1}), 1e-12);
    }

    @Test void oneSampleAgainstTheTruthIsCloseAndAgainstAShiftIsNot() {
        NormalDistribution std = new NormalDistribution(new Well19937c(1), 0, 1);
        double[] x = std.sample(20_000);
        assertTrue(Distances.ks(x, new NormalDistribution(0, 1)) < 0.015);
        assertEquals(0.0, Distances.wasserstein(x, new NormalDistribution(0, 1)), 0.02);
        assertEquals(1.0, Distances.wasserstein(x, new NormalDistribution(1, 1)), 0.02);
        assertEquals(0.3829, Distances.ks(x, new NormalDistribution(1, 1)), 0.015); // 2*Phi(0.5)-1
    }

    @Test void pValueMatchesCommonsMathExactValue() {
        ExponentialDistribution e = new ExponentialDistribution(new Well19937c(3), 1);
        KolmogorovSmirnovTest exact = new KolmogorovSmirnovTest();
        for (int n : new int[] {50, 200}) {
            double[] x = e.sample(n);
            double d = Distances.ks(x, new ExponentialDistribution(1.3));
            double p = Distances.ksPValue(d, n);
            assertEquals(exact.kolmogorovSmirnovTest(new ExponentialDistribution(1.3), x, false), p, 0.01, "n=" + n);
        }
        assertEquals(1.0, Distances.ksPValue(0.0, 100), 1e-12);
        assertTrue(Distances.ksPValue(0.5, 100) < 1e-20);
    }

    @Test void twoSamplesFromOneDistributionAreNotRejected() {
        NormalDistribution std = new NormalDistribution(new Well19937c(9), 0, 1);
        double[] a = std.sample(5000), b = std.sample(7000);
        assertTrue(Distances.ksPValue(a, b) > 0.01);
        assertEquals(0.0, Distances.wasserstein(a, b), 0.05);
    }
}
