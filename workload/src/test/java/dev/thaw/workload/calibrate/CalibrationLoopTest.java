package dev.thaw.workload.calibrate;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.workload.replay.AzureLlmCsv;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The calibration loop on the bundled Azure LLM 2023 code trace: the fitted bursty model passes, Poisson fails. */
class CalibrationLoopTest {
    static final Path CODE = Path.of(System.getProperty("thaw.repo", "..")).resolve("datasets/llm-traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv");
    static final SimpleBurstinessStats S = SimpleBurstinessStats.INSTANCE;

    @Test void sourceStatisticsMatchThePublishedOnes() throws Exception {
        double[] t = AzureLlmCsv.arrivals(AzureLlmCsv.read(CODE));
        assertEquals(8819, t.length);
        assertEquals(3436, t[t.length - 1], 1.0);
        assertEquals(13, S.iatCv(t), 0.5, "published IAT CV about 13");
    }

    @Test void fittedBatchMmppReproducesCvAndIdcWithin20PercentWherePoissonFails() throws Exception {
        double[] source = AzureLlmCsv.arrivals(AzureLlmCsv.read(CODE));
        Calibrator.Result r = Calibrator.run(source, 7, 24 * 3600, S);
        for (String metric : new String[] {"iat_cv", "idc_1s", "idc_10s", "idc_60s"}) {
            CalibrationReport.Row fitted = r.fitted().row(metric), poisson = r.poisson().row(metric);
            assertTrue(fitted.relativeError() <= 0.20, "fitted model " + metric + ": source " + fitted.source() + ", synthetic " + fitted.synthetic());
            assertTrue(poisson.relativeError() > 0.5, "Poisson should fail on " + metric + ": synthetic " + poisson.synthetic());
        }
        assertEquals(r.fitted().row("rate_per_s").source(), r.fitted().row("rate_per_s").synthetic(), 0.10 * r.fitted().row("rate_per_s").source());
        assertTrue(r.fitted().iatKs() < r.poisson().iatKs(), "fitted gaps closer in KS than Poisson's");
        for (double w : Calibrator.WINDOWS_S) assertEquals(1, r.fit().modelIdc(w) / r.fit().targetIdc()[indexOf(w)], 0.2, "closed form at " + w);
    }

    private static int indexOf(double w) {
        for (int i = 0; i < Calibrator.WINDOWS_S.length; i++) if (Calibrator.WINDOWS_S[i] == w) return i;
        throw new AssertionError();
    }
}
