package dev.thaw.workload.population;

import dev.thaw.workload.arrival.ArrivalProcess;
import dev.thaw.workload.faas.Invocation;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Merges the arrival processes of a whole population into one time-ordered invocation stream with a binary
 * min-heap over primitive arrays (one entry per function): memory is O(functions), independent of how many events
 * are drawn. Execution times are drawn per invocation from each function's lognormal, with a generator per
 * function, so the sequence equals {@link WindowedInvocationStream}'s for the same seed. Fill primitive buffers
 * with {@link #fill} on hot paths; {@link #next()} allocates one record per call.
 */
public final class InvocationStream {
    private final ArrivalProcess[] process;
    private final double[] execMu, execSigma;
    private final SplittableRandom[] durations;
    private final double endS;
    // heap: heapTime[i] is the next arrival of function heapFn[i]
    private final double[] heapTime;
    private final int[] heapFn;
    private int size;

    public InvocationStream(List<FunctionProfile> functions, long seed, double startS, double endS) {
        int n = functions.size();
        SplittableRandom master = new SplittableRandom(seed);
        this.durations = new SplittableRandom[n];
        this.process = new ArrivalProcess[n];
        this.execMu = new double[n];
        this.execSigma = new double[n];
        this.heapTime = new double[n];
        this.heapFn = new int[n];
        this.endS = endS;
        for (int i = 0; i < n; i++) {
            FunctionProfile f = functions.get(i);
            if (f.id() != i) throw new IllegalArgumentException("function ids must be 0..n-1 in order, got " + f.id() + " at " + i);
            SplittableRandom fr = master.split();
            process[i] = f.arrivals().start(startS, fr.split());
            durations[i] = fr.split();
            execMu[i] = f.execMu();
            execSigma[i] = f.execSigma();
            double t = process[i].next();
            if (t < endS) { heapTime[size] = t; heapFn[size] = i; siftUp(size++); }
        }
    }

    public boolean hasNext() { return size > 0; }

    public Invocation next() {
        if (size == 0) throw new java.util.NoSuchElementException("stream ended at " + endS + " s");
        double t = heapTime[0];
        int f = heapFn[0];
        advance(f);
        return new Invocation(t, f, Math.exp(execMu[f] + execSigma[f] * durations[f].nextGaussian()));
    }

    /** Writes up to {@code max} next invocations into the arrays; returns how many (0 at the end). */
    public int fill(double[] time, int[] function, double[] duration, int max) {
        int k = 0;
        while (k < max && size > 0) {
            double t = heapTime[0];
            int f = heapFn[0];
            time[k] = t;
            function[k] = f;
            duration[k] = Math.exp(execMu[f] + execSigma[f] * durations[f].nextGaussian());
            k++;
            advance(f);
        }
        return k;
    }

    private void advance(int f) {
        double nt = process[f].next();
        if (nt < endS) {
            heapTime[0] = nt;
            siftDown(0);
        } else {
            size--;
            heapTime[0] = heapTime[size];
            heapFn[0] = heapFn[size];
            if (size > 0) siftDown(0);
        }
    }

    private void siftUp(int i) {
        double t = heapTime[i];
        int f = heapFn[i];
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (!less(t, f, heapTime[p], heapFn[p])) break;
            heapTime[i] = heapTime[p]; heapFn[i] = heapFn[p];
            i = p;
        }
        heapTime[i] = t; heapFn[i] = f;
    }

    private void siftDown(int i) {
        double t = heapTime[i];
        int f = heapFn[i];
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1, r = c + 1;
            if (r < size && less(heapTime[r], heapFn[r], heapTime[c], heapFn[c])) c = r;
            if (!less(heapTime[c], heapFn[c], t, f)) break;
            heapTime[i] = heapTime[c]; heapFn[i] = heapFn[c];
            i = c;
        }
        heapTime[i] = t; heapFn[i] = f;
    }

    /** Ties broken by function index so the order is fully determined. */
    private static boolean less(double t1, int f1, double t2, int f2) { return t1 < t2 || (t1 == t2 && f1 < f2); }
}
