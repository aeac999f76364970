package dev.thaw.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaasCommandTest {
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

    @Test void jsonHasTheContractKeysAndTheComparison(@TempDir Path dir) throws Exception {
        Path pods = dir.resolve("pods.csv"), reqs = dir.resolve("requests.csv");
        String out = run(0, "faas", "--trace", repo().resolve("datasets/azure-functions/2021-excerpt/azure2021_200.csv").toString(),
                "--policy", "fixed:60s", "--compare", "--json", "--pods-out", pods.toString(), "--requests-out", reqs.toString());
        JsonNode j = new ObjectMapper().readTree(out);
        for (String k : List.of("invocations", "cold_starts", "cold_start_rate", "wasted_memory_gb_s")) assertTrue(j.has(k), k);
        assertTrue(j.get("pod_utility").has("p50") && j.get("pod_utility").has("p90"));
        assertEquals(199, j.get("invocations").asLong());
        assertEquals("fixed:60s", j.get("policy").asText());
        assertEquals(5, j.get("comparison").size());  // fixed:60s, fixed:10m, fixed:20m, hybrid, greedy-dual
        // the request log holds every invocation; one pod row per cold start
        assertEquals(199 + 1, Files.readAllLines(reqs).size());
        assertEquals(j.get("cold_starts").asLong() + j.get("prewarm_starts").asLong() + 1, Files.readAllLines(pods).size());
        // a longer fixed keep-alive never has more cold starts on the same trace
        long c60 = j.get("comparison").get(0).get("cold_starts").asLong(), c10m = j.get("comparison").get(1).get("cold_starts").asLong();
        assertTrue(c10m <= c60);
    }

    @Test void badPolicyOrInputExitsWithTwo() {
        run(2, "faas", "--workload", "functions=10,rate=1,duration=100", "--policy", "forever");
        run(2, "faas", "--workload", "functions=10,rate=1,duration=100,colour=blue");
        run(2, "faas", "--trace", repo().resolve("datasets/llm-traces/azure-llm-2023").toString(), "--policy", "hybrid");
    }
}
