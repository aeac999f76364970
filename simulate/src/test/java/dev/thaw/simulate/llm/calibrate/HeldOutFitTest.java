package dev.thaw.simulate.llm.calibrate;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.EngineOverheads;
import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.perf.Calibration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 1 (issue 11): overheads fitted on some of the public end-to-end runs predict the others. The engine
 * constants are fitted on Qwen3-32B BF16 at TP2 and TP4 (vLLM 0.12.0, H100) and predict Qwen3-32B at TP8 and
 * Llama-3.1-70B FP8 at TP4 and TP8 (another model, weight format and TP). The fit starts from the unfitted
 * estimates, not from the shipped (fitted on all rows) values, so nothing of the held-out rows leaks in.
 *
 * <p>The Llama rows come from another benchmark harness (AIConfigurator's CI workflow, not its gap-analysis runs),
 * and the client model (rounds per client, cohort size; {@link ClosedLoopClients}) belongs to the harness, not to
 * the engine. As a user calibrates a harness once, the Llama harness's client model is fitted on its TP2 rows with
 * the engine constants from Qwen held fixed; the TP2 rows are then not predicted.
 */
class HeldOutFitTest {
    static final Path AIC = Path.of("../datasets/engine-measurements/aiconfigurator-silicon-e2e/silicon_sample.csv");

    @Test void fitOnQwenTp2Tp4PredictsQwenTp8AndLlama70bFp8() {
        List<MeasuredCase> all = MeasurementReader.read(List.of(AIC), "aiconfigurator",
                new CaseSettings(null, "H100-SXM-80GB", null, "bf16", "bf16", "vllm-v1", 0, 0), s -> {});
        // Training rows: the shorter outputs (128 and 512 tokens) keep the fit quick; held out: everything else of TP8 and Llama.
        List<MeasuredCase> train = all.stream().filter(c -> qwen(c) && c.plan().tp() < 8 && c.load().meanOutput() <= 512).toList();
        List<MeasuredCase> qwenHeldOut = all.stream().filter(c -> qwen(c) && c.plan().tp() == 8).toList();
        List<MeasuredCase> llamaHarness = all.stream().filter(c -> llama(c) && c.plan().tp() == 2).toList();
        List<MeasuredCase> llamaHeldOut = all.stream().filter(c -> llama(c) && c.plan().tp() > 2).toList();
        EngineProfile prior = EngineProfile.vllmV1().withOverheads(new EngineOverheads(0.6e-3, 5e-6, 0, 0, 0, 0, 0, 0));
        OverheadFitter.Result fit = OverheadFitter.fit(train, prior, Calibration.DEFAULT, ReplaySettings.BUNDLED, OverheadFitter.Options.defaults().withIterations(4), s -> {});
        OverheadFitter.Result llamaClients = OverheadFitter.fit(llamaHarness, fit.profile(), Calibration.DEFAULT, ReplaySettings.BUNDLED, OverheadFitter.Options.defaults().clientsOnly(), s -> {});
        assertEquals(fit.profile().overheads(), llamaClients.profile().overheads(), "a client-model fit leaves the engine constants alone");

        Map<String, ClosedLoopClients.ClientModel> clients = new TreeMap<>(fit.clientsByCollection());
        clients.putAll(llamaClients.clientsByCollection());
        assertEquals(2, clients.size(), "one client model per collection: " + clients);

        List<MeasuredCase> predicted = new ArrayList<>(qwenHeldOut);
        predicted.addAll(llamaHeldOut);
        predicted.removeIf(c -> OverheadFitter.preDrop(c, fit.profile(), Calibration.DEFAULT) != null);
        // Each collection predicted with its own harness's client model; bundled models (fitted on all rows) play no part.
        Validation v = Validation.run(predicted, g -> fit.profile(), Calibration.DEFAULT, ReplaySettings.BUNDLED.withClients(fit.clients(), clients), 1);
        Validation q = Validation.of(v.cases().stream().filter(r -> qwen(r.measuredCase())).toList());
        Validation l = Validation.of(v.cases().stream().filter(r -> llama(r.measuredCase())).toList());
        System.out.printf(Locale.ROOT, "fit on %d: MAPE %s; %s; client models %s (Llama's fitted on %d TP2 rows)%n",
                fit.used().size(), fit.fit().mape(), fit.profile().overheads(), clients, llamaClients.used().size());
        System.out.printf(Locale.ROOT, "held-out (%d cases): MAPE %s, bias %s; Qwen TP8 (%d) TTFT %.1f%%, Llama TP4/8 (%d) TTFT %.1f%%%n", predicted.size(),
                v.mape(), v.bias(), q.cases().size(), q.mape().get("ttft_ms.mean"), l.cases().size(), l.mape().get("ttft_ms.mean"));
        assertTrue(predicted.size() >= 55, "held-out cases " + predicted.size());
        assertTrue(v.mape().get("tpot_ms.mean") <= 8, "held-out TPOT MAPE " + v.mape());
        assertTrue(Math.abs(v.bias().get("tpot_ms.mean")) <= 6, "held-out TPOT bias " + v.bias());
        assertTrue(v.mape().get("ttft_ms.mean") <= 20, "held-out TTFT MAPE " + v.mape());
        assertTrue(Math.abs(v.bias().get("ttft_ms.mean")) <= 10, "held-out TTFT bias " + v.bias());
    }

    static boolean qwen(MeasuredCase c) { return c.model().equals("Qwen3-32B") && c.weights().equals("bf16"); }

    static boolean llama(MeasuredCase c) { return c.model().equals("Llama-3.1-70B"); }
}
