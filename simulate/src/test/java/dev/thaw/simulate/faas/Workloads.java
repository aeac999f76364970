package dev.thaw.simulate.faas;

import dev.thaw.workload.faas.Invocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Small seeded workloads for the tests. */
final class Workloads {
    private Workloads() {}

    /** Per function, arrivals with gaps uniform in [minGap, maxGap] and durations uniform in [0, maxDur], merged by time. */
    static List<Invocation> gaps(int functions, int perFunction, double minGap, double maxGap, double maxDur, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Invocation> out = new ArrayList<>();
        for (int f = 0; f < functions; f++) {
            double t = r.nextDouble(0, maxGap);
            for (int i = 0; i < perFunction; i++) {
                out.add(new Invocation(t, f, r.nextDouble(0, maxDur)));
                t += r.nextDouble(minGap, maxGap);
            }
        }
        out.sort(Comparator.comparingDouble(Invocation::timeS).thenComparingInt(Invocation::function));
        return out;
    }

    /** Poisson arrivals at {@code rate} per second over {@code functions} with Zipf-ish popularity, exponential durations. */
    static List<Invocation> poisson(int functions, double rate, double horizonS, double meanDur, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] cum = new double[functions];
        double s = 0;
        for (int f = 0; f < functions; f++) cum[f] = s += 1.0 / (f + 1);
        List<Invocation> out = new ArrayList<>();
        double t = 0;
        while (true) {
            t += -Math.log(1 - r.nextDouble()) / rate;
            if (t > horizonS) break;
            double u = r.nextDouble() * s;
            int f = 0;
            while (cum[f] < u) f++;
            out.add(new Invocation(t, f, -Math.log(1 - r.nextDouble()) * meanDur));
        }
        return out;
    }
}
