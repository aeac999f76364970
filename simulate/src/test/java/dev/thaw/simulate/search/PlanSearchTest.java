package dev.thaw.simulate.search;

import dev.thaw.simulate.llm.Precision;
import dev.thaw.simulate.llm.Slo;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search machinery against a closed-form serving model: brute-force agreement, pruning safety, determinism. */
class PlanSearchTest {
    private static final ToyEvaluator EV = new ToyEvaluator(40, 24);
    private static final PlanSpace SPACE = new PlanSpace(List.of(new ClusterChoice("toy", 4, 2)),
            List.of(Precision.BF16, Precision.FP8), List.of(Precision.BF16, Precision.FP8), List.of("vllm-v1"),
            List.of(8, 64), List.of(2048), List.of("round-robin", "least-outstanding"), true, true);
    private static final Slo SLO = new Slo(500, 20);

    private static List<Objective> allObjectives(Figures reference) {
        List<Objective> os = new ArrayList<>();
        for (String n : Objectives.NAMES) os.add(Objectives.parse(n, SLO));
        os.add(Objectives.parse("e2e-mean", SLO));
        os.add(Objectives.mix("mix:ttft-p99=1,throughput=2", SLO, reference));
        return os;
    }

    @Test void prunedSearchFindsTheBruteForceOptimumForEveryObjective() {
        for (Workload w : List.of(Workloads.poisson(300, 2, 2000, 400, 1), Workloads.poisson(300, 40, 2000, 400, 2))) {
            PlanSearch brute = new PlanSearch(EV, SearchOptions.defaults().withPruning(false).withThreads(2));
            List<Baseline> base = brute.evaluateBaselines(baselinePlans(), w);
            SearchResult all = brute.search(SPACE, w, List.of(Objectives.parse("ttft-mean", SLO)), base);
            assertEquals(0, all.removedByRule().get("bound"));
            assertTrue(all.simulated() > 20, "too few legal plans to be a test: " + all.simulated());
            java.util.Set<String> winners = new java.util.TreeSet<>();
            for (Objective o : allObjectives(base.get(0).outcome().figures())) {
                PlanOutcome truth = all.ranking().stream().min(PlanSearch.order(o)).orElseThrow();
                SearchResult pruned = new PlanSearch(EV, SearchOptions.defaults().withThreads(2)).search(SPACE, w, List.of(o), base);
                assertEquals(truth.candidate().label(), pruned.best().candidate().label(), o.name() + " on " + w.name());
                assertEquals(o.score(truth.figures()), o.score(pruned.best().figures()), 0.0);
                assertTrue(pruned.simulated() <= all.simulated());
                assertEquals(all.enumerated(), pruned.enumerated());
                winners.add(truth.candidate().label());
            }
            assertTrue(winners.size() >= 2, "objectives should disagree on " + w.name() + ": " + winners);
        }
    }

    @Test void boundsPruneSomethingWhenLoadIsLight() {
        Workload w = Workloads.poisson(300, 2, 2000, 400, 1);
        SearchResult r = new PlanSearch(EV, SearchOptions.defaults()).search(SPACE, w, List.of(Objectives.parse("tpot-mean", SLO)), List.of());
        assertTrue(r.removedByRule().get("bound") > 0, r.removedByRule().toString());
        assertEquals(r.enumerated(), r.pruned() + r.simulated());
    }

    @Test void paretoModeKeepsTheWholeBruteForceFront() {
        Workload w = Workloads.poisson(300, 20, 2000, 400, 3);
        Objective a = Objectives.parse("ttft-mean", SLO), b = Objectives.parse("cost", SLO);
        SearchResult all = new PlanSearch(EV, SearchOptions.defaults().withPruning(false)).search(SPACE, w, List.of(a, b), List.of());
        SearchResult pruned = new PlanSearch(EV, SearchOptions.defaults().withPareto(true)).search(SPACE, w, List.of(a, b), List.of());
        List<String> want = ParetoFront.of(all.ranking(), a, b).stream().map(p -> p.candidate().label()).toList();
        List<String> got = ParetoFront.of(pruned.ranking(), a, b).stream().map(p -> p.candidate().label()).toList();
        assertFalse(want.isEmpty());
        assertEquals(want, got);
    }

    @Test void resultsDoNotDependOnThreadCount() {
        Workload w = Workloads.poisson(200, 10, 2000, 400, 4);
        Objective o = Objectives.parse("ttft-p99", SLO);
        SearchResult one = new PlanSearch(EV, SearchOptions.defaults().withThreads(1)).search(SPACE, w, List.of(o), List.of());
        SearchResult four = new PlanSearch(EV, SearchOptions.defaults().withThreads(4)).search(SPACE, w, List.of(o), List.of());
        assertEquals(one.removedByRule(), four.removedByRule());
        assertEquals(one.simulated(), four.simulated());
        assertEquals(one.ranking().stream().map(p -> p.candidate().id()).toList(), four.ranking().stream().map(p -> p.candidate().id()).toList());
        for (int i = 0; i < one.ranking().size(); i++)
            assertArrayEquals(one.ranking().get(i).figures().ttftS(), four.ranking().get(i).figures().ttftS());
    }

    @Test void searchBeatsOrTiesEveryBaselineItContains() {
        Workload w = Workloads.poisson(300, 20, 2000, 400, 5);
        PlanSearch s = new PlanSearch(EV, SearchOptions.defaults());
        List<Baseline> base = s.evaluateBaselines(baselinePlans(), w);
        Objective o = Objectives.parse("e2e-p99", SLO);
        SearchResult r = s.search(SPACE, w, List.of(o), base);
        for (Gain g : r.gains(o)) assertTrue(g.relative() >= 0, g.toString());
        assertEquals(3, r.gains(o).size());
    }

    static List<Baselines.Plan> baselinePlans() {
        return Baselines.plans(EV, SPACE.clusters().get(0),
                new Baselines.Knobs(Precision.BF16, Precision.BF16, "vllm-v1", 64, 2048, "round-robin"));
    }
}
