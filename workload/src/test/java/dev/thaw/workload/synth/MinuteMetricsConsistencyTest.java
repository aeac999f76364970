package dev.thaw.workload.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-minute metric families of the bundled dataset describe the same events as its other tables: on day 30
 * of Region 1, each minute's mean execution time equals the mean {@code totalCost_worker} of that minute's rows in
 * the per-request log, its cold starts equal the cold-start rows, and a minute with requests has a pod alive.
 */
class MinuteMetricsConsistencyTest {
    static final Path R1 = HuaweiSyntheticDatasetTest.BUNDLED.resolve("quantiles/R1");

    /** funcID -> minute of day -> value, from a wide file (empty cells left out). */
    static Map<String, Map<Integer, Double>> wide(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] head = lines.get(0).split(",", -1);
        Map<String, Map<Integer, Double>> out = new HashMap<>();
        for (int r = 1; r < lines.size(); r++) {
            String[] c = lines.get(r).split(",", -1);
            for (int i = 2; i < c.length; i++) if (!c[i].isEmpty()) out.computeIfAbsent(head[i], k -> new HashMap<>()).put(r - 1, Double.parseDouble(c[i]));
        }
        return out;
    }

    static String funcId(String funcName, String userId, String podId) {
        String[] p = podId.split("-");
        return funcName + "---" + userId + "---" + p[0] + "-" + p[1] + "-" + p[2];
    }

    @Test void day30MinuteMeansMatchThePerRequestLogAndColdStartsMatchTheColdStartTable() throws IOException {
        Map<String, Map<Integer, double[]>> fromLog = new HashMap<>(); // sum, count
        try (var parts = Files.list(HuaweiSyntheticDatasetTest.BUNDLED.resolve("per_request/R1"))) {
            for (Path p : parts.sorted().toList()) {
                List<String> lines = Files.readAllLines(p);
                for (String line : lines.subList(1, lines.size())) {
                    String[] c = line.split(",", -1);
                    int minute = (int) ((Double.parseDouble(c[0]) - 30 * 86400) / 60);
                    double[] acc = fromLog.computeIfAbsent(funcId(c[4], c[6], c[5]), k -> new HashMap<>()).computeIfAbsent(minute, k -> new double[2]);
                    acc[0] += Double.parseDouble(c[7]);
                    acc[1]++;
                }
            }
        }
        Map<String, Map<Integer, Double>> exec = wide(R1.resolve("totalCost_avg/day_30.csv")), requests = wide(R1.resolve("requests/day_30.csv")),
                pods = wide(R1.resolve("num_pods/day_30.csv")), cold = wide(R1.resolve("num_cold_starts/day_30.csv"));
        int minutes = 0;
        for (var f : fromLog.entrySet()) {
            for (var m : f.getValue().entrySet()) {
                double mean = m.getValue()[0] / m.getValue()[1];
                assertEquals(mean, exec.get(f.getKey()).get(m.getKey()), 1e-6, f.getKey() + " minute " + m.getKey());
                assertEquals(m.getValue()[1], requests.get(f.getKey()).get(m.getKey()), 0, "requests " + f.getKey());
                assertTrue(pods.get(f.getKey()).get(m.getKey()) >= 1, "a pod serves " + f.getKey() + " in minute " + m.getKey());
                minutes++;
            }
        }
        assertTrue(minutes > 1000, "function-minutes compared: " + minutes);
        Map<String, Map<Integer, Integer>> coldRows = new HashMap<>();
        List<String> cs = Files.readAllLines(HuaweiSyntheticDatasetTest.BUNDLED.resolve("cold_start/R1/day_30.csv"));
        for (String line : cs.subList(1, cs.size())) {
            String[] c = line.split(",", -1);
            int minute = (int) ((Double.parseDouble(c[1]) - 30 * 86400) / 60);
            coldRows.computeIfAbsent(funcId(c[3], c[4], c[11]), k -> new HashMap<>()).merge(minute, 1, Integer::sum);
        }
        long total = 0;
        for (var f : cold.entrySet()) for (var m : f.getValue().entrySet()) {
            int expected = coldRows.getOrDefault(f.getKey(), Map.of()).getOrDefault(m.getKey(), 0);
            assertEquals(expected, m.getValue(), 0, "cold starts of " + f.getKey() + " in minute " + m.getKey());
            total += expected;
        }
        assertEquals(cs.size() - 1, total, "every cold start of day 30 is counted in num_cold_starts");
    }
}
