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

class SearchCommandTest {
    private static final String[] BASE = {"search", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM-80GB", "--gpus", "4",
            "--workload", "poisson:rate=4,n=120,prompt=100-1500,output=20-300", "--seed", "7", "--weights", "bf16", "--kv", "bf16",
            "--max-num-seqs", "256", "--max-batched-tokens", "8192", "--threads", "2"};

    private static String[] with(String... more) {
        String[] a = new String[BASE.length + more.length];
        System.arraycopy(BASE, 0, a, 0, BASE.length);
        System.arraycopy(more, 0, a, BASE.length, more.length);
        return a;
    }

    private static JsonNode runJson(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertEquals(0, ThawCommand.execute(args));
        } finally {
            System.setOut(old);
        }
        return new ObjectMapper().readTree(buf.toString(StandardCharsets.UTF_8));
    }

    @Test void jsonHasTheContractKeysAndConsistentCounts() throws Exception {
        JsonNode j = runJson(with("--objective", "tpot-mean", "--json"));
        for (String k : new String[] {"plans_enumerated", "plans_pruned", "plans_simulated", "best", "ranking", "baselines", "search_wall_s"})
            assertTrue(j.has(k), k);
        assertEquals(j.get("plans_enumerated").asInt(), j.get("plans_pruned").asInt() + j.get("plans_simulated").asInt());
        JsonNode best = j.get("best");
        assertTrue(best.get("plan").asText().matches("dp=\\d+,tp=\\d+,pp=\\d+(,ep=\\d+)?"), best.get("plan").asText());
        for (String k : new String[] {"requests", "completed", "rejected", "ttft_ms", "tpot_ms", "itl_ms", "e2e_s", "makespan_s", "throughput",
                "goodput_req_per_s", "energy_j", "kv_capacity_tokens", "weights_gib_per_gpu", "sim_wall_s"})
            assertTrue(best.has(k), "best." + k);
        assertEquals(120, best.get("requests").asInt());
        // Latency-optimal under light load on one node: all four GPUs in one tensor-parallel group.
        assertEquals("dp=1,tp=4,pp=1", best.get("plan").asText());
        assertTrue(j.get("baselines").has("tp-node-dp") && j.get("baselines").has("min-tp-dp") && j.get("baselines").has("pp-nodes"));
        double bestTpot = best.get("tpot_ms").get("mean").asDouble();
        assertTrue(bestTpot <= j.get("baselines").get("min-tp-dp").get("tpot_ms").get("mean").asDouble());
    }

    @Test void unknownObjectiveIsBadUsage() {
        assertEquals(ThawCommand.BAD_INPUT, ThawCommand.execute(with("--objective", "fastest")));
    }

    @Test void autoscaleRanksScalingConfigurationsByGoodputPerDollar() throws Exception {
        JsonNode j = runJson(with("--autoscale", "--json"));
        assertTrue(j.get("autoscale").asBoolean());
        JsonNode ranking = j.get("ranking");
        assertTrue(ranking.size() > 0);
        for (int i = 1; i < ranking.size(); i++)
            assertTrue(ranking.get(i - 1).get("goodput_per_dollar").asDouble() >= ranking.get(i).get("goodput_per_dollar").asDouble(), "sorted by goodput per dollar");
        for (String k : new String[] {"plan", "keep_alive", "min_replicas", "max_replicas", "replica_cold_start_s", "pareto"})
            assertTrue(ranking.get(0).has(k), k);
        assertEquals(j.get("plans_enumerated").asInt(), j.get("plans_simulated").asInt() + j.get("plans_pruned").asInt());
        assertTrue(ranking.get(0).get("replica_cold_start_s").asDouble() > 0, "a replica pays a cold start to load weights");
    }

    @Test void csvOutputListsEveryRankedPlan(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ranking.csv");
        JsonNode j = runJson(with("--objective", "throughput", "--no-prune", "-o", out.toString(), "--json"));
        long rows = Files.readAllLines(out).size() - 1;
        assertEquals(j.get("plans_simulated").asInt(), rows);
        assertTrue(Files.readString(out).startsWith("rank,plan,"));
    }
}
