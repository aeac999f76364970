package dev.thaw.simulate.faas.policy;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.faas.ColdStartModel;
import dev.thaw.simulate.faas.FaasResult;
import dev.thaw.simulate.faas.FaasSimulator;
import dev.thaw.simulate.faas.FunctionCatalog;
import dev.thaw.simulate.faas.PlatformConfig;
import dev.thaw.simulate.faas.RecordingRequestLog;
import dev.thaw.workload.faas.Invocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class GreedyDualPolicyTest {
    @Test void evictsTheIdlePodWithTheLowestFrequencyTimesCostOverSize() {
        // budget: two 128 MB pods. f0 is called three times, f1 once; f2 then needs room: f1 (priority 1 x 1 / 128)
        // goes, not f0 (3 x 1 / 128). Then f3 needs room: clock = 1/128; f2 has 1/128 + 1/128, f0 has 3/128 -> f2 goes.
        List<Invocation> inv = List.of(new Invocation(0, 0, 1), new Invocation(10, 0, 1), new Invocation(20, 0, 1),
                new Invocation(30, 1, 1), new Invocation(100, 2, 1), new Invocation(200, 3, 1), new Invocation(300, 0, 1));
        RecordingRequestLog log = new RecordingRequestLog();
        GreedyDualPolicy gd = new GreedyDualPolicy(256);
        FaasResult r = FaasSimulator.replay(inv.iterator(), FunctionCatalog.uniform(4, 300, 128, 1), gd,
                PlatformConfig.defaults().withColdStarts(ColdStartModel.constant(1.0)), log);
        assertEquals(4, r.coldStarts(), "f0's pod survives both evictions, so its last call is warm");
        assertEquals(0, log.function(0));
        assertEquals(100, log.podDeletedAt(1), 1e-9);  // f1's pod evicted when f2 arrives
        assertEquals(200, log.podDeletedAt(2), 1e-9);  // f2's pod evicted when f3 arrives
        assertEquals(2.0 / 128, gd.clock(), 1e-12);
    }

    @Test void neverExpiresByTimeWithoutMemoryPressure() {
        List<Invocation> inv = List.of(new Invocation(0, 0, 1), new Invocation(86_400, 0, 1));
        FaasResult r = FaasSimulator.replay(inv.iterator(), FunctionCatalog.uniform(1, 300, 128, 1), new GreedyDualPolicy(1024),
                PlatformConfig.defaults().withColdStarts(ColdStartModel.constant(1.0)));
        assertEquals(1, r.coldStarts());
    }
}
