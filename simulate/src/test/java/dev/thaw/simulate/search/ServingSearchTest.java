package dev.thaw.simulate.search;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.Precision;
import dev.thaw.simulate.llm.Slo;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.simulate.llm.trace.LlmTraceReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Plan search on the serving simulator: Llama-3.1-8B on one node of 4 x H100 with the first requests of the bundled
 * APEX lmsys trace (0.5 req/s), and the same requests replayed faster.
 */
class ServingSearchTest {
    private static final ClusterChoice NODE = new ClusterChoice("H100-SXM-80GB", 4, 1);
    private static final Workload LMSYS = lmsys(200);
    private static final PlanSpace SPACE = new PlanSpace(List.of(NODE), List.of(Precision.BF16, Precision.FP8), List.of(Precision.BF16),
            List.of("vllm-v1"), List.of(32, 256), List.of(512, 4096), List.of("round-robin", "least-outstanding"), true, true);

    static Workload lmsys(int n) {
        Path p = Path.of(System.getProperty("thaw.repo", "..")).resolve("datasets/llm-traces/apex/llama/lmsys_05.csv");
        return new Workload("lmsys_05", LlmTraceReader.read(p).subList(0, n));
    }

    private static ServingPlanEvaluator evaluator(Slo slo) {
        return ServingPlanEvaluator.of(ModelCatalog.resolve("Llama-3.1-8B"), HardwareCatalog.bundled(), NODE, slo);
    }

    @Test void lowerBoundsNeverExceedTheSimulationForAnyRequest() {
        ServingPlanEvaluator ev = evaluator(Slo.DEFAULT);
        for (String engine : List.of("vllm-v1", "vllm-v0", "sarathi")) {
            for (Workload w : List.of(LMSYS, LMSYS.rateScaled(500))) {
                PlanSpace s = PlanSpace.layoutsOnly(NODE, engine, 64, engine.equals("vllm-v0") ? 8192 : 512);
                for (Candidate c : PlanRules.apply(PlanEnumerator.enumerate(ev.model(), s), s, ev, w, false).kept()) {
                    Figures lb = ev.lowerBounds(c, w), f = ev.evaluate(c, w).figures();
                    for (int i = 0; i < w.size(); i++) {
                        String where = engine + " " + c.plan() + " request " + i + " at x" + w.ratePerS();
                        // On an idle replica the bound is exact; times relative to arrival lose a few ulps.
                        assertTrue(lb.ttftS()[i] <= f.ttftS()[i] + 1e-9, "TTFT " + where);
                        assertTrue(lb.e2eS()[i] <= f.e2eS()[i] + 1e-9, "E2E " + where);
                        if (!Double.isNaN(f.tpotS()[i])) assertTrue(lb.tpotS()[i] <= f.tpotS()[i] + 1e-9, "TPOT " + where);
                    }
                    assertTrue(lb.makespanS() <= f.makespanS() + 1e-9);
                    assertTrue(lb.energyJ() <= f.energyJ());
                    assertTrue(lb.costUsd() <= f.costUsd() * (1 + 1e-12));
                }
            }
        }
    }

    @Test void prunedSearchReturnsTheBruteForceOptimumForEveryObjective() {
        Slo slo = new Slo(50, 5);
        // Each plan is simulated once per workload; the pruned searches then read the same outcomes.
        PlanEvaluator ev = new CachedEvaluator(evaluator(slo));
        for (Workload w : List.of(LMSYS, LMSYS.rateScaled(500))) {
            PlanSearch brute = new PlanSearch(ev, SearchOptions.defaults().withPruning(false));
            List<Baseline> base = brute.evaluateBaselines(Baselines.plans(ev, NODE,
                    new Baselines.Knobs(Precision.BF16, Precision.BF16, "vllm-v1", 256, 4096, "round-robin")), w);
            SearchResult all = brute.search(SPACE, w, List.of(Objectives.parse("ttft-mean", slo)), List.of());
            assertTrue(all.failures().isEmpty(), all.failures().toString());
            List<Objective> objectives = new ArrayList<>();
            for (String n : Objectives.NAMES) objectives.add(Objectives.parse(n, slo));
            objectives.add(Objectives.mix("mix:ttft-p99=1,tpot-mean=1,cost=0.5", slo, base.get(0).outcome().figures()));
            int boundPruned = 0;
            for (Objective o : objectives) {
                PlanOutcome truth = all.ranking().stream().min(PlanSearch.order(o)).orElseThrow();
                SearchResult pruned = new PlanSearch(ev, SearchOptions.defaults()).search(SPACE, w, List.of(o), base);
                boundPruned += pruned.removedByRule().get("bound");
                assertEquals(truth.candidate().label(), pruned.best().candidate().label(), o.name() + " at " + w.ratePerS() + " req/s");
                assertEquals(o.score(truth.figures()), o.score(pruned.best().figures()), 0.0);
            }
            // Fitted vllm-v1 overheads saturate the 500x replay more, where bounds separate fewer plans.
            assertTrue(boundPruned > objectives.size() * 5, "bounds pruned only " + boundPruned + " plans at " + w.ratePerS() + " req/s");
        }
    }

