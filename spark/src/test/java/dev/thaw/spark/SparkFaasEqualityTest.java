package dev.thaw.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thaw.cli.ThawCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code thaw faas --spark local[2]} replays the bundled Huawei per-request log partitioned by function (a task per
 * shard of functions, the shards finished at the whole replay's horizon, their tallies merged on the driver) and
 * prints the very JSON the local replay prints, for every compared policy.
 */
class SparkFaasEqualityTest {
    private static final String TRACE = "../datasets/huawei-2025-synthetic/per_request";

    @Test void replayOnSparkEqualsTheLocalReplay() throws Exception {
        String[] local = {"faas", "--trace", TRACE, "--compare", "--seed", "3", "--json"};
        JsonNode a = SparkSearchEqualityTest.run(local);
        List<String> args = new ArrayList<>(List.of(local));
        args.addAll(List.of("--spark", "local[2]"));
        JsonNode b = SparkSearchEqualityTest.run(args.toArray(String[]::new));
        assertTrue(a.path("functions").asInt() > 100 && a.path("cold_starts").asLong() > 1000,
                "a replay of many functions and cold starts: " + a.path("functions") + " functions, " + a.path("cold_starts") + " cold starts");
        assertEquals(5, a.path("comparison").size(), "fixed:60s, fixed:10m, fixed:20m, hybrid and greedy-dual (on the driver: its memory budget couples functions)");
        assertEquals(a, b, "the whole JSON: counts, sums, percentiles, peak pods alive, every compared policy");
    }

    @Test void platformLimitsThatCoupleFunctionsAreRefused() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = ThawCommand.execute("faas", "--trace", TRACE, "--max-pods", "50", "--spark", "local[2]");
        } finally {
            System.setErr(saved);
        }
        assertEquals(2, rc, "a usage error");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("pod limit"), err.toString(StandardCharsets.UTF_8));
    }
}
