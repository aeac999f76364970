package dev.thaw.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thaw.cli.ThawCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code thaw search --spark local[2]}: the candidate plans are simulated as Spark tasks (each executor rebuilds the
 * evaluator from the arguments), and the ranking, best plan, baselines and counts equal the local search's.
 */
class SparkSearchEqualityTest {
    private static final String[] SEARCH = {"search", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM-80GB", "--gpus", "4",
            "--workload", "poisson:rate=4,n=120,prompt=100-1500,output=20-300", "--seed", "7", "--weights", "bf16,fp8", "--kv", "bf16",
            "--max-num-seqs", "256", "--max-batched-tokens", "8192", "--threads", "2", "--objective", "ttft-p99", "--top", "50", "--no-prune", "--json"};  // every legal plan simulated, on the executors

    @Test void rankingOnSparkEqualsTheLocalRanking() throws Exception {
        JsonNode local = withoutWallTimes(run(SEARCH));
        List<String> args = new ArrayList<>(List.of(SEARCH));
        args.addAll(List.of("--spark", "local[2]"));
        JsonNode spark = withoutWallTimes(run(args.toArray(String[]::new)));
        assertTrue(local.path("plans_simulated").asInt() > 3, "the local search simulated several plans: " + local.path("plans_simulated"));
        assertTrue(local.path("ranking").size() > 3, "a ranking of several plans");
        assertEquals(local.path("ranking"), spark.path("ranking"), "ranking (order and every metric)");
        assertEquals(local, spark, "the whole search result");
    }

    private static final String[] AUTOSCALE = {"search", "--autoscale", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM-80GB", "--gpus", "4",
            "--workload", "poisson:rate=2,n=150,prompt=100-1500,output=20-300", "--seed", "7", "--top", "50", "--json"};

    /** {@code search --autoscale --spark}: each replica plan's configurations are a task; the ranking is the local one. */
    @Test void autoscaleRankingOnSparkEqualsTheLocalRanking() throws Exception {
        JsonNode local = withoutWallTimes(run(AUTOSCALE));
        List<String> args = new ArrayList<>(List.of(AUTOSCALE));
        args.addAll(List.of("--spark", "local[2]"));
        JsonNode spark = withoutWallTimes(run(args.toArray(String[]::new)));
        assertTrue(local.path("plans_simulated").asInt() >= 12, "several replica plans x keep-alive x min replicas: " + local.path("plans_simulated"));
        assertEquals(local.path("ranking"), spark.path("ranking"), "ranking (order and every metric)");
        assertEquals(local, spark, "the whole result, the best configuration's timeline included");
    }

    static JsonNode run(String... args) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = ThawCommand.execute(args);
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, rc, "exit code of thaw " + String.join(" ", args));
        return new ObjectMapper().readTree(buf.toString(StandardCharsets.UTF_8));
    }

    /** Wall times of the search and of each simulation differ from run to run: everything else must not. */
    static JsonNode withoutWallTimes(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove("search_wall_s");
            o.remove("sim_wall_s");
            o.fieldNames().forEachRemaining(f -> {});
            for (JsonNode child : o) withoutWallTimes(child);
        } else if (n.isArray()) {
            for (JsonNode child : n) withoutWallTimes(child);
        }
        return n;
    }
}
