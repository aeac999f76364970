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

class HybridHistogramPolicyTest {
    private static HybridHistogramPolicy started(HybridHistogramPolicy.Test test) {
        HybridHistogramPolicy p = new HybridHistogramPolicy(test);
        p.start(FunctionCatalog.uniform(2, 300, 128, 1), ColdStartModel.constant(1));
        return p;
    }

    @Test void windowsMatchHandComputedPercentilesOfACraftedHistogram() {
        HybridHistogramPolicy p = started(HybridHistogramPolicy.Test.PAPER);
        // 100 idle times: 10 in the 3-minute bin, 80 in the 10-minute bin, 10 in the 30-minute bin
        for (int i = 0; i < 10; i++) p.recordIdle(0, 3 * 60 + 5);
        for (int i = 0; i < 80; i++) p.recordIdle(0, 10 * 60 + 30);
        for (int i = 0; i < 10; i++) p.recordIdle(0, 30 * 60 + 59);
        // CV of the 240 bin counts: mean 100/240, E[c^2] = (100 + 6400 + 100) / 240
        double mean = 100.0 / 240, cv = Math.sqrt(6600.0 / 240 - mean * mean) / mean;
        assertEquals(cv, p.binCountCv(0), 1e-12);
        assertTrue(cv >= 2);
        // 5th percentile: 5 of 100 reached in bin 3 -> head 3 min; 99th: 99 reached in bin 30 -> tail = its upper edge 31 min
        KeepAliveWindow w = new KeepAliveWindow();
        p.window(0, 0, w);
        double prewarm = 3 * 60 * 0.9;          // head minus 10%
        double until = 31 * 60 * 1.1;           // tail plus 10%
        assertEquals(prewarm, w.prewarmS, 1e-9);
        assertEquals(until - prewarm, w.keepAliveS, 1e-9);
    }

    @Test void percentileBoundariesFollowTheCumulativeCount() {
        HybridHistogramPolicy p = started(HybridHistogramPolicy.Test.PAPER);
        // 20 idle times: 1 at 0 min, 19 at 7 min. 5% of 20 = 1 -> bin 0 (no pre-warm); 99% of 20 = 19.8 -> bin 7
        p.recordIdle(0, 10);
        for (int i = 0; i < 19; i++) p.recordIdle(0, 7 * 60);
        KeepAliveWindow w = new KeepAliveWindow();
        p.window(0, 0, w);
        assertEquals(0, w.prewarmS);
        assertEquals(8 * 60 * 1.1, w.keepAliveS, 1e-9);
        assertEquals(0, p.percentileBin(0, 5));
        assertEquals(7, p.percentileBin(0, 99));
        assertEquals(7, p.percentileBin(0, 6));  // 6% of 20 = 1.2 -> needs 2 -> bin 7
    }

    @Test void unrepresentativeHistogramFallsBackToTheWholeRange() {
        HybridHistogramPolicy p = started(HybridHistogramPolicy.Test.PAPER);
        // idle times spread evenly over all 240 bins: every bin count 1, CV 0
        for (int b = 0; b < 240; b++) p.recordIdle(0, b * 60 + 1);
        assertEquals(0, p.binCountCv(0), 1e-12);
        KeepAliveWindow w = new KeepAliveWindow();
        p.window(0, 0, w);
        assertEquals(0, w.prewarmS);
        assertEquals(4 * 3600, w.keepAliveS, 1e-9);
        // a function never seen: also the whole range
        p.window(1, 0, w);
        assertEquals(4 * 3600, w.keepAliveS, 1e-9);
    }

    @Test void variantsDisagreeOnRepresentativenessAsNamed() {
        // 5 idle times in one bin: CV = sqrt(240 - 1) ~ 15.5 >= 2, but fewer than 10 samples
        for (HybridHistogramPolicy.Test t : new HybridHistogramPolicy.Test[] {HybridHistogramPolicy.Test.PAPER, HybridHistogramPolicy.Test.MIN_COUNT, HybridHistogramPolicy.Test.CV_AND_COUNT}) {
            HybridHistogramPolicy p = started(t);
            for (int i = 0; i < 5; i++) p.recordIdle(0, 20 * 60);
            KeepAliveWindow w = new KeepAliveWindow();
            p.window(0, 0, w);
            boolean usesHistogram = w.prewarmS > 0;
            assertEquals(t == HybridHistogramPolicy.Test.PAPER, usesHistogram, t.name());
        }
    }

    @Test void outOfRangeIdleTimesUseTheForecastWithAFifteenPercentMargin() {
        HybridHistogramPolicy p = started(HybridHistogramPolicy.Test.PAPER);
        for (int i = 0; i < 6; i++) p.recordIdle(0, 5 * 3600);   // constant 5 h idle times: forecast 5 h
        p.recordIdle(0, 60);                                     // one in range: OOB share 6/7 > 0.5
        KeepAliveWindow w = new KeepAliveWindow();
        p.window(0, 0, w);
        assertEquals(0.85 * 5 * 3600, w.prewarmS, 1e-6);
        assertEquals(0.30 * 5 * 3600, w.keepAliveS, 1e-6);
    }

    @Test void hybridBeatsShortFixedKeepAliveOnAPeriodicFunction() {
        // one timer every 30 min: a 10-minute keep-alive misses every time; hybrid learns to pre-warm
        List<Invocation> inv = new ArrayList<>();
        for (int i = 0; i < 48; i++) inv.add(new Invocation(i * 1800.0, 0, 1));
        PlatformConfig cfg = PlatformConfig.defaults().withColdStarts(ColdStartModel.constant(0.5));
        FaasResult fixed = FaasSimulator.replay(inv.iterator(), FunctionCatalog.uniform(1, 300, 128, 1), new FixedKeepAlive(600), cfg);
        FaasResult hybrid = FaasSimulator.replay(inv.iterator(), FunctionCatalog.uniform(1, 300, 128, 1), new HybridHistogramPolicy(), cfg);
        assertEquals(48, fixed.coldStarts());
        assertTrue(hybrid.coldRequests() <= 2, "hybrid cold requests " + hybrid.coldRequests());
        assertTrue(hybrid.prewarmStarts() >= 40);
        // the pre-warmed pod waits only from 27 min (head - 10%) to the next call, not the 4 h of the fallback
        assertTrue(hybrid.wastedMemoryGbS() < 48 * 400 * 128 / 1024.0, "wasted " + hybrid.wastedMemoryGbS());
    }
}
