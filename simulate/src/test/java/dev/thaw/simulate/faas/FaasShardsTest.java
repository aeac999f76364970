package dev.thaw.simulate.faas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.simulate.faas.policy.KeepAlivePolicies;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A replay partitioned by function (what {@code thaw faas --spark} runs) reports the whole replay's result. */
class FaasShardsTest {
    // concurrency 2 and 40 functions with Zipf popularity: pods shared by overlapping requests, rare functions that
    // cold-start on most calls, busy ones that keep pods warm
    private static final FaasTrace TRACE = SyntheticInvocations.generate("functions=40,rate=3,duration=7200,zipf=1.1,exec-median=2,seed=11,concurrency=2");

    @ParameterizedTest
    @CsvSource({"fixed:60s, 1", "fixed:60s, 3", "fixed:10m, 7", "hybrid, 5", "prewarm, 4", "fixed:0, 2"})
    void shardsMergeIntoTheWholeReplay(String policy, int shards) {
        PlatformConfig cfg = PlatformConfig.defaults().withSeed(5);
        FaasResult whole = TRACE.replay(KeepAlivePolicies.parse(policy), cfg, RequestLog.NONE);
        FaasResult parts = replaySharded(TRACE, policy, cfg, shards);
        assertTrue(whole.coldStarts() > 50 && whole.invocations() > 20_000, "a replay worth partitioning: " + whole.coldStarts() + " cold starts");
        assertEquals(whole.invocations(), parts.invocations());
        assertEquals(whole.coldStarts(), parts.coldStarts());
        assertEquals(whole.prewarmStarts(), parts.prewarmStarts());
        assertEquals(whole.coldRequests(), parts.coldRequests());
        assertEquals(whole.pods(), parts.pods());
        assertEquals(whole.maxPodsAlive(), parts.maxPodsAlive(), "peak of pods alive");
        assertEquals(whole.horizonS(), parts.horizonS());
        assertArrayEquals(whole.coldStartsPerFunction(), parts.coldStartsPerFunction());
        assertArrayEquals(whole.invocationsPerFunction(), parts.invocationsPerFunction());
        assertEquals(whole.perAppColdStartRate(), parts.perAppColdStartRate(), "per-app rates: exact ratios of exact counts");
        // histogram bins merge exactly; sums are added up per function, then in function order: identical too
        assertSamePercentiles(whole.podUtility(), parts.podUtility());
        assertSamePercentiles(whole.podLifetimeS(), parts.podLifetimeS());
        assertSamePercentiles(whole.addedLatencyS(), parts.addedLatencyS());
        assertEquals(whole.podUtilityShareBelow1(), parts.podUtilityShareBelow1());
        assertEquals(whole.wastedMemoryGbS(), parts.wastedMemoryGbS());
        assertEquals(whole.podMemoryGbS(), parts.podMemoryGbS());
        assertEquals(whole.addedLatencyTotalS(), parts.addedLatencyTotalS());
        assertEquals(whole.toJsonMap(), parts.toJsonMap(), "the whole JSON object of thaw faas");
    }

    @Test void peakPodsAliveCountsOverlappingLifetimesOnly() {
        FunctionCatalog cat = FunctionCatalog.uniform(3, 400, 256, 1);
        PlatformConfig cfg = PlatformConfig.defaults().withColdStarts(ColdStartModel.constant(1));
        // three functions called at once, each pod kept 10 s after its 5 s request: three pods alive together
        FaasTrace together = new FaasTrace("t", cat, new double[] {0, 0, 0}, new int[] {0, 1, 2}, new double[] {5, 5, 5}, -1);
        assertEquals(3, together.replay(KeepAlivePolicies.parse("fixed:10s"), cfg, RequestLog.NONE).maxPodsAlive());
        // one after another, each starting after the previous pod was deleted (0 + 1 + 5 + 10 = 16 s): never two at once
        FaasTrace apart = new FaasTrace("t", cat, new double[] {0, 16, 32}, new int[] {0, 1, 2}, new double[] {5, 5, 5}, -1);
        assertEquals(1, apart.replay(KeepAlivePolicies.parse("fixed:10s"), cfg, RequestLog.NONE).maxPodsAlive());
    }

    @Test void limitsThatCoupleFunctionsForbidPartitioning() {
        PlatformConfig free = PlatformConfig.defaults();
        assertNull(FaasShards.whyNot(free, KeepAlivePolicies.parse("hybrid")));
        assertNotNull(FaasShards.whyNot(free.withCapacity(100, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, PlatformConfig.WhenFull.QUEUE), KeepAlivePolicies.parse("fixed:60s")));
        assertNotNull(FaasShards.whyNot(free.withCapacity(Long.MAX_VALUE, Double.POSITIVE_INFINITY, 4096, PlatformConfig.WhenFull.REJECT), KeepAlivePolicies.parse("fixed:60s")));
        assertNotNull(FaasShards.whyNot(free, KeepAlivePolicies.parse("greedy-dual:4g")));
    }

    /** What the cluster does: every shard replayed, the latest activity taken as the horizon, the tallies merged. */
    static FaasResult replaySharded(FaasTrace trace, String policy, PlatformConfig cfg, int shards) {
        List<FaasShards.Shard> split = FaasShards.split(trace, shards);
        assertEquals(trace.size(), split.stream().mapToInt(FaasShards.Shard::size).sum(), "every invocation in one shard");
        List<FaasSimulator> sims = new ArrayList<>();
        for (FaasShards.Shard s : split) sims.add(s.replay(trace.catalog(), KeepAlivePolicies.parse(policy), cfg));
        double h = FaasShards.horizon(sims.stream().map(FaasSimulator::lastActivity).toList());
        List<FaasTally> tallies = sims.stream().map(s -> s.finish(h)).toList();
        return FaasShards.merge(tallies, trace.catalog(), cfg.pricePerGbS());
    }

    private static void assertSamePercentiles(FaasResult.Percentiles a, FaasResult.Percentiles b) {
        assertEquals(a.count(), b.count());
        assertEquals(a.p50(), b.p50());
        assertEquals(a.p75(), b.p75());
        assertEquals(a.p90(), b.p90());
        assertEquals(a.p99(), b.p99());
        assertEquals(a.max(), b.max());
        assertEquals(a.mean(), b.mean());
    }
}
