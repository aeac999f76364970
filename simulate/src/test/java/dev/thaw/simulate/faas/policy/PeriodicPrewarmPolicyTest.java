package dev.thaw.simulate.faas.policy;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.faas.ColdStartModel;
import dev.thaw.simulate.faas.FaasResult;
import dev.thaw.simulate.faas.FaasSimulator;
import dev.thaw.simulate.faas.FunctionCatalog;
import dev.thaw.simulate.faas.PlatformConfig;
import dev.thaw.workload.faas.Invocation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeriodicPrewarmPolicyTest {
    @Test void prewarmsATimerAfterTwoEqualPeriods() {
        List<Invocation> inv = new ArrayList<>();
        for (int i = 0; i < 20; i++) inv.add(new Invocation(i * 600.0, 0, 2));
        FaasResult r = FaasSimulator.replay(inv.iterator(), FunctionCatalog.uniform(1, 300, 128, 1),
                new PeriodicPrewarmPolicy(30, 60, 0.1), PlatformConfig.defaults().withColdStarts(ColdStartModel.constant(1)));
        // calls 0, 1 and 2 are cold (two idle times are needed to see the period); every later call finds a pre-warmed pod
        assertEquals(3, r.coldStarts());
        assertEquals(3, r.coldRequests());
        assertEquals(17, r.prewarmStarts());
        // the two first pods idle for the fallback 60 s; each pre-warmed pod waits 30 s minus its 1 s start, except the
        // first, 28 s: the policy sees idle times from arrival + execution (598 s), while the cold call 2 really ended 1 s later
        assertEquals((2 * 60 + 28 + 16 * 29) * 0.125, r.wastedMemoryGbS(), 1e-6);
    }
}
