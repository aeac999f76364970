package dev.thaw.workload.arrival;

/** A running stream of arrival times. Stateful: each call advances it. */
public interface ArrivalProcess {
    /** The next arrival time in seconds; never smaller than the previous one; +Infinity once the process has ended. */
    double next();

    /**
     * Bulk form of {@link #next()} for hot loops: writes {@code first} (an arrival already drawn) and the following
     * arrivals into {@code out[from..]} while they are before {@code end} and {@code out} has room; stores the first
     * arrival not written in {@code following[0]} and returns the index after the last one written. Produces exactly
     * the times repeated {@code next()} calls would. Implementations override it so that the inner call is
     * monomorphic (the JIT then inlines their {@code next()}).
     */
    default int fillUntil(double first, double end, double[] out, int from, double[] following) {
        double t = first;
        int i = from;
        while (t < end && i < out.length) { out[i++] = t; t = next(); }
        following[0] = t;
        return i;
    }
}
