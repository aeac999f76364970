package dev.thaw.analysis.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class Mmpp2FitterTest {
    /** Counts per bin of a simulated MMPP2 (exact event simulation, then binned). */
    static long[] simulate(Mmpp2 m, double horizon, double bin, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] counts = new long[(int) (horizon / bin)];
        double t = 0;
        int state = 0;
        while (t < horizon) {
            double q = state == 0 ? m.q01() : m.q10(), rate = state == 0 ? m.rate0() : m.rate1();
            double end = t - Math.log(1 - r.nextDouble()) / q;
            for (double a = t - Math.log(1 - r.nextDouble()) / rate; a < Math.min(end, horizon); a -= Math.log(1 - r.nextDouble()) / rate) {
                int i = (int) (a / bin);
                if (i < counts.length) counts[i]++;
            }
            t = end;
            state = 1 - state;
        }
        return counts;
    }

    @Test void recoversRatesAndSwitching() {
        Mmpp2 truth = new Mmpp2(1.0, 8.0, 1.0 / 300, 1.0 / 100);
        long[] counts = simulate(truth, 400_000, 5, 11);
        Mmpp2 fit = Mmpp2Fitter.fit(counts, 5);
        assertEquals(1.0, fit.rate0(), 0.05);
        assertEquals(8.0, fit.rate1(), 0.25);
        // ~1,000 sojourns of each state: a few per cent of sampling error, plus the within-bin switching bias
        assertEquals(truth.q01(), fit.q01(), truth.q01() * 0.15);
        assertEquals(truth.q10(), fit.q10(), truth.q10() * 0.15);
        // EM preserves the sample mean rate
        double sampleRate = java.util.Arrays.stream(counts).sum() / (counts.length * 5.0);
        assertEquals(sampleRate, fit.meanRate(), sampleRate * 0.01);
    }

    @Test void closedFormIdcIsOneForEqualRatesAndGrowsWithWindow() {
        assertEquals(1.0, new Mmpp2(3, 3, 0.1, 0.1).idc(60), 1e-12);
        Mmpp2 m = new Mmpp2(1.0, 8.0, 1.0 / 300, 1.0 / 100);
        assertEquals(true, m.idc(600) > m.idc(10));
        long[] c = simulate(m, 400_000, 60, 12);
        double mean = 0, var = 0;
        for (long x : c) mean += x;
        mean /= c.length;
        for (long x : c) var += (x - mean) * (x - mean);
        var /= c.length;
        assertEquals(m.idc(60), var / mean, m.idc(60) * 0.15);
    }

    @Test void constantCountsHaveNoSecondState() {
        assertNull(Mmpp2Fitter.fit(new long[100], 1));
        long[] flat = new long[100];
        java.util.Arrays.fill(flat, 4);
        assertNull(Mmpp2Fitter.fit(flat, 1));
    }

    @Test void diurnalProfileOfASinusoidalRate() {
        Well19937c rng = new Well19937c(5);
        int days = 7;
        long[] perMinute = new long[days * 1440];
        for (int i = 0; i < perMinute.length; i++) {
            double hour = (i % 1440) / 60.0;
            double rel = 1 + 0.5 * Math.sin(2 * Math.PI * hour / 24);
            perMinute[i] = new PoissonDistribution(rng, 60 * rel, 1e-12, 1000).sample();
        }
        DiurnalProfile p = DiurnalProfile.fromCounts(perMinute, 60, 0);
        double mean = 0;
        for (int h = 0; h < 24; h++) {
            double expected = 1 + 0.5 * Math.sin(2 * Math.PI * (h + 0.5) / 24) ;
            // averaging over the hour shrinks the sine by sinc(pi/24) = 0.9971
            assertEquals(1 + (expected - 1) * 0.9971, p.relativeRate()[h], 0.02, "hour " + h);
            mean += p.relativeRate()[h] / 24;
        }
        assertEquals(1.0, mean, 1e-12);
        assertNull(DiurnalProfile.fromCounts(new long[60], 60, 0), "one hour is not a diurnal profile");
    }
}
