package dev.thaw.simulate.llm;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.Gpu;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.simulate.llm.model.ModelSpec;
import dev.thaw.simulate.llm.perf.BatchShape;
import dev.thaw.simulate.llm.perf.CommModel;
import dev.thaw.simulate.llm.perf.OpType;
import dev.thaw.workload.llm.LlmRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plans the published simulator could not run (multi-node, PP, EP, MLA) and the energy/goodput accounting. */
class ParallelismScenarioTest {
    static final HardwareCatalog HW = HardwareCatalog.bundled();
    static final Gpu H100 = HW.get("H100-SXM-80GB");

    static List<LlmRequest> steady(int n, double rate, int prompt, int out) {
        LlmRequest[] r = new LlmRequest[n];
        for (int i = 0; i < n; i++) r[i] = new LlmRequest(i, i / rate, prompt, out);
        return List.of(r);
    }

    @Test void multiNodeTensorParallelUsesHierarchicalAllReduceOverInfiniBand() {
        Cluster two = Cluster.of(H100, 16, 2);
        double bytes = 64e6;
        CommModel m = new CommModel();
        double hier = m.collective(CommModel.Op.ALL_REDUCE, bytes, 16, two);
        double expected = m.time(CommModel.Op.REDUCE_SCATTER, bytes, 8, H100.intraNode()) + m.time(CommModel.Op.ALL_REDUCE, bytes / 8, 2, two.interNode())
                + m.time(CommModel.Op.ALL_GATHER, bytes, 8, H100.intraNode());
        assertEquals(expected, hier, 1e-15);
        // Slower than inside one node, far faster than a flat ring over the NICs.
        assertTrue(hier > m.collective(CommModel.Op.ALL_REDUCE, bytes, 8, two));
        assertTrue(hier < m.time(CommModel.Op.ALL_REDUCE, bytes, 16, two.interNode()) / 3);
        ServingResult r = ServingSimulator.run(ServingConfig.of(ModelCatalog.resolve("Llama-3.1-405B"), two, ParallelPlan.parse("tp=16")),
                steady(40, 0.5, 1000, 100));
        assertEquals(40, r.completed());
    }

    @Test void pipelineParallelRunsVirtualEnginesAndPaysStageSends() {
        ModelSpec m = ModelCatalog.resolve("Llama-3.1-70B");
        Cluster c = Cluster.of(H100, 8, 1);
        ServingConfig pp2 = ServingConfig.of(m, c, ParallelPlan.parse("tp=4,pp=2"));
        BatchShape b = new BatchShape();
        for (int i = 0; i < 16; i++) b.addDecode(2000);
        double[] ops = ServingSimulator.stepTimeModel(pp2).breakdown(b);
        assertTrue(ops[OpType.PP_COMM.ordinal()] > 0);
        ServingResult r = ServingSimulator.run(pp2, steady(200, 4, 500, 200));
        assertEquals(200, r.completed());
        assertTrue(r.peakKvBlocks() <= r.kvBlocksPerInstance());
        // Two virtual engines, each with half the blocks.
        assertEquals(ServingSimulator.memoryPlan(pp2).kvBlocks() / 2, r.kvBlocksPerInstance());
    }

    @Test void expertParallelMlaModelRunsAndUsesAllToAll() {
        ModelSpec ds = ModelCatalog.resolve("DeepSeek-V3");
        Cluster c = Cluster.of(HW.get("H200-SXM-141GB"), 8, 1);
        ServingConfig cfg = ServingConfig.of(ds, c, ParallelPlan.parse("tp=8,ep=8")).withQuantization(Quantization.of("fp8", "bf16"));
        assertTrue(ServingSimulator.memoryPlan(cfg).feasible(), ServingSimulator.memoryPlan(cfg).reason());
        assertFalse(ServingSimulator.memoryPlan(cfg.withQuantization(Quantization.BF16)).feasible()); // 1.3 TB of BF16 weights
        BatchShape b = new BatchShape();
        for (int i = 0; i < 32; i++) b.addDecode(4000);
        double[] ops = ServingSimulator.stepTimeModel(cfg).breakdown(b);
        assertTrue(ops[OpType.EP_COMM.ordinal()] > 0);
        assertTrue(ops[OpType.MOE_EXPERTS.ordinal()] > 0);
        // MLA: the latent KV (576 values per token per layer, 1,152 B) is read by decode attention on every GPU.
        ServingResult r = ServingSimulator.run(cfg, steady(50, 1, 2000, 100));
        assertEquals(50, r.completed());
        assertEquals(61 * 576 * 2, r.memory().kvBytesPerTokenPerGpu(), 1e-9);
    }

    @Test void energyCountsIdlePowerOverTheMakespanPlusDynamicWork() {
        Cluster c = Cluster.of(H100, 8, 1);
        ServingConfig cfg = ServingConfig.of(ModelCatalog.resolve("Llama-3.1-8B"), c, ParallelPlan.parse("dp=8,tp=1"));
        ServingResult sparse = ServingSimulator.run(cfg, steady(20, 0.05, 500, 100)); // mostly idle for 400 s
        double idle = 8 * H100.idleW() * sparse.makespanS();
        assertTrue(sparse.energyJ() > idle);
        assertTrue(sparse.energyJ() < idle * 1.2, "an almost idle cluster is dominated by idle power");
        ServingResult dense = ServingSimulator.run(cfg, steady(20, 20, 500, 100));
        assertTrue(dense.energyJPerOutputToken() < sparse.energyJPerOutputToken() / 10, "idle time must be charged");
        assertEquals(H100.pricePerHourUsd() * 8 * sparse.makespanS() / 3600, sparse.costUsd(), 1e-9);
    }

    @Test void goodputCountsRequestsMeetingBothSlos() {
        Cluster c = Cluster.of(RTX(), 1, 1);
        ServingConfig cfg = ServingConfig.of(ModelCatalog.resolve("Llama-3.1-8B"), c, ParallelPlan.parse("tp=1"));
        ServingResult r = ServingSimulator.run(cfg, steady(300, 8, 1000, 100));
        int good = 0;
        for (int i = 0; i < r.requestLog().size(); i++) {
            double tpot = r.requestLog().tpotS(i);
            if (r.requestLog().ttftS(i) <= 2.0 && (Double.isNaN(tpot) || tpot <= 0.1)) good++;
        }
        assertTrue(good > 0 && good < 300, "a saturated GPU should meet the SLO for some requests, not all: " + good);
        assertEquals(good / r.makespanS(), r.goodputReqPerS(), 1e-12);
        ServingResult strict = ServingSimulator.run(cfg.withSlo(new Slo(1, 1)), steady(300, 8, 1000, 100));
        assertEquals(0, strict.goodputReqPerS());
    }

    static Gpu RTX() { return HW.get("RTX-4090"); }
}
