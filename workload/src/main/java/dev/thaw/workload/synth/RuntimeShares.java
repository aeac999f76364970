package dev.thaw.workload.synth;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * Assigns runtimes to functions so that the cold starts per runtime follow Region 2's published counts: functions
 * in decreasing order of cold starts each take the runtime with the largest remaining deficit (largest-remainder
 * apportionment). Functions without cold starts get a runtime drawn from the same shares.
 */
public final class RuntimeShares {
    public static final String[] RUNTIMES = {"Python3", "Node.js", "Custom", "Java", "Python2", "Go1.x", "PHP7.3", "http", "C#", "unknown"};
    /** Published Region 2 cold starts by runtime (docs/analytics.md). */
    public static final long[] REGION2_COLD_STARTS = {1_190_731, 287_253, 186_452, 165_695, 165_673, 30_045, 25_591, 18_167, 3_105, 111};

    private RuntimeShares() {}

    public static double[] shares() {
        double total = Arrays.stream(REGION2_COLD_STARTS).sum();
        return Arrays.stream(REGION2_COLD_STARTS).mapToDouble(c -> c / total).toArray();
    }

    /** Runtime index per function, given each function's cold-start count. Deterministic (ties by index). */
    public static int[] assign(long[] coldStartsPerFunction, SplittableRandom rng) {
        double[] share = shares();
        long total = Arrays.stream(coldStartsPerFunction).sum();
        double[] assigned = new double[share.length];
        int[] runtime = new int[coldStartsPerFunction.length];
        Integer[] order = new Integer[runtime.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> -coldStartsPerFunction[i]).thenComparingInt(i -> i));
        for (int f : order) {
            long c = coldStartsPerFunction[f];
            if (c == 0) { runtime[f] = HuaweiFunctionPopulation.pick(share, rng); continue; }
            int best = 0;
            double bestGap = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < share.length; r++) {
                double gap = share[r] * total - assigned[r] - c / 2.0; // deficit left if f goes to r, centred
                if (gap > bestGap) { bestGap = gap; best = r; }
            }
            runtime[f] = best;
            assigned[best] += c;
        }
        return runtime;
    }

    /** How much a runtime multiplies the cold-start time (Custom and http images are slow: median over 10 s in R2). */
    public static double coldStartFactor(String runtime) {
        return switch (runtime) {
            case "Custom", "http" -> 8.0;
            case "Java" -> 1.3;
            default -> 1.0;
        };
    }
}
