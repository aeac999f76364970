package dev.thaw.workload.population;

import dev.thaw.workload.arrival.ArrivalProcess;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fast path of {@link InvocationStream}: the same events in the same order (same seed, same per-function
 * generators), produced a fixed-length time window at a time. A calendar of functions (one slot per upcoming window,
 * plus an overflow list beyond the horizon) hands each window only the functions with an arrival in it; each runs
 * ahead to the end of the window, appending its events (sequential per function, cache-friendly); the window is then
 * sorted by a counting sort into fine time buckets and a stable insertion sort inside each bucket: O(1) per event
 * instead of the heap's O(log functions). Memory is O(functions + events per window) and does not grow with the
 * total number of events; the window length is chosen to hold about {@code targetPerWindow} events on average.
 */
public final class WindowedInvocationStream {
    private final ArrivalProcess[] process;
    private final SplittableRandom[] durations;
    private final double[] execMu, execSigma, pending;
    private final double endS;
    private final int targetPerWindow;
    private static final int SLOTS = 1024;
    private final double origin, windowLen;
    private long window;
    private final int[][] slot = new int[SLOTS][];
    private final int[] slotSize = new int[SLOTS];
    private int[] overflow = new int[16], spare = new int[16];
    private int overflowSize, live;
    // current window, sorted
    private double[] wt = new double[16], wd = new double[16], st = new double[16], sd = new double[16];
    private int[] wf = new int[16], sf = new int[16], bucket = new int[16], counts = new int[17];
    private final double[] following = new double[1];
    private int size, pos, batchStart;
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
        this.origin = startS;
        // fixed window length holding about targetPerWindow events at the population's mean rate
        this.windowLen = rate > 0 && Double.isFinite(rate) ? targetPerWindow / rate : 1;
        for (int s = 0; s < SLOTS; s++) slot[s] = new int[4];
        live = n;
        for (int f = 0; f < n; f++) schedule(f, 0);
    }

    public WindowedInvocationStream(List<FunctionProfile> functions, long seed, double startS, double endS) {
        this(functions, seed, startS, endS, Integer.getInteger("thaw.window", 1 << 14));
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

    /**
     * Zero-copy form of {@link #fill}: advances to the next batch of events (the rest of the current window) and
     * returns its size, 0 at the end. The events are {@link #batchTimes()}[i], {@link #batchFunctions()}[i],
     * {@link #batchDurations()}[i] for i in [{@link #batchStart()}, batchStart() + size), valid until the next call.
     */
    public int nextBatch() {
        if (pos == size && (exhausted || !nextWindow())) return 0;
        batchStart = pos;
        int m = size - pos;
        pos = size;
        return m;
    }

    public int batchStart() { return batchStart; }

    public double[] batchTimes() { return st; }

    public int[] batchFunctions() { return sf; }

    public double[] batchDurations() { return sd; }

    /** Start of window w; window w holds arrivals in [boundary(w), boundary(w + 1)). */
    private double boundary(long w) { return origin + w * windowLen; }

    /** The window holding time t, never earlier than {@code notBefore}. */
    private long windowOf(double t, long notBefore) {
        long w = (long) Math.floor((t - origin) / windowLen);
        if (boundary(w + 1) <= t) w++;
        if (boundary(w) > t) w--;
        return Math.max(w, notBefore);
    }

    /** Files function f under the window of its pending arrival: a calendar slot if within the horizon, else overflow. */
    private void schedule(int f, long notBefore) {
        double t = pending[f];
        if (t >= endS) { live--; return; }
        long w = windowOf(t, notBefore);
        if (w < window + SLOTS) {
            int s = (int) (w % SLOTS);
            if (slotSize[s] == slot[s].length) slot[s] = Arrays.copyOf(slot[s], slotSize[s] * 2);
            slot[s][slotSize[s]++] = f;
        } else {
            if (overflowSize == overflow.length) overflow = Arrays.copyOf(overflow, overflowSize * 2);
            overflow[overflowSize++] = f;
        }
    }

    /** Generates and sorts the next non-empty window; false when the stream has ended. */
    private boolean nextWindow() {
        while (true) {
            if (live == 0 || boundary(window) >= endS) { exhausted = true; return false; }
            double start = boundary(window), end = Math.min(boundary(window + 1), endS);
            int buckets = Math.max(1, targetPerWindow / 2), lastBucket = buckets - 1;
            double scale = buckets / (end - start);
            if (counts.length < buckets + 1) counts = new int[buckets + 1];
            Arrays.fill(counts, 0, buckets + 1, 0);
            int sl = (int) (window % SLOTS), k = slotSize[sl];
            int[] due = slot[sl];
            slot[sl] = spare.length >= 16 ? spare : new int[16];
            slotSize[sl] = 0;
            Arrays.sort(due, 0, k); // function order: ties in time then come out ordered by function
            int n = 0;
            for (int q = 0; q < k; q++) {
                int f = due[q];
                double t = pending[f];
                ArrivalProcess p = process[f];
                int from = n;
                while (true) {
                    n = p.fillUntil(t, end, wt, n, following);
                    t = following[0];
                    if (t < end) grow(wt.length * 2); else break; // stopped because the buffer was full
                }
                pending[f] = t;
                SplittableRandom r = durations[f];
                double mu = execMu[f], sg = execSigma[f];
                for (int i = from; i < n; i++) {
                    wf[i] = f;
                    wd[i] = Math.exp(mu + sg * r.nextGaussian());
                    int b = (int) ((wt[i] - start) * scale); // bucket while the event is hot in cache
                    b = b < 0 ? 0 : b > lastBucket ? lastBucket : b;
                    bucket[i] = b;
                    counts[b + 1]++;
                }
            }
            window++;
            for (int q = 0; q < k; q++) schedule(due[q], window);
            spare = due;
            if (window % SLOTS == 0) { // the horizon moved by SLOTS windows: bring overflow functions in
                int[] o = overflow;
                int m = overflowSize;
                overflow = new int[Math.max(16, m)];
                overflowSize = 0;
                for (int q = 0; q < m; q++) schedule(o[q], window);
            }
            if (n > 0) { sort(n, buckets); size = n; pos = 0; return true; }
        }
    }

    /**
     * Counting sort into fine time buckets (counted during generation), then insertion sort by time inside each
     * bucket. Both passes are stable and events were generated in function order, so equal times stay ordered by
     * function: the result is ordered by (time, function) exactly as the heap merge orders it.
     */
    private void sort(int n, int buckets) {
        for (int b = 0; b < buckets; b++) counts[b + 1] += counts[b];
        for (int i = 0; i < n; i++) { // scatter, keeping generation order within a bucket
            int p = counts[bucket[i]]++;
            st[p] = wt[i]; sf[p] = wf[i]; sd[p] = wd[i];
        }
        // counts[b] is now the end of bucket b and the start of bucket b + 1
        for (int b = 0, from = 0; b < buckets; b++) {
            int to = counts[b];
            for (int i = from + 1; i < to; i++) {
                double t = st[i];
                if (st[i - 1] <= t) continue;
                double d = sd[i];
                int f = sf[i], j = i - 1;
                while (j >= from && st[j] > t) { st[j + 1] = st[j]; sf[j + 1] = sf[j]; sd[j + 1] = sd[j]; j--; }
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
