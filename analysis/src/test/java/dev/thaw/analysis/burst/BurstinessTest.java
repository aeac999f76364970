package dev.thaw.analysis.burst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BurstinessTest {
    static double[] poisson(double rate, double horizon, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] buf = new double[(int) (rate * horizon * 1.1) + 16];
        int n = 0;
        for (double t = -Math.log(1 - r.nextDouble()) / rate; t < horizon; t += -Math.log(1 - r.nextDouble()) / rate) {
            if (n == buf.length) buf = java.util.Arrays.copyOf(buf, n * 2);
            buf[n++] = t;
        }
        return java.util.Arrays.copyOf(buf, n);
    }

    @Test void poissonProcessIsMemoryless() {
        Burstiness b = Burstiness.of(poisson(2.0, 400_000, 42));
        assertEquals(1.0, b.iatCv(), 0.01);
        assertEquals(0.0, b.gohBarabasi(), 0.01);
        assertEquals(2.0, b.ratePerS(), 0.02);
        // IDC sampling sd ~ sqrt(2/windows): 0.13 with 111 one-hour windows; the shorter windows are tighter
        assertEquals(1.0, b.idc().get("1s"), 0.03);
        assertEquals(1.0, b.idc().get("10s"), 0.05);
        assertEquals(1.0, b.idc().get("60s"), 0.08);
        assertEquals(1.0, b.idc().get("600s"), 0.2);
        assertEquals(1.0, b.idc().get("3600s"), 0.4);
        assertEquals(0.5, b.hurst(), 0.06);
    }

    @Test void handComputedIats() {
        Burstiness b = Burstiness.of(new double[] {0, 1, 3, 6});
        assertEquals(2.0, b.iatMean(), 1e-12);
        assertEquals(Math.sqrt(2.0 / 3), b.iatSd(), 1e-12);
        assertEquals(Math.sqrt(2.0 / 3) / 2, b.iatCv(), 1e-12);
        assertEquals(0.5, b.ratePerS(), 1e-12);
        // per-second counts 1,1,0,1,0,0,1: mean 4/7, population variance 4/7 - 16/49 = 12/49
        assertEquals((12.0 / 49) / (4.0 / 7), b.idc().get("1s"), 1e-12);
    }

    @Test void periodicArrivalsHaveZeroCvAndNegativeB() {
        double[] t = new double[10_000];
        for (int i = 0; i < t.length; i++) t[i] = i * 0.5;
        Burstiness b = Burstiness.of(t);
        assertEquals(0.0, b.iatCv(), 1e-9);
        assertEquals(-1.0, b.gohBarabasi(), 1e-9);
        assertEquals(0.0, b.idc().get("1s"), 1e-12);
    }

    @Test void clusteredArrivalsAreBurstyAndLongRangeDependent() {
        // on/off source: Poisson at 20/s during heavy-tailed (Pareto 1.2) ON periods, silent OFF periods
        SplittableRandom r = new SplittableRandom(7);
        double[] buf = new double[4_000_000];
        int n = 0;
        double t = 0;
        while (t < 200_000 && n < buf.length - 1000) {
            double on = Math.pow(1 - r.nextDouble(), -1 / 1.2), end = t + on;
            for (double a = t + -Math.log(1 - r.nextDouble()) / 20; a < end && n < buf.length; a += -Math.log(1 - r.nextDouble()) / 20) buf[n++] = a;
            t = end + Math.pow(1 - r.nextDouble(), -1 / 1.2);
        }
        Burstiness b = Burstiness.of(java.util.Arrays.copyOf(buf, n));
        assertTrue(b.iatCv() > 1.3, "cv " + b.iatCv());
        assertTrue(b.idc().get("600s") > 10 * b.idc().get("1s"), "idc grows with window " + b.idc());
        assertTrue(b.hurst() > 0.7, "hurst " + b.hurst());
    }

    @Test void rejectsUnsortedInput() {
        assertThrows(IllegalArgumentException.class, () -> Burstiness.of(new double[] {0, 2, 1}));
    }
}
