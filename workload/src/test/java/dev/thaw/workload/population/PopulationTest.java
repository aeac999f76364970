package dev.thaw.workload.population;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.workload.faas.Invocation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PopulationTest {
    static double median(double[] v) { double[] c = v.clone(); Arrays.sort(c); return c[c.length / 2]; }

    @Test void crossFunctionDistributionsFollowThePublishedFits() {
        List<FunctionProfile> fs = PopulationModel.defaults().draw(20_000, 1);
        double[] log10Rate = fs.stream().mapToDouble(f -> Math.log10(f.arrivals().meanRatePerS())).sorted().toArray();
        assertTrue(log10Rate[log10Rate.length * 99 / 100] - log10Rate[log10Rate.length / 100] > 8, "rates span over 8 decades between p1 and p99");
        assertTrue(log10Rate[log10Rate.length - 1] <= 4 && log10Rate[0] >= Math.log10(PopulationModel.MIN_RATE) - 1e-9, "clamped");
        assertEquals(Math.log10(1 / 600.0), median(log10Rate), 0.1, "median rate 1 per 10 min");
        assertEquals(Math.exp(-0.38), Math.exp(median(fs.stream().mapToDouble(FunctionProfile::execMu).toArray())), 0.05, "exec median (Azure 2019 lognormal)");
        double burrMedian = 107.083 * Math.pow(Math.pow(2, 1 / 0.221) - 1, 1 / 11.652);
        assertEquals(burrMedian, median(fs.stream().mapToDouble(FunctionProfile::memoryMb).toArray()), 0.03 * burrMedian, "memory median (Burr XII)");
        long python = fs.stream().filter(f -> f.runtime().equals("Python3")).count();
        assertEquals(0.574, python / 20_000.0, 0.02, "Python3 share");
        long timers = fs.stream().filter(f -> f.trigger().startsWith("TIMER")).count();
        assertEquals(0.3, timers / 20_000.0, 0.02, "timer share");
    }

    @Test void mergedStreamIsOrderedHasThePopulationRateAndIsReproducible() {
        List<FunctionProfile> fs = PopulationModel.defaults().withRates(0.05, 1).draw(2000, 7);
        double horizon = 3600;
        InvocationStream s = new InvocationStream(fs, 3, 0, horizon);
        long n = 0;
        double last = -1;
        long[] perFunction = new long[fs.size()];
        while (s.hasNext()) {
            Invocation inv = s.next();
            assertTrue(inv.timeS() >= last && inv.timeS() < horizon);
            assertTrue(inv.durationS() > 0);
            last = inv.timeS();
            perFunction[inv.function()]++;
            n++;
        }
        // aggregate rate: compare with the expectation over functions slow enough to be well estimated in an hour
        double expected = 0, observed = 0;
        for (FunctionProfile f : fs) {
            double r = f.arrivals().meanRatePerS();
            if (r * horizon > 200 && r * horizon < 1e6) { expected += r * horizon; observed += perFunction[f.id()]; }
        }
        assertEquals(expected, observed, 0.05 * expected, "per-function counts follow their rates");

        InvocationStream a = new InvocationStream(fs, 3, 0, horizon), b = new InvocationStream(fs, 3, 0, horizon);
        double[] ta = new double[5000], tb = new double[5000], da = new double[5000], db = new double[5000];
        int[] fa = new int[5000], fb = new int[5000];
        assertEquals(5000, a.fill(ta, fa, da, 5000));
        for (int i = 0; i < 5000; i++) { Invocation x = b.next(); tb[i] = x.timeS(); fb[i] = x.function(); db[i] = x.durationS(); }
        assertArrayEquals(ta, tb);
        assertArrayEquals(fa, fb);
        assertArrayEquals(da, db);
        assertTrue(n > 100_000, "events: " + n);
    }

    @Test void windowedStreamYieldsExactlyTheHeapStreamsEvents() {
        List<FunctionProfile> fs = PopulationModel.defaults().withRates(0.2, 1).draw(500, 5);
        InvocationStream heap = new InvocationStream(fs, 9, 0, 2000);
        WindowedInvocationStream win = new WindowedInvocationStream(fs, 9, 0, 2000, 1000);
        int cap = 4096;
        double[] t1 = new double[cap], t2 = new double[cap], d1 = new double[cap], d2 = new double[cap];
        int[] f1 = new int[cap], f2 = new int[cap];
        long total = 0;
        while (true) {
            int a = heap.fill(t1, f1, d1, cap), b = win.fill(t2, f2, d2, cap);
            assertEquals(a, b, "batch sizes after " + total + " events");
            if (a == 0) break;
            for (int i = 0; i < a; i++) {
                assertEquals(t1[i], t2[i], "time of event " + (total + i));
                assertEquals(f1[i], f2[i], "function of event " + (total + i));
                assertEquals(d1[i], d2[i], "duration of event " + (total + i));
            }
            total += a;
        }
        assertTrue(total > 100_000, "events: " + total);
    }
}
