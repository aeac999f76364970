package dev.thaw.simulate.llm;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.Gpu;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.metrics.RequestLog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.simulate.llm.model.ModelSpec;
import dev.thaw.workload.llm.LlmRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario tests of the engine: conservation, capacity, queueing, determinism (acceptance 1). */
class ServingSimulatorTest {
    static final ModelSpec L8 = ModelCatalog.resolve("Llama-3.1-8B");
    static final Gpu RTX4090 = HardwareCatalog.bundled().get("RTX-4090");
    static final Gpu H100 = HardwareCatalog.bundled().get("H100-SXM-80GB");

    /** Poisson arrivals at {@code rate}, lognormal-ish prompt and output lengths, seeded. */
    static List<LlmRequest> poisson(long seed, int n, double rate, int meanPrompt, int meanOut) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LlmRequest> out = new ArrayList<>();
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += -Math.log(1 - rnd.nextDouble()) / rate;
            int p = 1 + (int) (meanPrompt * Math.exp(0.8 * rnd.nextGaussian() - 0.32));
            int o = 1 + (int) (meanOut * Math.exp(0.8 * rnd.nextGaussian() - 0.32));
            out.add(new LlmRequest(i, t, p, o));
        }
        return out;
    }

    static ServingConfig small(EngineProfile e) {
        return ServingConfig.of(L8, Cluster.of(RTX4090, 1, 1), new ParallelPlan(1, 1, 1)).withEngine(e);
    }

    @Test void everyRequestFinishesOrIsRejectedWithAReason() {
        List<LlmRequest> reqs = new ArrayList<>(poisson(1, 300, 4, 600, 150));
        reqs.add(new LlmRequest(9_999, 5.0, 200_000, 10)); // longer than the model's context
        for (EngineProfile e : List.of(EngineProfile.vllmV0(), EngineProfile.vllmV1(), EngineProfile.sarathi())) {
            ServingResult r = ServingSimulator.run(small(e), reqs);
            assertEquals(reqs.size(), r.requests());
            assertEquals(reqs.size(), r.completed() + r.rejected(), e.name());
            RequestLog log = r.requestLog();
            for (int i = 0; i < log.size(); i++) {
                boolean done = log.completed(i), rejected = log.rejectReason()[i] != null;
                assertTrue(done ^ rejected, "request " + log.requestId()[i] + " neither done nor rejected");
                if (done) {
                    assertTrue(log.arrivalS()[i] <= log.scheduledS()[i] && log.scheduledS()[i] < log.firstTokenS()[i]
                            && log.firstTokenS()[i] <= log.finishS()[i], "event order of " + log.requestId()[i]);
                }
            }
            int idx = indexOf(log, 9_999);
            assertTrue(log.rejectReason()[idx].contains("max_model_len"), log.rejectReason()[idx]);
        }
    }

    static int indexOf(RequestLog log, long id) {
        for (int i = 0; i < log.size(); i++) if (log.requestId()[i] == id) return i;
        throw new AssertionError("no request " + id);
    }

    @Test void kvUsageNeverExceedsCapacityAndPreemptionRecomputeIsCharged() {
        // Long outputs on a 24 GB card: the KV cache fills up and requests must be preempted.
        List<LlmRequest> reqs = poisson(2, 400, 20, 1500, 800);
        for (EngineProfile e : List.of(EngineProfile.vllmV0(), EngineProfile.vllmV1())) {
            ServingResult r = ServingSimulator.run(small(e), reqs);
            assertTrue(r.preemptions() > 0, e.name() + " should have preempted");
            assertTrue(r.peakKvBlocks() <= r.kvBlocksPerInstance(), "peak " + r.peakKvBlocks() + " > capacity " + r.kvBlocksPerInstance());
            long prompts = 0;
            for (LlmRequest q : reqs) prompts += q.promptTokens();
            // Recompute: more prefill tokens were computed than the prompts hold.
            assertTrue(r.promptTokensComputed() > prompts, e.name() + ": recompute not charged");
            int withPreemption = 0;
            for (int p : r.requestLog().preemptions()) if (p > 0) withPreemption++;
            assertTrue(withPreemption > 0);
            assertEquals(reqs.size(), r.completed() + r.rejected());
            assertTrue(r.completed() >= 390);
        }
    }

    @Test void doublingTheArrivalRatePastSaturationGrowsQueueing() {
        ServingConfig c = small(EngineProfile.vllmV1().withMaxBatchedTokens(2048));
        // One GPU serves about 2-3 req/s of these; 1 req/s is below saturation, 4, 8 and 16 are past it (at 32 the
        // 600 requests all queue at once, so the mean TTFT stops growing).
        ServingResult light = ServingSimulator.run(c, poisson(3, 600, 1, 1000, 200));
        double prevTtft = light.ttftMs().mean(), prevQueue = meanQueueing(light.requestLog());
        assertTrue(prevQueue < 0.5, "below saturation requests should barely queue: " + prevQueue);
        for (double rate : new double[] {4, 8, 16}) {
            ServingResult r = ServingSimulator.run(c, poisson(3, 600, rate, 1000, 200));
            double queueing = meanQueueing(r.requestLog());
            assertTrue(r.ttftMs().mean() > 1.1 * prevTtft, "rate " + rate + ": ttft " + r.ttftMs().mean() + " vs " + prevTtft);
            assertTrue(queueing > 1.1 * prevQueue, "rate " + rate + ": queueing " + queueing + " vs " + prevQueue);
            prevTtft = r.ttftMs().mean();
            prevQueue = queueing;
        }
    }

    static double meanQueueing(RequestLog log) {
        double s = 0;
        for (int i = 0; i < log.size(); i++) s += log.scheduledS()[i] - log.arrivalS()[i];
        return s / log.size();
    }

    @Test void identicalResultsAcrossRuns() {
        List<LlmRequest> reqs = poisson(4, 500, 10, 800, 200);
        ServingConfig c = ServingConfig.of(L8, Cluster.of(H100, 4, 1), new ParallelPlan(4, 1, 1));
        ServingResult a = ServingSimulator.run(c, reqs), b = ServingSimulator.run(c, new ArrayList<>(reqs));
        var ja = a.toJson(); var jb = b.toJson();
        ja.remove("sim_wall_s"); jb.remove("sim_wall_s");
        assertEquals(ja, jb);
        assertArrayEquals(a.requestLog().finishS(), b.requestLog().finishS());
        assertArrayEquals(a.requestLog().replica(), b.requestLog().replica());
    }

    @Test void prefillFirstStallsDecodesWhileChunkedPrefillDoesNot() {
        // vLLM v0 interrupts every decode for arriving prompts; Sarathi bounds the stall by its 512-token chunk.
        List<LlmRequest> reqs = poisson(5, 300, 6, 3000, 200);
        ServingResult v0 = ServingSimulator.run(small(EngineProfile.vllmV0()), reqs);
        ServingResult sarathi = ServingSimulator.run(small(EngineProfile.sarathi()), reqs);
        assertTrue(v0.itlMs().p99() > 1.5 * sarathi.itlMs().p99(), "v0 p99 ITL " + v0.itlMs().p99() + " vs sarathi " + sarathi.itlMs().p99());
    }

    @Test void routersSpreadLoadOverReplicas() {
        List<LlmRequest> reqs = poisson(6, 400, 20, 500, 100);
        for (RouterPolicy p : RouterPolicy.values()) {
            ServingConfig c = ServingConfig.of(L8, Cluster.of(H100, 4, 1), new ParallelPlan(4, 1, 1)).withRouter(p);
            int[] perReplica = new int[4];
            for (int rep : ServingSimulator.run(c, reqs).requestLog().replica()) perReplica[rep]++;
            for (int k : perReplica) assertTrue(k > 60, p + " starves a replica: " + Arrays.toString(perReplica));
            if (p == RouterPolicy.ROUND_ROBIN) assertArrayEquals(new int[] {100, 100, 100, 100}, perReplica);
        }
    }

    @Test void prefixCachingSkipsSharedPrefixesAndPrefixRouterFindsThem() {
        // Ten conversations of 20 turns each; every turn repeats its conversation's 4 x 512-token prefix.
        List<LlmRequest> reqs = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(7);
        double t = 0;
        for (int i = 0; i < 200; i++) {
            int conv = rnd.nextInt(10);
            long[] h = {conv * 100L, conv * 100L + 1, conv * 100L + 2, conv * 100L + 3};
            t += 0.2;
            reqs.add(new LlmRequest(i, t, 4 * 512 + 100, 50, h));
        }
        ServingConfig c = ServingConfig.of(L8, Cluster.of(H100, 2, 1), new ParallelPlan(2, 1, 1));
        ServingResult aware = ServingSimulator.run(c.withRouter(RouterPolicy.PREFIX_AWARE), reqs);
        ServingResult off = ServingSimulator.run(c.withEngine(EngineProfile.vllmV1().withPrefixCaching(false)), reqs);
        long cachedAware = Arrays.stream(aware.requestLog().cachedPromptTokens()).asLongStream().sum();
        assertTrue(cachedAware >= (200 - 20) * 2048L * 0.9, "cached tokens " + cachedAware);
        assertEquals(0, Arrays.stream(off.requestLog().cachedPromptTokens()).sum());
        assertTrue(aware.promptTokensComputed() < off.promptTokensComputed() / 3);
        assertTrue(aware.ttftMs().mean() < off.ttftMs().mean());
    }

    @Test void requestsOutCsvHasTheContractColumns(@TempDir Path dir) throws Exception {
        ServingResult r = ServingSimulator.run(small(EngineProfile.vllmV1()), poisson(8, 20, 2, 300, 50));
        Path out = dir.resolve("req.csv");
        r.requestLog().writeCsv(out);
        List<String> lines = Files.readAllLines(out);
        assertEquals(21, lines.size());
        assertTrue(lines.get(0).startsWith("request_id,arrival_s,prompt_tokens,output_tokens,queued_s,scheduled_s,first_token_s,finish_s,replica,preemptions"));
        assertTrue(lines.get(1).endsWith(",done,"));
    }
}
