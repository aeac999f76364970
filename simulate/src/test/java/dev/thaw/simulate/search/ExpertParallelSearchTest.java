package dev.thaw.simulate.search;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.Precision;
import dev.thaw.simulate.llm.Slo;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.simulate.llm.trace.SyntheticWorkload;
import java.util.List;
import org.junit.jupiter.api.Test;

/** vLLM's data-parallel attention + expert parallelism (ep = dp x tp) is enumerated, simulated and ranked by the search. */
class ExpertParallelSearchTest {
    @Test void qwen3MoeOnTwoGpusRanksDpTwoEpTwoFirstOnThroughputAtHighLoad() {
        ClusterChoice two = new ClusterChoice("H100-SXM-80GB", 2, 1);
        ServingPlanEvaluator ev = ServingPlanEvaluator.of(ModelCatalog.resolve("Qwen3-30B-A3B"), HardwareCatalog.bundled(), two, Slo.DEFAULT);
        Workload w = new Workload("poisson-80", SyntheticWorkload.parse("poisson:rate=80,n=600,prompt=200-2000,output=50-500", 5));
        PlanSpace space = PlanSpace.layoutsOnly(two, "vllm-v1", 256, 8192);
        SearchResult all = new PlanSearch(ev, SearchOptions.defaults().withPruning(false)).search(space, w,
                List.of(Objectives.parse("throughput", Slo.DEFAULT)), List.of());
        List<String> ranked = all.ranking().stream().map(o -> o.candidate().plan()).toList();
        assertTrue(ranked.contains("dp=2,tp=1,pp=1,ep=2"), ranked.toString());
        assertTrue(ranked.contains("dp=1,tp=2,pp=1"), ranked.toString());
        // At 80 req/s (both saturated): two schedulers with their own token budgets and attention, whose MoE layers
        // share 16K tokens per step, finish more work than one TP group or two pipeline stages that contend.
        assertEquals("dp=2,tp=1,pp=1,ep=2", ranked.get(0), ranked.toString());
        // Pruning by lower bounds returns the same winner.
        SearchResult pruned = new PlanSearch(ev, SearchOptions.defaults()).search(space, w, List.of(Objectives.parse("throughput", Slo.DEFAULT)), List.of());
        assertEquals("dp=2,tp=1,pp=1,ep=2", pruned.best().candidate().plan());
    }

    @Test void lowerBoundsOfLockstepAndPipelinedMoePlansNeverExceedTheSimulation() {
        ClusterChoice two = new ClusterChoice("H100-SXM-80GB", 2, 1);
        ServingPlanEvaluator ev = ServingPlanEvaluator.of(ModelCatalog.resolve("Qwen3-30B-A3B"), HardwareCatalog.bundled(), two, Slo.DEFAULT);
        PlanSpace space = PlanSpace.layoutsOnly(two, "vllm-v1", 64, 2048);
        for (Workload w : List.of(new Workload("light", SyntheticWorkload.parse("poisson:rate=2,n=150,prompt=100-3000,output=10-300", 2)),
                new Workload("heavy", SyntheticWorkload.parse("poisson:rate=60,n=300,prompt=100-3000,output=10-300", 3)))) {
            for (Candidate c : PlanRules.apply(PlanEnumerator.enumerate(ev.model(), space), space, ev, w, false).kept()) {
                Figures lb = ev.lowerBounds(c, w), f = ev.evaluate(c, w).figures();
                for (int i = 0; i < w.size(); i++) {
                    String where = c.plan() + " " + w.name() + " request " + i;
                    assertTrue(lb.ttftS()[i] <= f.ttftS()[i] + 1e-9, "TTFT " + where);
                    assertTrue(lb.e2eS()[i] <= f.e2eS()[i] + 1e-9, "E2E " + where);
                    if (!Double.isNaN(f.tpotS()[i])) assertTrue(lb.tpotS()[i] <= f.tpotS()[i] + 1e-9, "TPOT " + where);
                }
                assertTrue(lb.makespanS() <= f.makespanS() + 1e-9, c.plan());
            }
        }
    }

    @Test void deepSeekV3OnEightH200sRanksDataParallelAttentionWithExpertsOverAllGpus() {
        ClusterChoice node = new ClusterChoice("H200-SXM-141GB", 8, 1);
        ServingPlanEvaluator ev = ServingPlanEvaluator.of(ModelCatalog.resolve("DeepSeek-V3"), HardwareCatalog.bundled(), node, Slo.DEFAULT);
        Workload w = new Workload("poisson-4", SyntheticWorkload.parse("poisson:rate=4,n=120,prompt=200-2000,output=20-200", 9));
        PlanSpace space = PlanSpace.layoutsOnly(node, "vllm-v1", 256, 8192).withWeights(List.of(Precision.FP8));
        SearchResult all = new PlanSearch(ev, SearchOptions.defaults().withPruning(false)).search(space, w,
                List.of(Objectives.parse("ttft-mean", Slo.DEFAULT)), List.of());
        List<String> ranked = all.ranking().stream().map(o -> o.candidate().plan()).toList();
        assertTrue(ranked.contains("dp=8,tp=1,pp=1,ep=8"), ranked.toString());
        assertTrue(ranked.contains("dp=2,tp=4,pp=1,ep=8"), ranked.toString());
    }
}
