package dev.thaw.workload.arrival;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.workload.calibrate.SimpleBurstinessStats;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each process must reproduce its defining statistics (rate, CV, IDC, state rates, profile). */
class ArrivalProcessesTest {
    private static final SimpleBurstinessStats S = SimpleBurstinessStats.INSTANCE;

    private static void near(double expected, double actual, double relTol, String what) {
        assertTrue(Math.abs(actual - expected) <= relTol * Math.abs(expected),
                what + ": expected " + expected + " +-" + (relTol * 100) + "%, got " + actual);
    }

    @Test void poissonHasItsRateUnitCvAndUnitIdc() {
        double[] t = Arrivals.until(new PoissonArrivals(5), 1, 100_000);
        near(5, t.length / 100_000.0, 0.01, "rate");
        near(1, S.iatCv(t), 0.02, "IAT CV");
        near(1, S.idc(t, 1), 0.05, "IDC(1s)");
        near(1, S.idc(t, 10), 0.08, "IDC(10s)");
        near(0.5, S.hurst(t), 0.1, "Hurst");
    }

    @Test void renewalGapsHaveTheirMeanAndCv() {
        GapDistribution[] gaps = {new Gaps.GammaGaps(0.25, 4), new Gaps.Weibull(0.5, 1), new Gaps.Lognormal(-0.5, 1),
                new Gaps.Exponential(2), new Gaps.Pareto(1, 3.5)};
        double[] expectedCv = {2, Math.sqrt(5), Math.sqrt(Math.E - 1), 1, 1 / Math.sqrt(3.5 * 1.5)};
        for (int i = 0; i < gaps.length; i++) {
            GapDistribution g = gaps[i];
            near(expectedCv[i], g.cv(), 1e-9, g + " closed-form CV");
            ArrivalProcess p = new RenewalArrivals(g).start(0, new SplittableRandom(7 + i));
            double[] t = new double[300_001];
            for (int k = 0; k < t.length; k++) t[k] = p.next();
            near(g.mean(), t[t.length - 1] / (t.length), 0.02, g + " mean gap");
            near(g.cv(), S.iatCv(t), 0.05, g + " IAT CV");
        }
    }

    @Test void mmppReproducesStateRatesMeanAndIdcCurve() {
        Mmpp2Arrivals m = new Mmpp2Arrivals(0.5, 20, 0.02, 0.1);
        Mmpp2Arrivals.Process p = m.start(0, new SplittableRandom(11));
        int n = 800_000;
        double[] t = new double[n];
        long[] inState = new long[2];
        for (int i = 0; i < n; i++) { t[i] = p.next(); inState[p.state()]++; }
        near(0.5, inState[0] / p.timeInState(0), 0.03, "state-0 rate");
        near(20, inState[1] / p.timeInState(1), 0.03, "state-1 rate");
        near(m.pi1(), p.timeInState(1) / t[n - 1], 0.05, "time share of state 1");
        near(m.meanRatePerS(), n / t[n - 1], 0.04, "mean rate");
        for (double w : new double[] {1, 10, 60}) near(m.idc(w), S.idc(t, w), 0.15, "IDC(" + w + "s)");
        assertTrue(m.idc(60) > 5 * m.idc(1) / 2, "IDC must grow with the window for an MMPP");
        near(m.iatCv(), S.iatCv(t), 0.05, "IAT CV against the MAP closed form");
    }

    @Test void nonHomogeneousPoissonFollowsTheDiurnalProfile() {
        RateProfile day = RateProfile.sinusoidalDay(10, 14);
        double[] t = Arrivals.until(new NonHomogeneousPoissonArrivals(1, day), 3, 10 * 86400);
        near(1, t.length / (10 * 86400.0), 0.01, "mean rate");
        double[] perHour = new double[24];
        for (double x : t) perHour[(int) (x % 86400 / 3600)]++;
        for (int h = 0; h < 24; h++) near(day.relative()[h], perHour[h] / (t.length / 24.0), 0.04, "hour " + h);
        double peak = perHour[14], trough = perHour[2];
        near(day.relative()[14] / day.relative()[2], peak / trough, 0.06, "peak-to-trough");
    }

