package dev.thaw.simulate.faas;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogHistogramTest {
    @Test void percentilesWithinHalfAPercentOfNearestRank() {
        SplittableRandom r = new SplittableRandom(5);
        double[] v = new double[100_000];
        LogHistogram h = new LogHistogram();
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 10 == 0 ? 0 : Math.exp(3 * r.nextGaussian());
            h.record(v[i]);
        }
        Arrays.sort(v);
        for (double p : new double[] {1, 5, 10, 25, 50, 75, 90, 99, 99.9}) {
            double exact = v[(int) Math.ceil(p / 100 * v.length) - 1];
            assertEquals(exact, h.percentile(p), 0.004 * exact + 1e-300, "p" + p);
        }
        assertEquals(0, h.percentile(5));  // 10% zeros
        assertEquals(Arrays.stream(v).sum() / v.length, h.mean(), 1e-9 * h.mean());
        long below = Arrays.stream(v).filter(x -> x < 1).count();
        assertEquals((double) below / v.length, h.shareBelow(1), 0.002);
        assertThrows(IllegalArgumentException.class, () -> h.record(-1));
    }
}
