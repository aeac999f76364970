package dev.thaw.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thaw.cli.ThawCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code thaw analyze --spark local[2]} against the local run on the bundled datasets: the same summary.json
 * (every count, sum and sketch quantile equal), the same result tables and figures, fits.json within 1e-9.
 */
class SparkAnalyzeEqualityTest {
    static final Path REPO = Path.of(System.getProperty("thaw.repo", ".."));
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    @Test void huaweiSyntheticDatasetGivesTheLocalResultOnSpark() throws IOException {
        // cold starts, metadata and 20 per-request part files: arrivals, cold starts, pod utility and the join
        assertSameAnalysis(REPO.resolve("datasets/huawei-2025-synthetic").toAbsolutePath().toString());
    }

    @Test void llmTraceGivesTheLocalResultOnSpark() throws IOException {
        assertSameAnalysis(REPO.resolve("datasets/llm-traces").toAbsolutePath().toString());
    }

    private void assertSameAnalysis(String input) throws IOException {
        Path local = tmp.resolve("local"), spark = tmp.resolve("spark");
        assertEquals(0, ThawCommand.execute("analyze", input, "-o", local.toString(), "--quiet"));
        assertEquals(0, ThawCommand.execute("analyze", input, "-o", spark.toString(), "--quiet", "--spark", "local[2]"));

        JsonNode a = withoutWall(JSON.readTree(local.resolve("summary.json").toFile()));
        JsonNode b = withoutWall(JSON.readTree(spark.resolve("summary.json").toFile()));
        assertTrue(a.path("rows").asLong() > 0, "the local run read rows");
        assertEquals(a, b, "summary.json with --spark local[2] differs from the local run");

        assertFitsClose(JSON.readTree(local.resolve("fits.json").toFile()), JSON.readTree(spark.resolve("fits.json").toFile()), "fits");

        Map<String, String> tablesA = textFiles(local), tablesB = textFiles(spark);
        assertEquals(tablesA.keySet(), tablesB.keySet(), "the same tables and figures");
        assertTrue(tablesA.keySet().stream().anyMatch(k -> k.startsWith("tables/")), "tables written");
        tablesA.forEach((name, text) -> assertEquals(text, tablesB.get(name), name + " differs"));
    }

    private static JsonNode withoutWall(JsonNode n) {
        ((ObjectNode) n).remove("wall_s");
        return n;
    }

    /** Every number within 1e-9 (relative to its size), everything else equal. */
    static void assertFitsClose(JsonNode a, JsonNode b, String where) {
        if (a.isNumber() && b.isNumber()) {
            double x = a.asDouble(), y = b.asDouble();
            assertTrue(Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x)), where + ": " + x + " vs " + y);
            return;
        }
        assertEquals(a.getNodeType(), b.getNodeType(), where);
        if (a.isObject()) {
            assertEquals(fieldNames(a), fieldNames(b), where);
            for (String f : fieldNames(a)) assertFitsClose(a.get(f), b.get(f), where + "." + f);
        } else if (a.isArray()) {
            assertEquals(a.size(), b.size(), where);
            for (int i = 0; i < a.size(); i++) assertFitsClose(a.get(i), b.get(i), where + "[" + i + "]");
        } else {
            assertEquals(a, b, where);
        }
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }

    /** The CSV and JSON files under tables/ and figures/, by relative path. */
    static Map<String, String> textFiles(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if ((rel.startsWith("tables/") || rel.startsWith("figures/")) && (rel.endsWith(".csv") || rel.endsWith(".json")))
                    out.put(rel, Files.readString(p));
            }
        }
        return out;
    }
}