    @Test void weeklyProfileTimesDiurnalKeepsWeekendLower() {
        double[] week = new double[168];
        for (int h = 0; h < 168; h++) week[h] = h < 120 ? 1 : 0.5;
        RateProfile p = RateProfile.weekly(week).times(RateProfile.sinusoidalDay(3, 12));
        double[] t = Arrivals.until(new NonHomogeneousPoissonArrivals(0.5, p), 5, 8 * 7 * 86400);
        long weekday = 0, weekend = 0;
        for (double x : t) if (x % (7 * 86400) < 5 * 86400) weekday++; else weekend++;
        near(2, (weekday / 5.0) / (weekend / 2.0), 0.03, "weekday/weekend daily volume");
    }

    @Test void hawkesHasItsStationaryRateAndClusterDispersion() {
        HawkesArrivals h = new HawkesArrivals(1, 0.6, 1.2);
        double[] t = Arrivals.until(h, 13, 200_000);
        near(h.meanRatePerS(), t.length / 200_000.0, 0.03, "rate mu/(1-n)");
        near(h.idcLimit(), S.idc(t, 100), 0.12, "IDC(100s) vs 1/(1-n)^2");
        assertTrue(S.iatCv(t) > 1.2, "clusters make gaps more variable than Poisson");
    }

    @Test void batchesMultiplyDispersionByTheSecondMomentRatio() {
        BatchedArrivals b = new BatchedArrivals(new PoissonArrivals(2), new double[] {0, 0.6, 0.3, 0.1}, new Gaps.Exponential(10_000));
        double[] t = Arrivals.until(b, 17, 100_000);
        near(b.meanRatePerS(), t.length / 100_000.0, 0.02, "rate");
        near(b.secondMomentRatio(), S.idc(t, 10), 0.08, "IDC(10s) = E[B^2]/E[B]");
    }

    @Test void minuteCountsArePreservedAndPhasesSpreadAcrossTheMinute() {
        SplittableRandom rng = new SplittableRandom(19);
        double[] counts = {3, 0, 7, 1, 60, 2};
        for (MinuteCounts.Placement p : new MinuteCounts.Placement[] {MinuteCounts.Placement.UNIFORM, MinuteCounts.Placement.EQUIDISTANT}) {
            double[] t = MinuteCounts.expand(counts, 600, p, rng);
            long[] per = new long[counts.length];
            for (int i = 0; i < t.length; i++) {
                per[(int) ((t[i] - 600) / 60)]++;
                if (i > 0) assertTrue(t[i] >= t[i - 1], "sorted");
            }
            for (int m = 0; m < counts.length; m++) assertEquals((long) counts[m], per[m], p + " minute " + m);
        }
        // one invocation per minute for 2000 functions: with random phases only ~1/60 land in the first second
        int first = 0, total = 0;
        for (int f = 0; f < 2000; f++) {
            for (double x : MinuteCounts.expand(new double[] {1, 1, 1}, 0, MinuteCounts.Placement.EQUIDISTANT, rng)) {
                total++;
                if (x % 60 < 1) first++;
            }
        }
        near(1 / 60.0, first / (double) total, 0.25, "share in the first second of the minute");
        double[] many = new double[2000];
        java.util.Arrays.fill(many, 30);
        near(60_000, MinuteCounts.expand(many, 0, MinuteCounts.Placement.POISSON, rng).length, 0.02, "Poisson placement keeps the mean");
    }

    @Test void everyProcessIsBitForBitReproducibleFromItsSeed() {
        ArrivalModel[] models = {new PoissonArrivals(3), new RenewalArrivals(new Gaps.GammaGaps(0.5, 1)),
                new Mmpp2Arrivals(0.1, 5, 0.01, 0.05), new NonHomogeneousPoissonArrivals(2, RateProfile.sinusoidalDay(4, 9)),
                new HawkesArrivals(0.5, 0.5, 1)};
        for (ArrivalModel m : models) {
            double[] a = Arrivals.until(m, 42, 5000), b = Arrivals.until(m, 42, 5000), c = Arrivals.until(m, 43, 5000);
            assertArrayEquals(a, b, m + " same seed");
            assertFalse(java.util.Arrays.equals(a, c), m + " different seed");
        }
    }

    @Test void badParametersAreRejectedWithAClearMessage() {
        assertThrows(IllegalArgumentException.class, () -> new PoissonArrivals(0));
        assertThrows(IllegalArgumentException.class, () -> new HawkesArrivals(1, 2, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gaps.of("gamma", java.util.Map.of("shape", 1.0)));
        assertTrue(e.getMessage().contains("scale"), e.getMessage());
    }
}
