package dev.thaw.simulate.llm;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.hardware.Link;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.simulate.llm.perf.BatchShape;
import dev.thaw.workload.llm.LlmRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Disaggregated prefill/decode: KV transfer time charged, decodes no longer stalled by prefills. */
class DisaggregationTest {
    static final Cluster FOUR_H100 = Cluster.of(HardwareCatalog.bundled().get("H100-SXM-80GB"), 4, 1);

    @Test void secondTokenWaitsForTheKvTransferThenOneDecodeStep() {
        ServingConfig cfg = ServingConfig.of(ModelCatalog.resolve("Llama-3.1-8B"), FOUR_H100, ParallelPlan.parse("dp=2,tp=1"))
                .withDisaggregation(new Disaggregation(1));
        int prompt = 3000;
        ServingResult r = ServingSimulator.run(cfg, List.of(new LlmRequest(0, 0.0, prompt, 2)));
        Link link = FOUR_H100.gpu().intraNode(); // two one-GPU replicas share a node
        double transfer = link.latencyUs() * 1e-6 + prompt * 32 * 2 * 8 * 128 * 2.0 / link.achievableBytesPerS();
        BatchShape b = new BatchShape();
        b.addDecode(prompt + 1);
        double decode = ServingSimulator.stepTimeModel(cfg).evaluate(b);
        assertEquals(transfer + decode, r.requestLog().finishS()[0] - r.requestLog().firstTokenS()[0], 1e-12);
        assertEquals(1, r.requestLog().replica()[0], "finished on the decode replica");
    }

    @Test void decodesAreNotStalledByPrefillsAndNothingIsLost() {
        SplittableRandom rnd = new SplittableRandom(11);
        List<LlmRequest> reqs = new ArrayList<>();
        double t = 0;
        for (int i = 0; i < 400; i++) {
            t += -Math.log(1 - rnd.nextDouble()) / 12;
            reqs.add(new LlmRequest(i, t, 500 + rnd.nextInt(3000), 50 + rnd.nextInt(300)));
        }
        ServingConfig base = ServingConfig.of(ModelCatalog.resolve("Llama-3.1-8B"), FOUR_H100, ParallelPlan.parse("dp=4,tp=1"))
                .withEngine(EngineProfile.vllmV0());
        ServingResult colocated = ServingSimulator.run(base, reqs);
        ServingResult split = ServingSimulator.run(base.withDisaggregation(new Disaggregation(2)), reqs);
        assertEquals(400, split.completed());
        // Colocated prefill-first steps stall every running decode for a whole prompt; split decoders never wait for one.
        assertTrue(split.itlMs().max() < colocated.itlMs().max() / 2, "max ITL " + split.itlMs().max() + " vs " + colocated.itlMs().max());
        assertTrue(split.itlMs().p99() < colocated.itlMs().p99(), "p99 ITL " + split.itlMs().p99() + " vs " + colocated.itlMs().p99());
        for (int rep : split.requestLog().replica()) assertTrue(rep >= 2, "every request ends on a decode replica");
        assertThrows(IllegalArgumentException.class, () -> base.withDisaggregation(new Disaggregation(4)));
    }
}