    @Test void lowLoadLatencyFavoursWideTensorParallelHighLoadThroughputFavoursMoreReplicas() {
        ServingPlanEvaluator ev = evaluator(Slo.DEFAULT);
        Workload light = lmsys(1000), heavy = light.rateScaled(1000);  // 0.5 and about 500 req/s
        PlanSpace layouts = PlanSpace.layoutsOnly(NODE, "vllm-v1", 256, 8192).withRouters(List.of("least-outstanding"));
        Objective ttft = Objectives.parse("ttft-mean", Slo.DEFAULT), thr = Objectives.parse("throughput", Slo.DEFAULT);
        PlanSearch s = new PlanSearch(ev, SearchOptions.defaults());
        assertEquals(4, s.search(layouts, light, List.of(ttft), List.of()).best().candidate().tp());
        assertEquals(4, s.search(layouts, light, List.of(Objectives.parse("tpot-mean", Slo.DEFAULT)), List.of()).best().candidate().tp());
        Candidate heavyTtft = s.search(layouts, heavy, List.of(ttft), List.of()).best().candidate();
        assertTrue(heavyTtft.tp() < 4, heavyTtft.plan());
        Candidate heavyThr = s.search(layouts, heavy, List.of(thr), List.of()).best().candidate();
        assertTrue(heavyThr.tp() < 4 && heavyThr.dp() * heavyThr.pp() > 1, heavyThr.plan());
        // Among plans without pipelining the throughput winner under heavy load is replicated.
        SearchResult noPp = s.search(layouts, heavy, List.of(thr), List.of());
        PlanOutcome bestNoPp = noPp.ranking().stream().filter(p -> p.candidate().pp() == 1).findFirst().orElseThrow();
        assertTrue(bestNoPp.candidate().dp() > 1, bestNoPp.candidate().plan());
    }

    @Test void aTightTpotSloAtModerateLoadPicksWideTensorParallelThatHeavyLoadDoesNot() {
        Workload heavy = lmsys(1000).rateScaled(1000), moderate = lmsys(1000).rateScaled(10);
        PlanSpace layouts = PlanSpace.layoutsOnly(NODE, "vllm-v1", 256, 8192).withRouters(List.of("least-outstanding"));
        Slo loose = new Slo(2000, 100), tight = new Slo(2000, 5.4);
        // With the fitted vllm-v1 overheads (per-sequence CPU cost) one wide replica is the slowest under heavy load,
        // but at moderate load (5 req/s) it decodes fastest: mean TPOT TP4 5.1 ms, TP2 5.8 ms, TP1 7.8 ms.
        Candidate looseBest = new PlanSearch(evaluator(loose), SearchOptions.defaults())
                .search(layouts, heavy, List.of(Objectives.parse("goodput", loose)), List.of()).best().candidate();
        Candidate tightBest = new PlanSearch(evaluator(tight), SearchOptions.defaults())
                .search(layouts, moderate, List.of(Objectives.parse("goodput", tight)), List.of()).best().candidate();
        assertTrue(looseBest.tp() < 4, looseBest.plan());
        assertEquals(4, tightBest.tp(), tightBest.plan());
    }

