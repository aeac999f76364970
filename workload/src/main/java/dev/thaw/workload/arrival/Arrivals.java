package dev.thaw.workload.arrival;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Helpers to materialise arrival processes as primitive arrays. */
public final class Arrivals {
    private Arrivals() {}

    /** All arrivals of {@code model} in [0, horizonS), seeded. */
    public static double[] until(ArrivalModel model, long seed, double horizonS) {
        return until(model.start(0, new SplittableRandom(seed)), horizonS);
    }

    /** Drains {@code process} up to (excluding) {@code horizonS}. */
    public static double[] until(ArrivalProcess process, double horizonS) {
        double[] out = new double[1024];
        int n = 0;
        for (double t = process.next(); t < horizonS; t = process.next()) {
            if (n == out.length) out = Arrays.copyOf(out, n * 2);
            out[n++] = t;
        }
        return Arrays.copyOf(out, n);
    }
}
