package dev.thaw.simulate.llm.calibrate;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.ParallelPlan;
import dev.thaw.simulate.llm.perf.Calibration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two phases of a fixed-length closed loop (burst round, desynchronised rounds) and their mix. */
class ClosedLoopClientsTest {
    static MeasuredCase qwen(int clients, int isl, int osl) {
        return new MeasuredCase("t", "test", "Qwen3-32B", "H100-SXM-80GB", new ParallelPlan(1, 2, 1), "bf16", "bf16", "vllm-v1", "",
                0, 0, MeasuredCase.Load.closed(clients, isl, osl), Map.of("ttft_ms.mean", 1.0));
    }

    @Test void clientsStartingTogetherQueueTheirPromptsOnceThenDesynchronise() {
        EngineProfile e = EngineProfile.vllmV1();
        Map<String, Double> eight = CaseSimulator.predict(qwen(8, 1024, 1024), e, Calibration.DEFAULT, ReplaySettings.BUNDLED, 1);
        Map<String, Double> alone = CaseSimulator.predict(qwen(1, 1024, 1024), e, Calibration.DEFAULT, ReplaySettings.BUNDLED, 1);
        double burst = eight.get("first_round.ttft_ms.mean"), steady = eight.get("steady.ttft_ms.mean"), lone = alone.get("steady.ttft_ms.mean");
        // Eight 1024-token prompts at once share one 8192-token step: each waits for all eight.
        assertTrue(burst > 3 * lone, "burst " + burst + " vs a lone request " + lone);
        // Once desynchronised, eight clients with 1024-token outputs rarely overlap their prefills (utilisation ~3%):
        // a prompt then costs about what it costs alone (plus the decodes it shares its step with), far from the burst.
        assertTrue(steady - lone < 0.25 * (burst - lone), "desynchronised " + steady + " vs a lone request " + lone + " and the burst " + burst);
        // The run's mean weighs the burst by 1/R.
        double r = ReplaySettings.BUNDLED.clients().roundsPerClient(); // a case of no named collection: the default model
        assertEquals(burst / r + steady * (1 - 1 / r), eight.get("ttft_ms.mean"), 1e-9);
    }

    @Test void remixMovesBetweenTheBurstAndTheDesynchronisedRounds() {
        Map<String, Double> p = Map.of("ttft_ms.mean", 0.0, "first_round.ttft_ms.mean", 900.0, "steady.ttft_ms.mean", 100.0);
        assertEquals(900, ClosedLoopClients.remix(p, 1).get("ttft_ms.mean"), 1e-9);
        assertEquals(500, ClosedLoopClients.remix(p, 2).get("ttft_ms.mean"), 1e-9);
        assertEquals(100.8, ClosedLoopClients.remix(p, 1000).get("ttft_ms.mean"), 1e-9);
        assertSame(Map.of("ttft_ms.mean", 5.0).getClass(), ClosedLoopClients.remix(Map.of("ttft_ms.mean", 5.0), 3).getClass(), "an open-loop prediction is returned as it is");
        assertThrows(IllegalArgumentException.class, () -> ClosedLoopClients.checkRounds(0.5));
        assertEquals(ClosedLoopClients.DEFAULT_ROUNDS_PER_CLIENT, Double.parseDouble(ClosedLoopClients.DEFAULT_ROUNDS_PER_CLIENT_TEXT), "help text and default agree");
        assertThrows(IllegalArgumentException.class, () -> ClosedLoopClients.checkRounds(Double.NaN));
        assertEquals(ClosedLoopClients.DEFAULT_CLIENT_COHORT, Integer.parseInt(ClosedLoopClients.DEFAULT_CLIENT_COHORT_TEXT), "help text and default agree");
        assertThrows(IllegalArgumentException.class, () -> ClosedLoopClients.checkCohort(0));
        assertThrows(IllegalArgumentException.class, () -> new ClosedLoopClients.ClientModel(15, 0));
    }

    @Test void aCaseIsSimulatedWithItsCollectionsClientModelElseTheDefault() {
        ReplaySettings s = ReplaySettings.BUNDLED.withClients(new ClosedLoopClients.ClientModel(1000, 1), Map.of("paired", new ClosedLoopClients.ClientModel(1000, 2)));
        MeasuredCase alone = qwen(8, 4096, 256), paired = new MeasuredCase("p", "test", alone.model(), alone.gpu(), alone.plan(), "bf16", "bf16",
                "vllm-v1", "", 0, 0, alone.load(), alone.measured(), "paired");
        assertEquals(2, s.clientsOf(paired).cohort());
        assertEquals(1, s.clientsOf(alone).cohort());
        double a = CaseSimulator.predict(alone, EngineProfile.vllmV1(), Calibration.DEFAULT, s, 1).get("ttft_ms.mean");
        double p = CaseSimulator.predict(paired, EngineProfile.vllmV1(), Calibration.DEFAULT, s, 1).get("ttft_ms.mean");
        // 8 clients of 4,096-token prompts: in pairs, every prompt shares its prefill step with its partner's.
        assertTrue(p > 1.4 * a, "pairs " + p + " ms vs alone " + a + " ms");
    }
}
