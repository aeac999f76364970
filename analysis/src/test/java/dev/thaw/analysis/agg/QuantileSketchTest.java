package dev.thaw.analysis.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class QuantileSketchTest {
    @Test void quantilesOfAWideDistributionAreWithinTheBound() {
        // cold-start-like: lognormal over 6 decades, from microseconds to minutes
        double[] x = new LogNormalDistribution(new Well19937c(1), -3, 3).sample(200_000);
        QuantileSketch s = new QuantileSketch();
        for (double v : x) s.add(v);
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double worst = 0;
        for (double q = 0.001; q < 1; q += 0.001) {
            double truth = sorted[(int) Math.ceil(q * sorted.length) - 1];
            double rel = Math.abs(s.quantile(q) - truth) / truth;
            worst = Math.max(worst, rel);
        }
        assertTrue(worst <= 1.0 / 256 + 1e-12, "worst relative error " + worst + " exceeds 2^-8");
        assertTrue(worst <= QuantileSketch.RELATIVE_ERROR);
        assertEquals(sorted[0], s.min(), 0);
        assertEquals(sorted[sorted.length - 1], s.max(), 0);
        assertEquals(Arrays.stream(x).sum() / x.length, s.mean(), 1e-12 * s.mean());
    }

    @Test void mergeIsExact() {
        double[] x = new LogNormalDistribution(new Well19937c(2), 0, 2).sample(30_000);
        QuantileSketch all = new QuantileSketch(), a = new QuantileSketch(), b = new QuantileSketch();
        for (int i = 0; i < x.length; i++) { all.add(x[i]); (i % 3 == 0 ? a : b).add(x[i]); }
        assertEquals(all, b.copy().merge(a));
        assertEquals(all, a.merge(b));
        for (double q : new double[] {0.1, 0.5, 0.99}) assertEquals(all.quantile(q), a.quantile(q), 0);
    }

    @Test void zerosNegativesAndEmpty() {
        QuantileSketch s = new QuantileSketch();
        assertTrue(Double.isNaN(s.quantile(0.5)));
        s.add(0);
        s.add(0);
        s.add(-1);
        s.add(4);
        s.add(Double.NaN);
        assertEquals(4, s.count());
        assertEquals(1, s.negatives());
        assertEquals(-1, s.quantile(0.25), 0);
        assertEquals(0, s.quantile(0.5), 0);
        assertEquals(4, s.quantile(0.99), 4 * 0.004);
        assertEquals(0.75, s.cdf(0.0), 0);
        assertEquals(1.0, s.logCdf(10).get(s.logCdf(10).size() - 1)[1], 0);
    }
}
