package dev.thaw.simulate.autoscale;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.ParallelPlan;
import dev.thaw.simulate.llm.ServingConfig;
import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.workload.llm.LlmRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoscaleSimulatorTest {
    private static final SlotReplicaServer SLOTS = new SlotReplicaServer(2, 10_000, 0.02);

    private static AutoscaleConfig cfg(String ka, int min, int max, double coldS) {
        return new AutoscaleConfig(ka, min, max, coldS, 2, 4.0, 2.0, 0.1);
    }

    private static void assertNeverBeforeReady(AutoscaleResult r) {
        AutoscaleResult.Detail d = r.detail();
        for (int i = 0; i < d.arrivalS().length; i++) {
            double ready = d.replicaReadyAt()[d.replica()[i]];
            assertEquals(ready, d.replicaReadyS()[i]);
            assertTrue(d.availableS()[i] >= ready && d.availableS()[i] >= d.arrivalS()[i], "request " + i + " reached a replica before it was ready");
            assertTrue(d.firstTokenS()[i] >= ready, "request " + i + " got a token before its replica's cold start ended");
            assertTrue(d.finishS()[i] <= d.replicaEndS()[d.replica()[i]] + 1e-9, "request " + i + " outlived its replica");
        }
    }

    @Test void noRequestIsServedOnAReplicaBeforeItsColdStartEnds() {
        List<LlmRequest> demand = ServerlessLlmDemand.generate(3, 6 * 3600, 0.5);
        for (String ka : new String[] {"fixed:0", "fixed:60s", "fixed:10m", "hybrid"}) {
            AutoscaleResult r = AutoscaleSimulator.run(demand, cfg(ka, 0, 8, 40), SLOTS);
            assertEquals(demand.size(), r.completed());
            assertTrue(r.replicaStarts() > 1, ka);
            assertTrue(r.coldStartDelayS().count() > 0, ka);
            assertNeverBeforeReady(r);
        }
    }

    @Test void theEngineServerAlsoWaitsForTheColdStart() {
        ServingConfig base = ServingConfig.of(ModelCatalog.resolve("Llama-3.1-8B"),
                Cluster.of(HardwareCatalog.bundled().get("H100-SXM-80GB"), 1, 1), new ParallelPlan(1, 1, 1));
        EngineReplicaServer server = new EngineReplicaServer(base, 32);
        List<LlmRequest> demand = ServerlessLlmDemand.generate(5, 1800, 1.0);
        AutoscaleResult r = AutoscaleSimulator.run(demand, new AutoscaleConfig("fixed:60s", 0, 4, 30, 1, 3.0, 2.0, 0.1), server);
        assertEquals(demand.size(), r.completed());
        assertNeverBeforeReady(r);
        assertTrue(r.replicaStarts() >= 1);
        // 8B weights are about 16 GB per GPU: 5 s + 20 s + 16 GB / 2 GB/s, no resharding for TP=1
        double cs = ReplicaColdStart.defaults().totalS(server.weightsBytesPerGpu(), server.replicaConfig().plan());
        assertEquals(25 + server.weightsBytesPerGpu() / 2e9, cs, 1e-9);
        assertTrue(cs > 30 && cs < 36, "cold start " + cs);
    }

    @Test void coldStartDelayIsSeparatedFromServingTime() {
        // one request after scale-to-zero waits the whole cold start; with one warm replica it does not wait
        List<LlmRequest> one = List.of(new LlmRequest(0, 100, 1000, 11));
        AutoscaleResult zero = AutoscaleSimulator.run(one, cfg("fixed:60s", 0, 2, 40), SLOTS);
        assertEquals(40, zero.coldStartDelayS().mean(), 1e-9);
        assertEquals(40 + 0.1, zero.ttftS().mean(), 1e-9);      // cold start + 1000 tokens at 10k tokens/s
        assertEquals(0.1, zero.ttftWarmS().mean(), 1e-9);
        assertEquals(0.2, zero.tpotS().mean() * 10, 1e-9);     // 10 more tokens at 20 ms
        AutoscaleResult warm = AutoscaleSimulator.run(one, cfg("fixed:60s", 1, 2, 40), SLOTS);
        assertEquals(0, warm.coldStartDelayS().count());
        assertEquals(0.1, warm.ttftS().mean(), 1e-9);
        assertEquals(0, warm.replicaStarts());
    }

    @Test void keepAliveDecidesWhetherAGapCostsAColdStart() {
        List<LlmRequest> two = List.of(new LlmRequest(0, 0, 100, 2), new LlmRequest(1, 300, 100, 2));
        assertEquals(2, AutoscaleSimulator.run(two, cfg("fixed:60s", 0, 2, 10), SLOTS).replicaStarts());
        AutoscaleResult kept = AutoscaleSimulator.run(two, cfg("fixed:10m", 0, 2, 10), SLOTS);
        assertEquals(1, kept.replicaStarts());
        // GPU time: replica from 0 to the end of the last request (kept up through the gap), 2 GPUs, $4 per GPU-hour
        double end = kept.detail().replicaEndS()[0];
        assertEquals(kept.detail().finishS()[1], end, 1e-9);
        assertEquals(end * 2 / 3600, kept.gpuHours(), 1e-12);
        assertEquals(kept.gpuHours() * 4, kept.costUsd(), 1e-12);
    }

    @Test void aBurstScalesOutToTheMaximumAndQueuesBeyondIt() {
        List<LlmRequest> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) burst.add(new LlmRequest(i, 5, 1000, 101));
        AutoscaleResult r = AutoscaleSimulator.run(burst, cfg("fixed:60s", 0, 3, 20), SLOTS);
        assertEquals(3, r.replicaStarts());
        assertEquals(3, r.maxReplicasAlive());
        int[] perReplica = new int[3];
        for (int x : r.detail().replica()) perReplica[x]++;
        assertArrayEquals(new int[] {4, 3, 3}, perReplica);  // least in flight first, ties to the earliest ready
        assertEquals(10, r.completed());
        assertNeverBeforeReady(r);
        // two slots per replica: the 3rd and 4th requests on replica 0 wait for the first two to finish
        assertTrue(r.ttftS().max() > 20 + 0.1 + 100 * 0.02);
    }

    @Test void reshardingIsChargedOnlyWhenTheStoredLayoutDiffers() {
        ReplicaColdStart c = ReplicaColdStart.defaults();  // stored for TP=1, PP=1
        double perGpu = 8e9;
        assertEquals(5 + 20 + 4, c.totalS(perGpu, new ParallelPlan(1, 1, 1)), 1e-9);
        assertEquals(5 + 20 + 4 + 8e9 * 2 / 10e9, c.totalS(perGpu, new ParallelPlan(1, 2, 1)), 1e-9);
        assertEquals(5 + 20 + 4, c.withStoredLayout(new ParallelPlan(1, 2, 1)).totalS(perGpu, new ParallelPlan(4, 2, 1)), 1e-9);
    }
}
