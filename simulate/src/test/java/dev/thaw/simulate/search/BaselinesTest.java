package dev.thaw.simulate.search;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.Precision;
import dev.thaw.simulate.llm.Slo;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The practitioners' heuristics on real model sizes (memory only, no simulation). */
class BaselinesTest {
    private static final Baselines.Knobs BF16 = new Baselines.Knobs(Precision.BF16, Precision.BF16, "vllm-v1", 256, 8192, "round-robin");

    private static List<Baselines.Plan> plans(String model, int perNode, int nodes) {
        ClusterChoice c = new ClusterChoice("H100-SXM-80GB", perNode, nodes);
        return Baselines.plans(ServingPlanEvaluator.of(ModelCatalog.resolve(model), HardwareCatalog.bundled(), c, Slo.DEFAULT), c, BF16);
    }

    @Test void llama70bOnOneNode() {
        List<Baselines.Plan> p = plans("Llama-3.1-70B", 8, 1);
        assertEquals(List.of("tp-node-dp", "min-tp-dp", "pp-nodes"), p.stream().map(Baselines.Plan::name).toList());
        assertEquals("dp=1,tp=8,pp=1", p.get(0).candidate().plan());
        // 141 GB of BF16 weights: TP1 (141 GB) does not fit in 80 GB, TP2 (about 66 GiB per GPU) does.
        assertEquals("dp=4,tp=2,pp=1", p.get(1).candidate().plan());
        assertEquals("dp=1,tp=8,pp=1", p.get(2).candidate().plan());
    }

    @Test void llama405bInBf16NeedsBothNodesInOneReplica() {
        List<Baselines.Plan> p = plans("Llama-3.1-405B", 8, 2);
        // About 810 GB of BF16 weights: one node of 8 x 80 GB cannot hold a replica, so only PP across nodes works.
        assertNull(p.get(0).candidate());
        assertTrue(p.get(0).reason().contains("memory"), p.get(0).reason());
        assertNull(p.get(1).candidate());
        assertEquals("dp=1,tp=8,pp=2", p.get(2).candidate().plan());
        assertEquals(List.of(63, 63), p.get(2).candidate().stageLayers());
    }
}
