package dev.thaw.workload.replay;

import dev.thaw.workload.faas.Invocation;
import java.util.Arrays;

/**
 * A columnar in-memory invocation trace sorted by time: primitive arrays, so millions of events stay cheap.
 * {@code functionNames[f]} names dense function index f (for writing back in the source's identifiers).
 */
public final class InvocationTrace {
    private final double[] timeS;
    private final int[] function;
    private final double[] durationS;
    private final String[] functionNames;

    public InvocationTrace(double[] timeS, int[] function, double[] durationS, String[] functionNames) {
        if (timeS.length != function.length || timeS.length != durationS.length) throw new IllegalArgumentException("column lengths differ");
        for (int i = 1; i < timeS.length; i++) if (timeS[i] < timeS[i - 1]) throw new IllegalArgumentException("trace not sorted by time at event " + i);
        for (int f : function) if (f < 0 || f >= functionNames.length) throw new IllegalArgumentException("function index " + f + " outside 0.." + (functionNames.length - 1));
        this.timeS = timeS;
        this.function = function;
        this.durationS = durationS;
        this.functionNames = functionNames;
    }

    /** Sorts the three columns together by (time, function, duration) before building the trace. */
    public static InvocationTrace sorting(double[] t, int[] f, double[] d, String[] names) {
        Integer[] idx = new Integer[t.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> t[a] != t[b] ? Double.compare(t[a], t[b]) : f[a] != f[b] ? Integer.compare(f[a], f[b]) : Double.compare(d[a], d[b]));
        double[] t2 = new double[t.length], d2 = new double[t.length];
        int[] f2 = new int[t.length];
        for (int i = 0; i < idx.length; i++) { t2[i] = t[idx[i]]; f2[i] = f[idx[i]]; d2[i] = d[idx[i]]; }
        return new InvocationTrace(t2, f2, d2, names);
    }

    public int size() { return timeS.length; }

    public int functions() { return functionNames.length; }

    public double time(int i) { return timeS[i]; }

    public int function(int i) { return function[i]; }

    public double duration(int i) { return durationS[i]; }

    public String functionName(int f) { return functionNames[f]; }

    public Invocation get(int i) { return new Invocation(timeS[i], function[i], durationS[i]); }

    public double[] times() { return timeS.clone(); }

    public String[] functionNames() { return functionNames.clone(); }

    /** Start and end of the trace (first and last event time). */
    public double startS() { return timeS.length == 0 ? 0 : timeS[0]; }

    public double endS() { return timeS.length == 0 ? 0 : timeS[timeS.length - 1]; }

    /** Invocations per function. */
    public long[] countsPerFunction() {
        long[] c = new long[functionNames.length];
        for (int f : function) c[f]++;
        return c;
    }

    /** Arrival times of one function, sorted. */
    public double[] timesOf(int f) {
        return java.util.stream.IntStream.range(0, timeS.length).filter(i -> function[i] == f).mapToDouble(i -> timeS[i]).toArray();
    }
}
