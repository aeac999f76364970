package dev.thaw.simulate.llm.perf.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.simulate.llm.hardware.Gpu;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The roofline curves used for GPUs without a database: refitting them on the bundled tables gives the shipped
 * constants, and curves fitted on one GPU predict the other GPU's whole table (held out) within stated errors.
 */
class CurveFitTest {
    static final Path DATA = Path.of(System.getProperty("thaw.repo", "../"), "datasets/engine-measurements");
    static final String[] OPS = {"GEMM", "decode attention", "prefill attention", "all-reduce", "elementwise"};
    static CurveFit.Samples h100, a100;

    @BeforeAll static void load() {
        HardwareCatalog hw = HardwareCatalog.bundled();
        Gpu h = hw.get("H100-SXM-80GB"), a = hw.get("A100-SXM-80GB");
        Path aic = DATA.resolve("aiconfigurator-vllm-ops"), vidur = DATA.resolve("vidur-profiling/compute");
        h100 = CurveFit.aiconfigurator(aic.resolve("h100_sxm_vllm-0.19.0"), h)
                .plus(CurveFit.vidur(vidur.resolve("h100/meta-llama/Llama-2-7b-hf/mlp.csv"), h))
                .plus(CurveFit.vidur(vidur.resolve("h100/meta-llama/Llama-2-70b-hf/mlp.csv"), h));
        a100 = CurveFit.aiconfigurator(aic.resolve("a100_sxm_vllm-0.14.0"), a)
                .plus(CurveFit.vidur(vidur.resolve("a100/meta-llama/Llama-2-7b-hf/mlp.csv"), a))
                .plus(CurveFit.vidur(vidur.resolve("a100/meta-llama/Llama-2-70b-hf/mlp.csv"), a));
    }

    @Test void shippedConstantsAreTheFitOnBothGpus() {
        EfficiencyCurves refit = CurveFit.fit(h100.plus(a100), EfficiencyCurves.FITTED, "H100-SXM + A100-SXM");
        System.out.println("refit: " + refit);
        for (int op = 0; op < OPS.length; op++) {
            double[] eh = CurveFit.errors(refit, h100, op), ea = CurveFit.errors(refit, a100, op);
            System.out.printf(Locale.ROOT, "%-18s H100 median %.1f%% p90 %.1f%% (%d) | A100 median %.1f%% p90 %.1f%% (%d)%n", OPS[op],
                    100 * eh[eh.length / 2], 100 * eh[(int) (eh.length * 0.9)], eh.length, 100 * ea[ea.length / 2], 100 * ea[(int) (ea.length * 0.9)], ea.length);
        }
        double[] shipped = EfficiencyCurves.FITTED.toArray(), fit = refit.toArray();
        for (int i = 0; i < fit.length; i++) assertEquals(shipped[i], fit[i], Math.abs(fit[i]) * 0.02, "constant " + i + " of " + refit);
    }

    @Test void curvesFittedOnOneGpuPredictTheOther() {
        EfficiencyCurves onH100 = CurveFit.fit(h100, EfficiencyCurves.FITTED, "H100"), onA100 = CurveFit.fit(a100, EfficiencyCurves.FITTED, "A100");
        for (int op = 0; op < OPS.length; op++) {
            double[] toA = CurveFit.errors(onH100, a100, op), toH = CurveFit.errors(onA100, h100, op);
            System.out.printf(Locale.ROOT, "held out %-18s fit H100 -> A100 median %.1f%% p90 %.1f%% | fit A100 -> H100 median %.1f%% p90 %.1f%%%n", OPS[op],
                    100 * toA[toA.length / 2], 100 * toA[(int) (toA.length * 0.9)], 100 * toH[toH.length / 2], 100 * toH[(int) (toH.length * 0.9)]);
        }
    }
}
