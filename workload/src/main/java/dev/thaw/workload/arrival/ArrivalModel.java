package dev.thaw.workload.arrival;

import java.util.SplittableRandom;

/**
 * An immutable description of an arrival process. {@link #start} creates an independent running copy whose whole
 * future is determined by the random generator it is given, so the same seed always yields the same times.
 */
public interface ArrivalModel {
    /** Starts the process at {@code startS} (no arrival before it), drawing all randomness from {@code rng}. */
    ArrivalProcess start(double startS, SplittableRandom rng);

    /** Long-run mean arrival rate per second. */
    double meanRatePerS();
}
