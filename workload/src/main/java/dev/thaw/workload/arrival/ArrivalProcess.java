package dev.thaw.workload.arrival;

/** A running stream of arrival times. Stateful: each call advances it. */
public interface ArrivalProcess {
    /** The next arrival time in seconds; never smaller than the previous one; +Infinity once the process has ended. */
    double next();
}
