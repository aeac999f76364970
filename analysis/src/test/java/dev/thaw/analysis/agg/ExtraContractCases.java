package dev.thaw.analysis.agg;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** Contract cases of the other aggregators (arrivals, pod utility). */
final class ExtraContractCases {
    private ExtraContractCases() {}

    static List<AggregatorContractTest.Case<?>> cases(BufferAllocator allocator) {
        List<AggregatorContractTest.Case<?>> cs = new ArrayList<>();
        cs.add(new AggregatorContractTest.Case<dev.thaw.analysis.arrivals.ArrivalAggregator>("arrivals",
                () -> new dev.thaw.analysis.arrivals.ArrivalAggregator(600, 1000),
                () -> dev.thaw.analysis.arrivals.ArrivalFixtures.poisson(2, 20_000, 1000, 8, allocator),
                a -> { var r = new dev.thaw.analysis.arrivals.ArrivalReport(a);
                       return AggregatorContractTest.fingerprint(r.tables(), r.fits()) + AggregatorContractTest.round(r.summary() + " " + r.mmpp() + r.diurnal()); }));
        cs.add(new AggregatorContractTest.Case<dev.thaw.analysis.detect.DetectorModel>("detector",
                dev.thaw.analysis.detect.DetectorModel::new,
                () -> dev.thaw.analysis.detect.DetectorFixtures.batches(12, 2, 5, allocator),
                dev.thaw.analysis.detect.DetectorModel::fingerprint));
        return cs;
    }
}
