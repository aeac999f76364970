package dev.thaw.workload.arrival;

import java.util.SplittableRandom;

/** A positive random gap (seconds) between consecutive events of a renewal process. */
public interface GapDistribution {
    double sample(SplittableRandom rng);

    double mean();

    /** Coefficient of variation sd/mean. */
    double cv();
}
