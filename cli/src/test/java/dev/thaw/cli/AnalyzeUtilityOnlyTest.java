package dev.thaw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code thaw analyze DATASET --what utility} alone (the command the bundled dataset's README gives for the pod
 * utility ratio) analyses the cold-start and per-request rows it joins; it used to count no rows and refuse with
 * "holds no rows".
 */
class AnalyzeUtilityOnlyTest {
    static final Path DATASET = Path.of(System.getProperty("thaw.repo", "..")).resolve("datasets/huawei-2025-synthetic");

    @Test void utilityAloneReadsTheColdStartAndRequestRows(@TempDir Path tmp) throws Exception {
        Object[] r = GenerateCommandTest.run("analyze", DATASET.toString(), "--what", "utility", "-o", tmp.toString(), "--quiet", "--json");
        assertEquals(0, r[0], "exit code");
        JsonNode j = new ObjectMapper().readTree((String) r[1]);
        JsonNode u = j.path("pod_utility");
        // the dataset's rows counted independently: data lines of cold_start/*/*.csv and per_request/*/*.csv
        assertEquals(countDataLines(DATASET.resolve("cold_start")), u.path("cold_start_rows").asLong());
        assertEquals(countDataLines(DATASET.resolve("per_request")), u.path("request_rows").asLong());
        assertEquals(u.path("cold_start_rows").asLong() + u.path("request_rows").asLong(), j.path("rows").asLong());
        assertTrue(u.path("pods").asLong() > 1000, "pods joined: " + u.path("pods"));
        assertTrue(Files.isRegularFile(tmp.resolve("tables").resolve("pod_utility.csv")));
    }

    private static long countDataLines(Path dir) throws Exception {
        long n = 0;
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) n += Files.readAllLines(f).size() - 1;
        }
        return n;
    }
}
