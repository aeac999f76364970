package dev.thaw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented path from analysis to generation keeps the burstiness: {@code thaw analyze SOURCE -o A},
 * {@code thaw generate --fit A/fits.json}, {@code thaw analyze} of what was generated gives IAT CV and IDC at 1, 10
 * and 60 s within 20% of the source's, on the Azure LLM 2023 code trace and on Region 2 of the bundled serverless
 * dataset (one arrival stream: on the whole five-region folder analyze pools each region's gaps, while a generated
 * trace is one merged stream). A Poisson process of the same rate, the model a fits.json without the calibrated
 * section would give, misses the same figures. Generated traces span ten times the source: one realisation as short
 * as the 57-minute code trace scatters by about 25% at 60 s (57 windows), and the loop checks the model.
 */
class FitLoopTest {
    static final Path REPO = GenerateCommandTest.REPO;
    static final String[] FIGURES = {"iat_cv", "idc.1s", "idc.10s", "idc.60s"};
    static final ObjectMapper JSON = new ObjectMapper();

    @Test void azureCodeTraceBurstinessSurvivesTheLoop(@TempDir Path tmp) throws Exception {
        loop(tmp, REPO.resolve("datasets/llm-traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv"), "csv");
    }

    @Test void serverlessRegionBurstinessAndFunctionsSurviveTheLoop(@TempDir Path tmp) throws Exception {
        JsonNode fits = loop(tmp, REPO.resolve("datasets/huawei-2025-synthetic/per_request/R2"), "csv");
        JsonNode pop = fits.path("population");
        assertTrue(pop.path("functions").size() > 10, "per-function population carried");
        assertTrue(pop.path("zipf_exponent").asDouble() > 0.5, "popularity is skewed: " + pop.path("zipf_exponent"));
    }

    /** Runs the loop and the Poisson baseline; returns the source's fits.json. */
    private static JsonNode loop(Path tmp, Path source, String ext) throws Exception {
        JsonNode src = analyze(source, tmp.resolve("source"), "all");
        JsonNode fits = JSON.readTree(tmp.resolve("source/fits.json").toFile());
        assertEquals("batch-mmpp2", fits.path("bursty").path("family").asText(), "fits.json carries the calibrated model");
        double span = src.path("rows").asDouble() / src.path("arrivals").path("rate_per_s").asDouble();
        String duration = String.format(Locale.ROOT, "%.0f", 10 * span);

        Path generated = tmp.resolve("generated." + ext);
        assertEquals(0, GenerateCommandTest.run("generate", "--fit", tmp.resolve("source/fits.json").toString(), "--duration", duration,
                "--seed", "7", "-o", generated.toString(), "--json")[0]);
        List<String> off = offBy(src, analyze(generated, tmp.resolve("generated"), "arrivals"), 0.20);
        assertEquals(List.of(), off, "generated from fits.json vs " + source.getFileName());

        // the same rate as a Poisson process: an exponential inter-arrival model and nothing else
        Path poissonFits = tmp.resolve("poisson.json");
        Files.writeString(poissonFits, "{\"models\":[{\"target\":\"iat_s\",\"group\":{},\"family\":\"exponential\",\"params\":{\"rate\":"
                + src.path("arrivals").path("rate_per_s").asDouble() + "}}]}");
        Path plain = tmp.resolve("poisson." + ext);
        assertEquals(0, GenerateCommandTest.run("generate", "--fit", poissonFits.toString(), "--duration", duration, "--seed", "7",
                "-o", plain.toString(), "--json")[0]);
        List<String> poissonOff = offBy(src, analyze(plain, tmp.resolve("poisson"), "arrivals"), 0.20);
        assertEquals(FIGURES.length, poissonOff.size(), "a Poisson process misses every figure: " + poissonOff);
        return fits;
    }

    private static JsonNode analyze(Path in, Path out, String what) throws Exception {
        Object[] r = GenerateCommandTest.run("analyze", in.toString(), "--what", what, "-o", out.toString(), "--quiet", "--json");
        assertEquals(0, r[0], "analyze " + in);
        return JSON.readTree((String) r[1]);
    }

    /** The figures whose generated value is more than {@code tolerance} (relative) from the source's. */
    private static List<String> offBy(JsonNode src, JsonNode gen, double tolerance) {
        List<String> off = new ArrayList<>();
        for (String f : FIGURES) {
            double s = at(src, f), g = at(gen, f);
            if (!(Math.abs(g - s) <= tolerance * s)) off.add(String.format(Locale.ROOT, "%s: source %.3f, generated %.3f", f, s, g));
        }
        return off;
    }

    private static double at(JsonNode summary, String key) {
        JsonNode n = summary.path("arrivals");
        for (String k : key.split("\\.")) n = n.path(k);
        return n.asDouble(Double.NaN);
    }
}
