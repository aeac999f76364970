package dev.thaw.workload.replay;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Transformations of a real trace for replay: as is, time-warped, rate-scaled, restricted to a window, or reduced to
 * a representative subset of functions. All return new traces; randomised ones take a seed.
 */
public final class Replay {
    private Replay() {}

    /** Every event unchanged. */
    public static InvocationTrace asIs(InvocationTrace t) {
        return new InvocationTrace(t.times(), functionsOf(t), durationsOf(t), t.functionNames());
    }

    /** Speeds the trace up by {@code speedup} around its start: t' = t0 + (t - t0) / speedup (durations kept). */
    public static InvocationTrace timeWarp(InvocationTrace t, double speedup) {
        if (!(speedup > 0) || Double.isInfinite(speedup)) throw new IllegalArgumentException("speed-up must be positive and finite, got " + speedup);
        double t0 = t.startS();
        double[] ts = new double[t.size()];
        for (int i = 0; i < ts.length; i++) ts[i] = t0 + (t.time(i) - t0) / speedup;
        return new InvocationTrace(ts, functionsOf(t), durationsOf(t), t.functionNames());
    }

    /**
     * Scales the rate by {@code factor}: below 1 by independent thinning (each event kept with probability factor);
     * above 1 by superposition: the original plus floor(factor) - 1 replicas, then a thinned one for the fraction.
     * Each replica shifts every function's events by its own random offset, wrapping around within the trace span,
     * so per-function burst structure is kept but replicas do not coincide. factor = 1 returns the trace unchanged.
     */
    public static InvocationTrace rateScale(InvocationTrace t, double factor, long seed) {
        if (factor == 1) return asIs(t);
        double[] times = t.times();
        RateScaler.Scaled sc = RateScaler.scale(times, functionsOf(t), t.functions(), factor, seed);
        int m = sc.times().length;
        int[] fs = new int[m];
        double[] ds = new double[m];
        for (int j = 0; j < m; j++) { fs[j] = t.function(sc.source()[j]); ds[j] = t.duration(sc.source()[j]); }
        return new InvocationTrace(sc.times(), fs, ds, t.functionNames());
    }

    /** Events with fromS <= time < toS, times unchanged. */
    public static InvocationTrace window(InvocationTrace t, double fromS, double toS) {
        if (!(fromS <= toS)) throw new IllegalArgumentException("window start " + fromS + " is after its end " + toS);
        int a = 0, b = t.size();
        while (a < b && t.time(a) < fromS) a++;
        while (b > a && t.time(b - 1) >= toS) b--;
        double[] ts = new double[b - a], ds = new double[b - a];
        int[] fs = new int[b - a];
        for (int i = a; i < b; i++) { ts[i - a] = t.time(i); fs[i - a] = t.function(i); ds[i - a] = t.duration(i); }
        return new InvocationTrace(ts, fs, ds, t.functionNames());
    }

    /** A subset of functions, their events, and how far its per-function rate distribution is from the full set's. */
    public record Downsample(InvocationTrace trace, int[] keptFunctions, double log10RateWasserstein) {}

    /**
     * Keeps {@code k} functions representative of the distribution of per-function rates: functions sorted by
     * invocation count are cut into k strata of equal size and one function is drawn from each. Reports the
     * Wasserstein-1 distance between the kept and the full distributions of log10(invocations per second).
     * Kept functions are renumbered densely in stratum order.
     */
    public static Downsample downsampleFunctions(InvocationTrace t, int k, long seed) {
        int nf = t.functions();
        if (k < 1 || k > nf) throw new IllegalArgumentException("keep between 1 and " + nf + " functions, got " + k);
        long[] counts = t.countsPerFunction();
        Integer[] order = new Integer[nf];
        for (int i = 0; i < nf; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[a], counts[b]) : Integer.compare(a, b));
        SplittableRandom rng = new SplittableRandom(seed);
        int[] kept = new int[k];
        for (int s = 0; s < k; s++) {
            int lo = (int) ((long) s * nf / k), hi = (int) ((long) (s + 1) * nf / k);
            kept[s] = order[lo + rng.nextInt(hi - lo)];
        }
        int[] newIndex = new int[nf];
        Arrays.fill(newIndex, -1);
        String[] names = new String[k];
        for (int s = 0; s < k; s++) { newIndex[kept[s]] = s; names[s] = t.functionName(kept[s]); }
        int m = 0;
        for (int i = 0; i < t.size(); i++) if (newIndex[t.function(i)] >= 0) m++;
        double[] ts = new double[m], ds = new double[m];
        int[] fs = new int[m];
        for (int i = 0, j = 0; i < t.size(); i++) {
            int f = newIndex[t.function(i)];
            if (f < 0) continue;
            ts[j] = t.time(i); fs[j] = f; ds[j] = t.duration(i); j++;
        }
        double span = Math.max(t.endS() - t.startS(), 1);
        double[] all = new double[nf], sub = new double[k];
        for (int f = 0; f < nf; f++) all[f] = Math.log10(Math.max(counts[f], 0.5) / span);
        for (int s = 0; s < k; s++) sub[s] = all[kept[s]];
        double w = dev.thaw.workload.calibrate.SimpleBurstinessStats.INSTANCE.wasserstein(all, sub);
        return new Downsample(new InvocationTrace(ts, fs, ds, names), kept, w);
    }

    private static int[] functionsOf(InvocationTrace t) {
        int[] out = new int[t.size()];
        for (int i = 0; i < out.length; i++) out[i] = t.function(i);
        return out;
    }

    private static double[] durationsOf(InvocationTrace t) {
        double[] out = new double[t.size()];
        for (int i = 0; i < out.length; i++) out[i] = t.duration(i);
        return out;
    }
}
