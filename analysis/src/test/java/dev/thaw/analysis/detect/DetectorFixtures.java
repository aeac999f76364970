package dev.thaw.analysis.detect;

import dev.thaw.analysis.agg.BatchSource;
import org.apache.arrow.memory.BufferAllocator;

/** Public entry to the synthetic per-minute batches for tests in other packages (the aggregator contract). */
public final class DetectorFixtures {
    private DetectorFixtures() {}

    public static BatchSource batches(int functions, int days, long seed, BufferAllocator allocator) {
        return new SyntheticMinutes(functions, seed).batches(days, seed + 1, allocator);
    }
}
