package dev.thaw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code thaw detect}: the JSON contract keys, the result folder, and exit code 2 on bad input or options. */
class DetectCommandTest {
    static Path repo() { return Path.of(System.getProperty("thaw.repo", "..")); }

    private static String run(int expectedExit, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            assertEquals(expectedExit, ThawCommand.execute(args));
        } finally {
            System.setOut(old);
        }
        return buf.toString();
    }

    @Test void injectAllPrintsTheContractKeysAndWritesTheAlertsAndReportFiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("detect");
        JsonNode j = new ObjectMapper().readTree(run(0, "detect", repo().resolve("datasets/huawei-2025-synthetic/quantiles/R1").toString(),
                "--inject", "all", "--seed", "3", "-o", out.toString(), "--json", "--quiet"));
        assertTrue(j.path("functions").asInt() > 100, j.toString());
        assertTrue(j.has("alerts"));
        for (String s : new String[] {"cryptojacking", "exfiltration", "denial-of-wallet", "crash"}) {
            JsonNode sc = j.path("detection").path("by_scenario").path(s);
            assertTrue(sc.path("detection_rate").isNumber() && sc.has("time_to_detect_min"), s + ": " + sc);
        }
        assertTrue(j.path("detection").has("precision") && j.path("detection").path("false_alarms_per_1000_function_days").isNumber());
        for (String f : new String[] {"alerts.csv", "alerts.parquet", "alerts.json", "ground_truth.csv", "summary.json", "report.json"})
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        assertEquals(j.path("alerts").asInt() + 1, Files.readAllLines(out.resolve("alerts.csv")).size());
    }

    @Test void badInputAndOptionsExitWith2(@TempDir Path dir) {
        run(2, "detect", repo().resolve("datasets/llm-traces").toString(), "-o", dir.resolve("a").toString());
        run(2, "detect", repo().resolve("datasets/huawei-2025-synthetic").toString(), "--inject", "ransomware", "-o", dir.resolve("b").toString());
        run(2, "detect", repo().resolve("datasets/huawei-2025-synthetic").toString(), "--train-days", "0", "-o", dir.resolve("c").toString());
        run(2, "detect", dir.resolve("missing").toString(), "-o", dir.resolve("d").toString());
    }
}
