package dev.thaw.workload.population;

import dev.thaw.workload.arrival.ArrivalProcess;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fast path of {@link InvocationStream}: the same events in the same order (same seed, same per-function
 * generators), produced a time window at a time. Each function runs ahead to the end of the window, appending its
 * events (sequential per function, cache-friendly), then the window is sorted by (time, function) with a counting
 * sort into fine time buckets and a stable insertion sort inside each bucket: O(1) per event instead of the heap's
 * O(log functions). Memory is O(functions + events per window); the window adapts to hold about
 * {@code targetPerWindow} events, so it does not grow with the total number of events.
 */
public final class WindowedInvocationStream {
    private final ArrivalProcess[] process;
    private final SplittableRandom[] durations;
    private final double[] execMu, execSigma, pending;
    private final double endS;
    private final int targetPerWindow;
    private double windowStart, windowLen;
    // current window, sorted
    private double[] wt = new double[16], wd = new double[16], st = new double[16], sd = new double[16];
    private int[] wf = new int[16], sf = new int[16], bucket = new int[16], counts = new int[17];
    private int size, pos;
    private boolean exhausted;

    public WindowedInvocationStream(List<FunctionProfile> functions, long seed, double startS, double endS, int targetPerWindow) {
        if (targetPerWindow < 1) throw new IllegalArgumentException("events per window must be >= 1");
        int n = functions.size();
        SplittableRandom master = new SplittableRandom(seed);
        process = new ArrivalProcess[n];
        durations = new SplittableRandom[n];
        execMu = new double[n];
        execSigma = new double[n];
        pending = new double[n];
        double rate = 0;
        for (int i = 0; i < n; i++) {
            FunctionProfile f = functions.get(i);
            if (f.id() != i) throw new IllegalArgumentException("function ids must be 0..n-1 in order, got " + f.id() + " at " + i);
            SplittableRandom fr = master.split();
            process[i] = f.arrivals().start(startS, fr.split());
            durations[i] = fr.split();
            execMu[i] = f.execMu();
            execSigma[i] = f.execSigma();
            pending[i] = process[i].next();
            rate += f.arrivals().meanRatePerS();
        }
        this.endS = endS;
        this.targetPerWindow = targetPerWindow;
        this.windowStart = startS;
        this.windowLen = rate > 0 ? targetPerWindow / rate : 1;
    }

    public WindowedInvocationStream(List<FunctionProfile> functions, long seed, double startS, double endS) {
        this(functions, seed, startS, endS, Integer.getInteger("thaw.window", 1 << 16));
    }

    /** Writes up to {@code max} next invocations into the arrays; returns how many (0 at the end of the stream). */
    public int fill(double[] time, int[] function, double[] duration, int max) {
        int k = 0;
        while (k < max) {
            if (pos == size) {
                if (exhausted || !nextWindow()) break;
                continue;
            }
            int m = Math.min(max - k, size - pos);
            System.arraycopy(st, pos, time, k, m);
            System.arraycopy(sf, pos, function, k, m);
            System.arraycopy(sd, pos, duration, k, m);
            pos += m;
            k += m;
        }
        return k;
    }

    /** Generates and sorts the next non-empty window; false when the stream has ended. */
    private boolean nextWindow() {
        while (true) {
            if (windowStart >= endS) { exhausted = true; return false; }
            double end = Math.min(windowStart + windowLen, endS);
            int n = 0;
            boolean any = false;
            for (int f = 0; f < process.length; f++) {
                double t = pending[f];
                if (t >= endS) continue;
                any = true;
                if (t >= end) continue;
                ArrivalProcess p = process[f];
                SplittableRandom r = durations[f];
                double mu = execMu[f], sg = execSigma[f];
                do {
                    if (n == wt.length) grow(n * 2);
                    wt[n] = t; wf[n] = f; wd[n] = Math.exp(mu + sg * r.nextGaussian());
                    n++;
                    t = p.next();
                } while (t < end);
                pending[f] = t;
            }
            double len = end - windowStart;
            windowStart = end;
            // adapt the window to hold about the target number of events (deterministic: depends on counts only)
            windowLen = len * Math.max(0.5, Math.min(2.0, targetPerWindow / Math.max(n, 1.0)));
            if (n > 0) { sort(n, end - len, len); size = n; pos = 0; return true; }
            if (!any) { exhausted = true; return false; }
        }
    }

    /** Counting sort into fine time buckets (stable), then insertion sort inside each bucket, on contiguous arrays. */
    private void sort(int n, double start, double len) {
        int buckets = Math.max(1, n / 2);
        if (counts.length < buckets + 1) counts = new int[buckets + 1];
        Arrays.fill(counts, 0, buckets + 1, 0);
        double scale = buckets / len;
        int last = buckets - 1;
        for (int i = 0; i < n; i++) {
            int b = (int) ((wt[i] - start) * scale);
            b = b < 0 ? 0 : b > last ? last : b;
            bucket[i] = b;
            counts[b + 1]++;
        }
        for (int b = 0; b < buckets; b++) counts[b + 1] += counts[b];
        for (int i = 0; i < n; i++) { // scatter, keeping arrival order within a bucket
            int p = counts[bucket[i]]++;
            st[p] = wt[i]; sf[p] = wf[i]; sd[p] = wd[i];
        }
        // counts[b] is now the end of bucket b and the start of bucket b + 1
        for (int b = 0, from = 0; b < buckets; b++) {
            int to = counts[b];
            for (int i = from + 1; i < to; i++) { // stable insertion sort on (time, function)
                double t = st[i], d = sd[i];
                int f = sf[i], j = i - 1;
                while (j >= from && (st[j] > t || (st[j] == t && sf[j] > f))) { st[j + 1] = st[j]; sf[j + 1] = sf[j]; sd[j + 1] = sd[j]; j--; }
                st[j + 1] = t; sf[j + 1] = f; sd[j + 1] = d;
            }
            from = to;
        }
    }

    private void grow(int cap) {
        wt = Arrays.copyOf(wt, cap); wd = Arrays.copyOf(wd, cap); wf = Arrays.copyOf(wf, cap);
        st = Arrays.copyOf(st, cap); sd = Arrays.copyOf(sd, cap); sf = Arrays.copyOf(sf, cap);
        bucket = Arrays.copyOf(bucket, cap);
    }
}
