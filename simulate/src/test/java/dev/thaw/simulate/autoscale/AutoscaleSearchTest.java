package dev.thaw.simulate.autoscale;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.ParallelPlan;
import dev.thaw.simulate.llm.ServingConfig;
import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.workload.llm.LlmRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoscaleSearchTest {
    @Test void ranksByGoodputPerDollarAndMarksTheParetoFront() {
        ServingConfig base = ServingConfig.of(ModelCatalog.resolve("Llama-3.1-8B"),
                Cluster.of(HardwareCatalog.bundled().get("H100-SXM-80GB"), 8, 1), new ParallelPlan(1, 1, 1));
        List<LlmRequest> demand = ServerlessLlmDemand.generate(11, 3600, 0.5);
        List<AutoscaleSearch.Candidate> cands = AutoscaleSearch.defaultCandidates(List.of(new ParallelPlan(1, 1, 1), new ParallelPlan(1, 2, 1)), 4);
        assertEquals(12, cands.size());
        AutoscaleSearch.Outcome o = AutoscaleSearch.run(base, cands, demand, ReplicaColdStart.defaults(), 32);
        assertEquals(12, o.ranking().size());
        for (int i = 1; i < o.ranking().size(); i++)
            assertTrue(o.ranking().get(i - 1).result().goodputPerDollar() >= o.ranking().get(i).result().goodputPerDollar());
        long front = o.ranking().stream().filter(AutoscaleSearch.Ranked::pareto).count();
        assertTrue(front >= 1);
        // no front member is dominated, every non-member is
        for (AutoscaleSearch.Ranked r : o.ranking()) assertEquals(r.pareto(), AutoscaleSearch.onParetoFront(r, o.ranking()));
        // TP=2 reshards a TP=1 checkpoint and pays twice the GPUs per replica
        AutoscaleSearch.Ranked tp2 = o.ranking().stream().filter(r -> r.candidate().plan().tp() == 2).findFirst().orElseThrow();
        AutoscaleSearch.Ranked tp1 = o.ranking().stream().filter(r -> r.candidate().plan().tp() == 1).findFirst().orElseThrow();
        assertTrue(tp2.coldStartS() > tp1.coldStartS() - 4.1, "TP=2 loads half the bytes per GPU but reshards");
        // a warm replica removes the first cold start: min=1 never has more replica starts than min=0 with the same policy
        for (String ka : List.of("fixed:60s", "fixed:10m", "hybrid")) {
            AutoscaleSearch.Ranked z = find(o, 1, ka, 0), w = find(o, 1, ka, 1);
            assertTrue(w.result().replicaStarts() <= z.result().replicaStarts(), ka);
        }
    }

    private static AutoscaleSearch.Ranked find(AutoscaleSearch.Outcome o, int tp, String ka, int min) {
        return o.ranking().stream().filter(r -> r.candidate().plan().tp() == tp && r.candidate().keepAlive().equals(ka) && r.candidate().minReplicas() == min)
                .findFirst().orElseThrow();
    }
}
