package dev.thaw.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.ingest.kit.Rows;
import dev.thaw.ingest.write.Ingest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: one ingest of the whole bundled {@code datasets/} folder converts every trace in it, leaves out what is
 * not a trace (GPU profiles, per-function summaries), and gives the row counts of the real files. Each count was
 * checked against the files themselves (data rows by a CSV reader; {@code wc -l} minus the header, or plus one where
 * the last line has no line break; non-zero minute cells for the long-form Azure 2019 invocations).
 */
class BundledDatasetsIngestTest {
    @TempDir Path tmp;

    @Test
    void ingestingTheDatasetsFolderConvertsEveryTraceWithTheRightRowCounts() throws IOException {
        Path datasets = TestData.repo().resolve("datasets");
        Path out = tmp.resolve("out");
        Ingest.Result r = Ingest.run(List.of(datasets.toString()), out, Ingest.Options.defaults(), null);

        Map<String, Long> expected = new LinkedHashMap<>();
        // Huawei: the real excerpts (10 rows each, cold starts twice) plus the bundled synthetic dataset, whose data
        // rows were counted with wc -l per file (minute cells: non-empty funcID cells of the wide files).
        expected.put("huawei-2025-coldstart", 20L + 12_267L);
        expected.put("huawei-2025-request", 10L + 19_859L);
        expected.put("huawei-2025-meta", 10L + 71L);
        expected.put("huawei-2025-minute", 13_900L + 121_622L); // requests + every region's metric families of thaw detect (awk count of non-empty cells)
        expected.put("azure-2019-invocations", 942L);     // non-zero minutes: 37 (extremes) + 905 (fixture)
        expected.put("azure-2019-durations", 7L);         // 3 + 4
        expected.put("azure-2019-memory", 7L);            // 3 + 4
        expected.put("azure-2021", 228L);                 // 199 + 29
        expected.put("azure-llm", 28_185L);               // code 8,819 + conversation 19,366
        expected.put("mooncake", 16_024L);                // conversation 12,031 + synthetic 3,993
        expected.put("vidur", 28_185L);                   // the same two Azure traces in Vidur's format
        expected.put("apex", 11_252L);                    // 12 files: 2 x (512 + 1,024 + 1,302 + 725 + 1,024 + 1,039)
        assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(r.rowsByFormat()));
        assertEquals(expected.values().stream().mapToLong(Long::longValue).sum(), r.rowsOut());
        assertEquals(0, r.rowsSkipped());

        // Identities: the cold-start components sum to the total on every row; one per-request row of the excerpt
        // misses worker + runtime = total by 1 µs because the excerpt is rounded to 6 decimals.
        assertEquals(0L, r.violations().get("huawei-2025-coldstart.components_sum_to_total"));
        assertEquals(1L, r.violations().get("huawei-2025-request.worker_plus_runtime_equals_total"));

        // What is not a trace is left out and named: 16 GPU profiles, 4 per-function summaries, 1 length table, and the
        // engine measurements (10 Parquet kernel tables, 9 CSV profiles and end-to-end runs, 5 provenance/licence texts).
        List<String> notTraces = r.unrecognised().stream().map(u -> u.substring(0, u.indexOf(": "))).map(p -> datasets.relativize(Path.of(p)).toString()).toList();
        assertEquals(21 + 24, notTraces.size(), String.join("\n", notTraces));
        assertEquals(24, notTraces.stream().filter(p -> p.startsWith("engine-measurements/")).count());
        assertEquals(10, notTraces.stream().filter(p -> p.endsWith(".parquet")).count());
        assertEquals(16, notTraces.stream().filter(p -> p.startsWith("apex-profiles/")).count());
        assertTrue(notTraces.contains("llm-traces/vidur/arxiv_summarization_stats_llama2_tokenizer_filtered_v2.csv"));
        assertTrue(notTraces.contains("huawei-2025/excerpts/region5_requests_per_funcID_head_tail.csv"));

        // One folder per format, each reading back with its format and row count.
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(expected.keySet().stream().sorted().toList(), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        for (Path f : r.outputs()) assertTrue(Files.isRegularFile(f) && f.startsWith(out), f.toString());
        try (TraceReader back = Traces.open(out.resolve("azure-llm"))) {
            assertEquals("azure-llm", back.format().id());
            while (back.next()) { /* count */ }
            assertEquals(28_185L, back.rowsRead());
        }
        Rows cold = Rows.read(out.resolve("huawei-2025-coldstart"));
        assertEquals(20 + 12_267, cold.size());
        assertTrue(Files.isDirectory(out.resolve("huawei-2025-coldstart").resolve("region=R5").resolve("day=30")));
        // The per-request excerpt's name says "region5", not the release's R5 folder: its region is unknown (null).
        assertTrue(Files.isDirectory(out.resolve("huawei-2025-request").resolve("region=" + dev.thaw.ingest.write.PartitionedSink.NULL_PARTITION).resolve("day=30")));
    }

    @Test
    void theAzureCodeTraceKeepsItsMedianPromptThroughParquet() {
        Path out = tmp.resolve("code.parquet");
        Ingest.run(List.of(TestData.dataset("llm-traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv").toString()), out, Ingest.Options.defaults(), null);
        double[] prompt = Rows.read(out).column("prompt_tokens").stream().mapToDouble(o -> ((Long) o).doubleValue()).toArray();
        assertEquals(8819, prompt.length);
        assertEquals(1469.0, BundledTracesTest.median(prompt));
    }
}
