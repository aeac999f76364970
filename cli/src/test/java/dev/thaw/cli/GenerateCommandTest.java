package dev.thaw.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    static final Path REPO = Path.of(System.getProperty("thaw.repo", ".."));

    /** Runs thaw and returns {exit code, stdout}. */
    static Object[] run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int rc = ThawCommand.execute(args);
            return new Object[] {rc, buf.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(old);
        }
    }

    @Test void theDocumentedCommandRebuildsTheBundledSyntheticDataset(@TempDir Path tmp) throws Exception {
        Object[] r = run("generate", "--synthetic", "huawei-2025", "--seed", "2025", "-o", tmp.toString(), "--json");
        assertEquals(0, r[0]);
        JsonNode j = new ObjectMapper().readTree((String) r[1]);
        assertTrue(j.path("cold_starts").asLong() > 5000);
        Path bundled = REPO.resolve("datasets/huawei-2025-synthetic");
        for (String f : new String[] {"cold_start/R3/day_30.csv", "runtime_triggerType/df_funcID_runtime_triggerType.csv", "per_request/R5/part-00001-7b1c9e2a-synthetic-c000.csv"})
            assertEquals(-1L, Files.mismatch(tmp.resolve(f), bundled.resolve(f)), f);
    }

    @Test void calibrateOnTheCodeTraceReportsFittedAndPoisson(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("synthetic-code.csv");
        Object[] r = run("generate", "--replay", REPO.resolve("datasets/llm-traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv").toString(),
                "--calibrate", "--duration", "7200", "--seed", "3", "-o", out.toString(), "--json");
        assertEquals(0, r[0]);
        JsonNode cal = new ObjectMapper().readTree((String) r[1]).path("calibration");
        for (String metric : new String[] {"iat_cv", "idc_1s", "idc_10s", "idc_60s"}) {
            assertTrue(cal.path("fitted").path("metrics").path(metric).path("rel_error").asDouble() < 0.2, metric + ": " + cal.path("fitted"));
            assertTrue(cal.path("poisson").path("metrics").path(metric).path("rel_error").asDouble() > 0.5, metric);
        }
        assertTrue(Files.readAllLines(out).size() > 10_000, "two hours of requests written");
    }

    @Test void replayTransformsWriteParquet(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("r5.parquet");
        Object[] r = run("generate", "--replay", REPO.resolve("datasets/huawei-2025-synthetic/per_request/R5").toString(),
                "--keep-functions", "10", "--rate-scale", "2", "--speedup", "2", "-o", out.toString(), "--json");
        assertEquals(0, r[0]);
        JsonNode j = new ObjectMapper().readTree((String) r[1]);
        assertEquals(10, j.path("functions").asInt());
        assertTrue(j.path("wasserstein_log10_rate").asDouble() >= 0);
        assertTrue(Files.size(Path.of(j.path("outputs").get(0).asText())) > 0);
    }

    @Test void badInputExitsWith2() {
        assertEquals(2, run("generate", "--fit", "/nonexistent/fits.json", "-o", "/tmp/x.csv")[0]);
        assertEquals(2, run("generate", "--synthetic", "azure", "-o", "/tmp/x")[0]);
    }
}