    @Test void resultsAreBitForBitTheSameOnOneThreadAndOnFour() {
        Workload w = LMSYS.rateScaled(200);
        Objective o = Objectives.parse("ttft-p99", Slo.DEFAULT);
        SearchResult one = new PlanSearch(evaluator(Slo.DEFAULT), SearchOptions.defaults().withThreads(1)).search(SPACE, w, List.of(o), List.of());
        SearchResult four = new PlanSearch(evaluator(Slo.DEFAULT), SearchOptions.defaults().withThreads(4)).search(SPACE, w, List.of(o), List.of());
        assertEquals(one.removedByRule(), four.removedByRule());
        assertEquals(one.ranking().size(), four.ranking().size());
        for (int i = 0; i < one.ranking().size(); i++) {
            Figures a = one.ranking().get(i).figures(), b = four.ranking().get(i).figures();
            assertEquals(one.ranking().get(i).candidate(), four.ranking().get(i).candidate());
            assertArrayEquals(a.ttftS(), b.ttftS());
            assertArrayEquals(a.tpotS(), b.tpotS());
            assertEquals(a.energyJ(), b.energyJ(), 0.0);
        }
    }

    @Test void deviceCountIsPartOfTheQuestionCostPicksOneGpuLatencyPicksFour() {
        ClusterChoice one = new ClusterChoice("H100-SXM-80GB", 1, 1);
        PlanSpace space = new PlanSpace(List.of(NODE, one), List.of(Precision.BF16), List.of(Precision.BF16), List.of("vllm-v1"),
                List.of(256), List.of(8192), List.of("least-outstanding"), true, true);
        PlanSearch s = new PlanSearch(new CachedEvaluator(evaluator(Slo.DEFAULT)), SearchOptions.defaults());
        // At 0.5 req/s every plan keeps up, so cost follows the GPU count while latency follows the TP width.
        Candidate cheapest = s.search(space, LMSYS, List.of(Objectives.parse("cost", Slo.DEFAULT)), List.of()).best().candidate();
        assertEquals(1, cheapest.gpus());
        Candidate fastest = s.search(space, LMSYS, List.of(Objectives.parse("ttft-mean", Slo.DEFAULT)), List.of()).best().candidate();
        assertEquals(4, fastest.gpus());
        assertEquals(4, fastest.tp());
    }

    @Test void disaggregatedPlansAreSearchedTheirBoundsHoldAndPruningKeepsTheOptimum() {
        Workload w = LMSYS.rateScaled(200);
        PlanSpace space = PlanSpace.layoutsOnly(NODE, "vllm-v1", 256, 8192).withRouters(List.of("least-outstanding")).withDisaggregation(true);
        ServingPlanEvaluator raw = evaluator(Slo.DEFAULT);
        PlanEvaluator ev = new CachedEvaluator(raw);
        SearchResult all = new PlanSearch(ev, SearchOptions.defaults().withPruning(false)).search(space, w, List.of(Objectives.parse("ttft-mean", Slo.DEFAULT)), List.of());
        assertTrue(all.failures().isEmpty(), all.failures().toString());
        // dp=4: 0..3 prefill replicas; dp=2 (tp=2 or pp=2): 0..1 each; dp=1: colocated only (3 layouts).
        assertEquals(4 + 2 * 2 + 3, all.simulated());
        for (PlanOutcome p : all.ranking()) {
            if (p.candidate().prefillReplicas() == 0) continue;
            Figures lb = raw.lowerBounds(p.candidate(), w), f = p.figures();
            for (int i = 0; i < w.size(); i++) {
                assertTrue(lb.ttftS()[i] <= f.ttftS()[i] + 1e-9, "TTFT " + p.candidate().label() + " request " + i);
                if (!Double.isNaN(f.tpotS()[i])) assertTrue(lb.tpotS()[i] <= f.tpotS()[i] + 1e-9, "TPOT " + p.candidate().label() + " request " + i);
            }
        }
        for (String name : List.of("ttft-mean", "tpot-mean", "e2e-p99", "throughput")) {
            Objective o = Objectives.parse(name, Slo.DEFAULT);
            PlanOutcome truth = all.ranking().stream().min(PlanSearch.order(o)).orElseThrow();
            assertEquals(truth.candidate().label(), new PlanSearch(ev, SearchOptions.defaults()).search(space, w, List.of(o), List.of())
                    .best().candidate().label(), name);
        }
    }
}
