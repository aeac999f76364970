package dev.thaw.simulate.llm.calibrate;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.EngineOverheads;
import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.perf.Calibration;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 1 (issue 11): overheads fitted on some of the public end-to-end runs predict the others. Fit on
 * Qwen3-32B BF16 at TP2 and TP4 (vLLM 0.12.0, H100); predict Qwen3-32B at TP8 and every Llama-3.1-70B FP8 row
 * (another model, another weight format, TP2/4/8). The fit starts from the unfitted estimates, not from the shipped
 * (fitted on all rows) values, so nothing of the held-out rows leaks in.
 */
class HeldOutFitTest {
    static final Path AIC = Path.of("../datasets/engine-measurements/aiconfigurator-silicon-e2e/silicon_sample.csv");

    @Test void fitOnQwenTp2Tp4PredictsQwenTp8AndLlama70bFp8() {
        List<MeasuredCase> all = MeasurementReader.read(List.of(AIC), "aiconfigurator",
                new CaseSettings(null, "H100-SXM-80GB", null, "bf16", "bf16", "vllm-v1", 0, 0), s -> {});
        // Training rows: the shorter outputs (128 and 512 tokens) keep the fit quick; held out: everything else of TP8 and Llama.
        List<MeasuredCase> train = all.stream().filter(c -> c.model().equals("Qwen3-32B") && c.weights().equals("bf16") && c.plan().tp() < 8
                && c.load().meanOutput() <= 512).toList();
        List<MeasuredCase> heldOut = all.stream().filter(c -> (c.model().equals("Qwen3-32B") && c.weights().equals("bf16") && c.plan().tp() == 8)
                || c.model().equals("Llama-3.1-70B")).toList();
        EngineProfile prior = EngineProfile.vllmV1().withOverheads(new EngineOverheads(0.6e-3, 5e-6, 0, 0, 0, 0, 0, 0));
        OverheadFitter.Result fit = OverheadFitter.fit(train, prior, Calibration.DEFAULT, OverheadFitter.Options.defaults().withIterations(4), s -> {});
        List<MeasuredCase> predictable = heldOut.stream().filter(c -> OverheadFitter.preDrop(c, fit.profile(), Calibration.DEFAULT) == null).toList();
        double before = CaseSimulator.roundsPerClient();
        Validation v;
        try {
            CaseSimulator.useRoundsPerClient(fit.roundsPerClient()); // the harness's rounds per client, fitted on the training rows
            v = Validation.run(predictable, g -> fit.profile(), Calibration.DEFAULT, 1);
        } finally {
            CaseSimulator.useRoundsPerClient(before);
        }
        System.out.printf(Locale.ROOT, "held-out (%d cases): MAPE %s, bias %s; fit on %d: MAPE %s; %s, %.0f rounds per client%n", predictable.size(), v.mape(), v.bias(),
                fit.used().size(), fit.fit().mape(), fit.profile().overheads(), fit.roundsPerClient());
        assertTrue(predictable.size() >= 70, "held-out cases " + predictable.size());
        assertTrue(v.mape().get("tpot_ms.mean") <= 10, "held-out TPOT MAPE " + v.mape());
        assertTrue(Math.abs(v.bias().get("tpot_ms.mean")) <= 6, "held-out TPOT bias " + v.bias());
        assertTrue(v.mape().get("ttft_ms.mean") <= 30, "held-out TTFT MAPE " + v.mape());
        assertTrue(Math.abs(v.bias().get("ttft_ms.mean")) <= 20, "held-out TTFT bias " + v.bias());
    }
}
