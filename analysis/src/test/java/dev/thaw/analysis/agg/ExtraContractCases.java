package dev.thaw.analysis.agg;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** Contract cases of the other aggregators (arrivals, pod utility). */
final class ExtraContractCases {
    private ExtraContractCases() {}

    static List<AggregatorContractTest.Case<?>> cases(BufferAllocator allocator) {
        return new ArrayList<>();
    }
}
