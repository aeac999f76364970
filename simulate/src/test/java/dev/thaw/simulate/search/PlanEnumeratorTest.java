package dev.thaw.simulate.search;

import dev.thaw.simulate.llm.Precision;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanEnumeratorTest {
    private static final ModelShape LLAMA70 = new ModelShape("llama-70b", 80, 64, 8, 0, 0.856e9, 2.1e9);

    @Test void eightGpusHaveTenLayoutsAndKnobsMultiply() {
        PlanSpace one = PlanSpace.layoutsOnly(new ClusterChoice("H100-SXM-80GB", 8, 1), "vllm-v1", 256, 8192);
        // Ordered (tp, pp, dp) with product 8: 10. pp = 2, 4, 8 divide 80 evenly; the head-aware split (first and
        // last stage carry embedding and LM head) differs from the even one for pp = 4 (tp 1 or 2) and pp = 8
        // (tp 1); for pp = 2 it is symmetric, 40/40, so no variant.
        List<Candidate> c = PlanEnumerator.enumerate(LLAMA70, one, true);
        long layouts = c.stream().map(x -> x.dp() + "/" + x.tp() + "/" + x.pp()).distinct().count();
        assertEquals(10, layouts);
        assertEquals(10 + 3, c.size());
        PlanSpace std = PlanSpace.standard(List.of(new ClusterChoice("H100-SXM-80GB", 8, 1)), "vllm-v1");
        assertEquals(c.size() * 2 * 2 * 2 * 2 * 2, PlanEnumerator.enumerate(LLAMA70, std, true).size());
        assertEquals(10, PlanEnumerator.enumerate(LLAMA70, one, false).size());
    }

    @Test void idsFollowEnumerationOrder() {
        PlanSpace std = PlanSpace.standard(List.of(new ClusterChoice("H100-SXM-80GB", 8, 2)), "vllm-v1");
        List<Candidate> c = PlanEnumerator.enumerate(LLAMA70, std);
        for (int i = 0; i < c.size(); i++) assertEquals(i, c.get(i).id());
        for (Candidate x : c) {
            assertEquals(16, x.gpus());
            assertEquals(80, x.stageLayers().stream().mapToInt(Integer::intValue).sum());
        }
    }

    @Test void moeModelsGetExpertDegreesDividingTensorAndVllmsExpertParallelAcrossReplicas() {
        ModelShape moe = new ModelShape("moe", 4, 8, 8, 8, 1e9, 1e8);
        PlanSpace s = PlanSpace.layoutsOnly(new ClusterChoice("H100-SXM-80GB", 4, 1), "vllm-v1", 256, 8192);
        List<Candidate> c = PlanEnumerator.enumerate(moe, s);
        for (Candidate x : c) assertTrue(x.tp() % x.ep() == 0 || x.ep() == x.dp() * x.tp(), x.plan());
        assertTrue(c.stream().anyMatch(x -> x.ep() == 4 && x.tp() == 4));
        assertTrue(c.stream().anyMatch(x -> x.plan().equals("dp=4,tp=1,pp=1,ep=4")));
        assertTrue(c.stream().anyMatch(x -> x.plan().equals("dp=2,tp=2,pp=1,ep=4")));
        // (dp, tp, pp) -> ep: (4,1,1) -> 1,4; (2,1,2) -> 1,2; (1,1,4) -> 1; (2,2,1) -> 1,2,4; (1,2,2) -> 1,2;
        // (1,4,1) -> 1,4 (ep = 2 inside a TP group of 4 is no engine's layout).
        assertEquals(2 + 2 + 1 + 3 + 2 + 2, c.size());
        assertFalse(c.stream().anyMatch(x -> x.tp() == 4 && x.ep() == 2));
    }

    @Test void balancedSplitsPutExtraLayersInTheMiddleThenFirst() {
        // The last stage also runs the LM head, so extra layers go to the middle, then the front.
        assertEquals(List.of(27, 27, 26), PipelineSplits.balanced(80, 3));
        assertEquals(List.of(20, 20, 20, 20), PipelineSplits.balanced(80, 4));
        assertEquals(List.of(31, 32, 32, 31), PipelineSplits.balanced(126, 4));
    }

    @Test void headAwareSplitLightensTheEndsAndLowersTheLargestStage() {
        double layer = 0.856e9, head = 2.1e9;  // Llama-3.1-70B: embedding + LM head = 2 x 128256 x 8192
        List<Integer> s = PipelineSplits.headAware(80, 4, layer, head);
        assertEquals(80, s.stream().mapToInt(Integer::intValue).sum());
        assertTrue(s.get(0) < s.get(1) && s.get(3) < s.get(2), s.toString());
        double maxEven = 20 * layer + head / 2;
        double maxAware = 0;
        for (int i = 0; i < 4; i++) maxAware = Math.max(maxAware, s.get(i) * layer + (i == 0 || i == 3 ? head / 2 : 0));
        assertTrue(maxAware < maxEven);
    }

    @Test void rulesRemoveIllegalPlansAndCountThem() {
        ModelShape m = new ModelShape("m", 6, 12, 2, 0, 1, 0);  // 12 heads, 2 KV heads, 6 layers
        PlanSpace s = new PlanSpace(List.of(new ClusterChoice("toy", 4, 2)), List.of(Precision.BF16), List.of(Precision.BF16),
                List.of("vllm-v1"), List.of(64), List.of(2048), List.of("round-robin", "least-outstanding"), true, false);
        PlanEvaluator ev = new FixedMemory(m);
        List<Candidate> all = PlanEnumerator.enumerate(m, s);
        PlanRules.Filtered f = PlanRules.apply(all, s, ev, Workloads.poisson(5, 1, 10, 10, 1), true);
        // tp = 8 does not divide 12 heads; pp = 4 and 8 do not divide 6 layers (uneven off); tp=8 > 4 per node.
        for (Candidate c : f.kept()) {
            assertTrue(c.tp() <= 4 && 12 % c.tp() == 0 && 6 % c.pp() == 0);
            if (c.dp() == 1) assertEquals("round-robin", c.router());
        }
        assertEquals(all.size(), f.kept().size() + f.removedByRule().values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(f.removedByRule().get("tp-divides-heads") > 0);
        assertTrue(f.removedByRule().get("uneven-pipeline-off") > 0);
        assertTrue(f.removedByRule().get("router-irrelevant") > 0);
        // Hand count of what survives: (tp,pp,dp) in {(1,1,8),(1,2,4),(2,1,4),(2,2,2),(4,1,2),(4,2,1)} with two
        // routers each except dp = 1 -> 5 x 2 + 1 = 11.
        assertEquals(11, f.kept().size());
    }

    private record FixedMemory(ModelShape model) implements PlanEvaluator {
        @Override public MemoryFit memory(Candidate c) { return MemoryFit.ok(1, 100_000); }
        @Override public Figures lowerBounds(Candidate c, Workload w) { throw new UnsupportedOperationException(); }
        @Override public PlanOutcome evaluate(Candidate c, Workload w) { throw new UnsupportedOperationException(); }
    }
}
