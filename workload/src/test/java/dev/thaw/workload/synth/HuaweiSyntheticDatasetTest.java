package dev.thaw.workload.synth;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled synthetic Huawei dataset: regenerated bit for bit by its documented seed, calibrated to the published
 * figures within 15%, and internally consistent (one pod life cycle behind cold starts, requests and counts).
 */
class HuaweiSyntheticDatasetTest {
    static final Path BUNDLED = Path.of(System.getProperty("thaw.repo", "..")).resolve("datasets/huawei-2025-synthetic");
    static final double[] PUBLISHED_MEDIANS = {2.2, 0.9, 0.1, 0.85, 0.5};
    static Map<Integer, List<String[]>> coldStarts = new TreeMap<>();
    static Map<Integer, List<String[]>> requests = new TreeMap<>();

    @BeforeAll static void load() throws IOException {
        for (int r = 1; r <= 5; r++) {
            coldStarts.put(r, rows(BUNDLED.resolve("cold_start/R" + r), HuaweiDatasetWriter.COLD_START_HEADER));
            requests.put(r, rows(BUNDLED.resolve("per_request/R" + r), HuaweiDatasetWriter.REQUEST_HEADER));
        }
    }

    /** Rows of every CSV in {@code dir} (sorted by name), checking each file's header. */
    static List<String[]> rows(Path dir, String header) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                assertEquals(header, lines.get(0), "header of " + f);
                for (String l : lines.subList(1, lines.size())) out.add(l.split(",", -1));
            }
        }
        return out;
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    static void within(double published, double actual, double rel, String what) {
        assertTrue(Math.abs(actual / published - 1) <= rel, what + ": published " + published + ", dataset " + actual);
    }

    @Test void regeneratingWithTheDocumentedSeedReproducesEveryFileBitForBit(@TempDir Path tmp) throws IOException {
        HuaweiDatasetWriter.write(HuaweiSyntheticDataset.build(HuaweiSyntheticDataset.Options.defaults(HuaweiSyntheticDataset.DEFAULT_SEED)), tmp);
        List<Path> generated;
        try (Stream<Path> s = Files.walk(tmp)) { generated = s.filter(Files::isRegularFile).sorted().toList(); }
        assertTrue(generated.size() > 40, "files generated: " + generated.size());
        for (Path g : generated) {
            Path b = BUNDLED.resolve(tmp.relativize(g).toString());
            assertTrue(Files.exists(b), "bundled dataset lacks " + b);
            assertEquals(-1L, Files.mismatch(g, b), "bundled file differs from regeneration: " + b);
        }
    }

    @Test void pooledLognormalFitLandsWithin15PercentOfThePublishedOne() {
        double s = 0, s2 = 0;
        int n = 0;
        for (List<String[]> rows : coldStarts.values()) {
            for (String[] r : rows) { double l = Math.log(Double.parseDouble(r[6])); s += l; s2 += l * l; n++; }
        }
        double mu = s / n, sigma = Math.sqrt(s2 / n - mu * mu); // lognormal MLE
        within(Math.exp(HuaweiSyntheticDataset.PUBLISHED_MU), Math.exp(mu), 0.15, "lognormal median exp(mu)");
        within(HuaweiSyntheticDataset.PUBLISHED_SIGMA, sigma, 0.15, "lognormal sigma");
        within(3.24, Math.exp(mu + sigma * sigma / 2), 0.15, "lognormal mean");
    }

    @Test void perRegionMediansLandWithin15PercentOfThePublishedOnes() {
        for (int r = 1; r <= 5; r++) {
            double[] totals = coldStarts.get(r).stream().mapToDouble(x -> Double.parseDouble(x[6])).toArray();
            within(PUBLISHED_MEDIANS[r - 1], median(totals), 0.15, "R" + r + " median cold-start time");
        }
    }

    @Test void region2RuntimeSharesLandWithin15PercentOfThePublishedOnes() throws IOException {
        Map<String, String> runtimeOf = new HashMap<>();
        List<String> meta = Files.readAllLines(BUNDLED.resolve("runtime_triggerType/df_funcID_runtime_triggerType.csv"));
        assertEquals(HuaweiDatasetWriter.META_HEADER, meta.get(0));
        for (String l : meta.subList(1, meta.size())) { String[] c = l.split(","); runtimeOf.put(c[0], c[2]); }
        Map<String, Integer> count = new HashMap<>();
        List<String[]> r2 = coldStarts.get(2);
        for (String[] r : r2) {
            String pod = r[11], pool = pod.substring(0, pod.lastIndexOf('-'));
            String runtime = runtimeOf.get(r[3] + "---" + r[4] + "---" + pool);
            assertNotNull(runtime, "cold start of a function missing from the metadata: " + r[3]);
            count.merge(runtime, 1, Integer::sum);
        }
        double[] published = RuntimeShares.shares();
        for (int i = 0; i < published.length; i++) {
            if (published[i] < 0.01) continue; // under 1% (http, C#, unknown): too few cold starts in a small sample
            within(published[i], count.getOrDefault(RuntimeShares.RUNTIMES[i], 0) / (double) r2.size(), 0.15, RuntimeShares.RUNTIMES[i] + " share");
        }
    }

    @Test void componentsSumToTheTotalAndDependencyZerosMarkFunctionsWithoutLayers() {
        int zeros = 0, n = 0;
        for (List<String[]> rows : coldStarts.values()) {
            for (String[] r : rows) {
                double total = Double.parseDouble(r[6]), sum = 0;
                for (int c = 7; c <= 10; c++) { double v = Double.parseDouble(r[c]); assertTrue(v >= 0, "negative component"); sum += v; }
                assertEquals(total, sum, 1e-6, "components of " + r[5]);
                assertEquals(Integer.parseInt(r[0]), (int) Math.floor(Double.parseDouble(r[1]) / 86400), "day = floor(time/86400)");
                if (Double.parseDouble(r[9]) == 0) zeros++;
                n++;
            }
        }
        assertTrue(zeros > n / 10 && zeros < n * 9 / 10, "some but not all functions lack dependencies: " + zeros + "/" + n);
    }

    @Test void replayingTheRequestsWithA60sKeepAliveReproducesTheColdStarts() {
        for (int r = 1; r <= 5; r++) {
            Map<String, List<Double>> byFunction = new TreeMap<>();
            for (String[] q : requests.get(r)) byFunction.computeIfAbsent(q[4], k -> new ArrayList<>()).add(Double.parseDouble(q[0]));
            long replayed = 0;
            for (List<Double> ts : byFunction.values()) {
                ts.sort(null);
                replayed++;
                for (int i = 1; i < ts.size(); i++) if (ts.get(i) - ts.get(i - 1) > 60) replayed++;
            }
            long recorded = coldStarts.get(r).stream().filter(c -> c[0].equals("30")).count();
            assertTrue(recorded > 50, "R" + r + " has cold starts on day 30");
            within(recorded, replayed, 0.10, "R" + r + " day-30 cold starts replayed with a 60 s keep-alive");
        }
    }

    @Test void everyRequestRunsOnAPodWhoseColdStartIsRecordedAndTriggeredByARequest() {
        for (int r = 1; r <= 5; r++) {
            Set<String> pods = new HashSet<>(), triggers = new HashSet<>();
            for (String[] c : coldStarts.get(r)) { pods.add(c[11]); triggers.add(c[5]); }
            Set<String> requestIds = new HashSet<>();
            long known = 0;
            for (String[] q : requests.get(r)) { if (pods.contains(q[5])) known++; requestIds.add(q[2]); }
            assertTrue(known >= 0.99 * requests.get(r).size(), "R" + r + " requests on recorded pods: " + known + "/" + requests.get(r).size());
            long day30 = coldStarts.get(r).stream().filter(c -> c[0].equals("30")).count();
            long matched = coldStarts.get(r).stream().filter(c -> c[0].equals("30") && requestIds.contains(c[5])).count();
            assertEquals(day30, matched, "every day-30 cold start names a logged request");
        }
    }

    @Test void perMinuteCountsAddUpToTheRequestLog() throws IOException {
        for (int r = 1; r <= 5; r++) {
            List<String> lines = Files.readAllLines(BUNDLED.resolve("quantiles/R" + r + "/requests/day_30.csv"));
            String[] header = lines.get(0).split(",");
            assertEquals("day", header[0]);
            assertEquals("time", header[1]);
            assertEquals(1441, lines.size(), "one row per minute");
            Map<String, Double> perFunction = new HashMap<>();
            for (String l : lines.subList(1, lines.size())) {
                String[] c = l.split(",", -1);
                for (int i = 2; i < c.length; i++) if (!c[i].isEmpty()) perFunction.merge(header[i].split("---")[0], Double.parseDouble(c[i]), Double::sum);
            }
            Map<String, Double> logged = new HashMap<>();
            for (String[] q : requests.get(r)) logged.merge(q[4], 1.0, Double::sum);
            assertEquals(logged, perFunction, "R" + r + " per-function requests on day 30");
        }
    }

    @Test void datasetIsSmallEnoughForTheRepository() throws IOException {
        long bytes;
        try (Stream<Path> s = Files.walk(BUNDLED)) { bytes = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum(); }
        // 14 MB of traces plus ~7 MB of per-minute metric families for thaw detect (R1 only); datasets/ stays under 50 MB
        assertTrue(bytes < 24L * 1024 * 1024, "dataset is " + bytes + " bytes");
        assertTrue(Files.readString(BUNDLED.resolve("README.md")).toLowerCase().contains("synthetic"));
    }
}
