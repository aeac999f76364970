package dev.thaw.simulate.faas;

import dev.thaw.simulate.faas.policy.KeepAlivePolicy;
import dev.thaw.workload.faas.Invocation;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Invocations in memory, sorted by arrival, with the catalog of the functions they call; read by
 * {@link FaasTraceReader} or built from arrays. {@code observedPods} is the number of distinct pods the source trace
 * itself used (each one a cold start on the real platform), or -1 when the source does not name pods.
 */
public final class FaasTrace {
    private final String format;
    private final FunctionCatalog catalog;
    private final double[] time, duration;
    private final int[] function;
    private final long observedPods;

    /** Arrays must have equal length and be sorted by {@code time}. */
    public FaasTrace(String format, FunctionCatalog catalog, double[] time, int[] function, double[] duration, long observedPods) {
        if (time.length != function.length || time.length != duration.length) throw new IllegalArgumentException("arrays differ in length");
        for (int i = 1; i < time.length; i++) if (time[i] < time[i - 1]) throw new IllegalArgumentException("invocations not sorted by time at " + i);
        this.format = format;
        this.catalog = catalog;
        this.time = time;
        this.function = function;
        this.duration = duration;
        this.observedPods = observedPods;
    }

    public String format() { return format; }

    /** The same invocations on another catalog (e.g. with a different concurrency limit); sizes must match. */
    public FaasTrace withCatalog(FunctionCatalog other) {
        if (other.size() != catalog.size()) throw new IllegalArgumentException("catalog has " + other.size() + " functions, trace " + catalog.size());
        return new FaasTrace(format, other, time, function, duration, observedPods);
    }
    public FunctionCatalog catalog() { return catalog; }
    public int size() { return time.length; }
    public long observedPods() { return observedPods; }
    public double time(int i) { return time[i]; }
    public int function(int i) { return function[i]; }
    public double duration(int i) { return duration[i]; }

    /** Replays the whole trace (no allocation per invocation). */
    public FaasResult replay(KeepAlivePolicy policy, PlatformConfig config, RequestLog log) {
        FaasSimulator sim = new FaasSimulator(catalog, policy, config, log);
        for (int i = 0; i < time.length; i++) sim.offer(time[i], function[i], duration[i]);
        return sim.finish();
    }

    public Iterator<Invocation> iterator() {
        return new Iterator<>() {
            int i;
            @Override public boolean hasNext() { return i < time.length; }
            @Override public Invocation next() {
                if (i >= time.length) throw new NoSuchElementException();
                Invocation v = new Invocation(time[i], function[i], duration[i]);
                i++;
                return v;
            }
        };
    }
}
