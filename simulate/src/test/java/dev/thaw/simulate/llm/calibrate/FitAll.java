package dev.thaw.simulate.llm.calibrate;

import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.perf.Calibration;
import java.nio.file.Path;
import java.util.List;

/** Fits the vllm-v1 overheads on every usable H100 vLLM row of the AIConfigurator e2e file and prints the fit (for simulate/README.md). */
public final class FitAll {
    public static void main(String[] args) {
        Path f = Path.of("datasets/engine-measurements/aiconfigurator-silicon-e2e/silicon_sample.csv");
        List<MeasuredCase> cases = MeasurementReader.read(List.of(f), null, new CaseSettings(null, args.length > 0 ? args[0] : "H100-SXM-80GB", null, "bf16", "bf16", "vllm-v1", 0, 0), s -> {});
        long t0 = System.nanoTime();
        var res = OverheadFitter.fit(cases, EngineProfile.vllmV1(), Calibration.DEFAULT, OverheadFitter.Options.defaults().withIterations(6), System.out::println);
        System.out.println("secs " + (System.nanoTime() - t0) / 1e9 + " simulations " + res.evaluations());
        for (var d : res.dropped()) System.out.println("dropped " + d.measuredCase().id() + ": " + d.reason());
        for (var r : res.fit().cases()) System.out.printf("%-14s %-18s c=%3d isl=%5.0f osl=%5.0f ttft %8.1f/%8.1f tpot %6.2f/%6.2f%n", r.measuredCase().model(), r.measuredCase().plan(), r.measuredCase().load().concurrency(),
            r.measuredCase().load().meanPrompt(), r.measuredCase().load().meanOutput(), r.predicted().getOrDefault("ttft_ms.mean", Double.NaN), r.measuredCase().measured().get("ttft_ms.mean"),
            r.predicted().getOrDefault("tpot_ms.mean", Double.NaN), r.measuredCase().measured().get("tpot_ms.mean"));
        System.out.println(res.profile().overheads());
        System.out.println("MAPE " + res.fit().mape() + " bias " + res.fit().bias());
    }
}
