package dev.thaw.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 2 (issue 11): a profile calibrated on half of the measured rows predicts the other half within the
 * error it reports; bad measurement files exit 2 with a message naming the file and what is wrong.
 */
class CalibrateValidateCliTest {
    static final Path AIC = Path.of("../datasets/engine-measurements/aiconfigurator-silicon-e2e/silicon_sample.csv");
    @TempDir Path dir;

    /** Qwen3-32B BF16 TP8 rows with 128- and 512-token outputs, alternately into two files. */
    private Path[] halves() throws Exception {
        List<String> lines = Files.readAllLines(AIC);
        List<String> a = new ArrayList<>(List.of(lines.get(0))), b = new ArrayList<>(List.of(lines.get(0)));
        int k = 0;
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",", -1); // no quoted fields in this file: 4 model_path, 5 system, 6 precision, 7 mode, 9 osl, 13 tp_size
            if (c[2].equals("vllm") && c[4].equals("Qwen/Qwen3-32B") && c[5].equals("h100_sxm") && c[6].isEmpty() && c[7].equals("agg")
                    && c[13].equals("8") && (c[9].equals("128") || c[9].equals("512")))
                (k++ % 2 == 0 ? a : b).add(l);
        }
        assertEquals(20, k, "Qwen3-32B TP8 rows with osl 128 or 512");
        Path fa = dir.resolve("fit.csv"), fb = dir.resolve("held-out.csv");
        Files.write(fa, a);
        Files.write(fb, b);
        return new Path[] {fa, fb};
    }

    @Test void aProfileFittedOnHalfTheRowsPredictsTheOtherHalfWithinItsReportedError() throws Exception {
        Path[] h = halves();
        Path profile = dir.resolve("profile.json");
        var cal = CliContractCorpusTest.run("calibrate", h[0].toString(), "--iterations", "3", "-o", profile.toString(), "--json");
        assertEquals(0, cal.exit(), cal.err());
        JsonNode fit = new ObjectMapper().readTree(cal.out());
        assertTrue(Files.isRegularFile(profile));
        var val = CliContractCorpusTest.run("validate", h[1].toString(), "--engine-profile", profile.toString(), "-o", dir.resolve("val").toString(), "--json");
        assertEquals(0, val.exit(), val.err());
        JsonNode v = new ObjectMapper().readTree(val.out());
        assertEquals(10, v.get("cases").size());
        // One collection (AIConfigurator's gap-analysis runs on H100): its client model is fitted, kept in the profile
        // and used by validate, and the errors are reported for it.
        String collection = "/Users/harrli/projects/aic-auto-gap-analysis/data/h100_sxm/vllm/0.12.0";
        assertEquals(collection, v.get("cases").get(0).get("collection").asText());
        assertEquals(fit.get("clients").get(collection).get("client_cohort").asInt(), v.get("clients").get(collection).get("client_cohort").asInt());
        assertEquals(10, fit.get("clients").get(collection).get("cases").asInt());
        assertEquals(v.get("mape").get("ttft_ms.mean").asDouble(), v.get("by_collection").get(collection).get("mape").get("ttft_ms.mean").asDouble(), 1e-9);
        assertTrue(v.has("mape") && v.has("bias"));
        for (String m : new String[] {"tpot_ms.mean", "ttft_ms.mean"}) {
            double fitted = fit.get("mape").get(m).asDouble(), heldOut = v.get("mape").get(m).asDouble();
            assertTrue(heldOut <= 1.5 * fitted + 3, m + ": held-out MAPE " + heldOut + " vs the fit's " + fitted);
        }
        assertTrue(Files.isRegularFile(dir.resolve("val/validation.csv")) && Files.isRegularFile(dir.resolve("val/validation.html")));
        assertTrue(Files.readString(dir.resolve("val/validation.html")).contains("profile.json"), "the page names the engine profile");
    }

    @Test void badMeasurementFilesExitTwoNamingFileAndProblem() throws Exception {
        Path zero = dir.resolve("zero.json");
        Files.writeString(zero, "{\"request_rate\": \"inf\", \"completed\": 1, \"input_lens\": [0], \"output_lens\": [4], \"ttfts\": [0.1]}");
        Path negative = dir.resolve("negative.csv");
        Files.writeString(negative, "arrival_s,prompt_tokens,output_tokens,ttft_s,e2e_s\n0,100,10,0.1,-1\n");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"mean_ttft_ms\": ");
        for (Path f : List.of(zero, negative, broken)) {
            var r = CliContractCorpusTest.run("validate", f.toString(), "--model", "Llama-3.1-8B", "--gpu", "H100-SXM-80GB", "-o", dir.resolve("out").toString());
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains(f.getFileName().toString()), r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        }
        var missing = CliContractCorpusTest.run("calibrate", zero.toString(), "-o", dir.resolve("p.json").toString());
        assertEquals(2, missing.exit());
        assertFalse(Files.exists(dir.resolve("p.json")), "no half-written profile");
    }
}
