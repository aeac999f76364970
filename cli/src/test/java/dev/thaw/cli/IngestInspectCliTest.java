package dev.thaw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code thaw inspect} and {@code thaw ingest} run in-process: exit codes and the JSON keys of docs/cli.md. */
class IngestInspectCliTest {
    @TempDir Path tmp;

    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not one JSON object: " + out, e);
            }
        }
    }

    static Run thaw(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = ThawCommand.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static Path dataset(String relative) {
        String p = System.getProperty("thaw.repo");
        Path base = p != null ? Paths.get(p) : Paths.get("").toAbsolutePath();
        while (base != null && !Files.isDirectory(base.resolve("datasets"))) base = base.getParent();
        if (base == null) throw new IllegalStateException("cannot find the repository's datasets/ folder");
        return base.resolve("datasets").resolve(relative);
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) { return s.map(p -> p.getFileName().toString()).sorted().toList(); }
    }

    @Test
    void inspectDescribesTheAzureCodeTrace() {
        Run r = thaw("inspect", "--json", dataset("llm-traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals("azure-llm", j.get("format").asText());
        assertEquals(8819, j.get("rows").asLong());
        assertEquals(List.of("arrival_s", "prompt_tokens", "output_tokens"), texts(j.get("columns")));
        JsonNode span = j.get("time_span_s");
        assertEquals(2, span.size());
        assertEquals(0.0, span.get(0).asDouble());
        assertEquals(3436, span.get(1).asDouble(), 1.0);
    }

    @Test
    void inspectDescribesEveryTraceOfTheDatasetsFolderAndListsWhatIsNotOne() {
        Run r = thaw("inspect", "--json", "-n", "1", dataset("").toString());
        assertEquals(0, r.exit(), r.err());
        java.util.Map<String, Long> rows = new java.util.TreeMap<>();
        int notTraces = 0;
        for (JsonNode in : r.json().get("inputs")) {
            if (in.get("format").isNull()) { notTraces++; continue; }
            rows.merge(in.get("format").asText(), in.get("rows").asLong(), Long::sum);
            assertTrue(in.has("columns") && in.has("time_span_s"), in.toString());
        }
        assertEquals(21 + 24, notTraces, "21 profiles and summaries plus 24 engine-measurement files");
        assertEquals(12, rows.size(), rows.toString());
        assertEquals(20L + 12_267L, rows.get("huawei-2025-coldstart"), "the excerpts and the bundled synthetic dataset");
        assertEquals(28_185L, rows.get("azure-llm"));
        assertEquals(16_024L, rows.get("mooncake"));
        assertEquals(11_252L, rows.get("apex"));
        assertEquals(942L, rows.get("azure-2019-invocations"));
    }

    @Test
    void ingestThenInspectTheParquet() {
        Path out = tmp.resolve("azure.parquet");
        Run r = thaw("ingest", "--json", dataset("llm-traces/azure-llm-2023").toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(28_185, j.get("rows_in").asLong());
        assertEquals(28_185, j.get("rows_out").asLong());
        assertEquals(0, j.get("rows_skipped").asLong());
        assertEquals(List.of(out.toString()), texts(j.get("outputs")));
        assertTrue(Files.isRegularFile(out));

        Run back = thaw("inspect", "--json", out.toString());
        assertEquals(0, back.exit(), back.err());
        assertEquals("azure-llm", back.json().get("format").asText());
        assertEquals(28_185, back.json().get("rows").asLong());
    }

    @Test
    void ingestToArrowWithForcedFormat() {
        Path out = tmp.resolve("vidur.arrow");
        Run r = thaw("ingest", "--json", "--format", "vidur", dataset("llm-traces/vidur/splitwise_code.csv").toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(8819, r.json().get("rows_out").asLong());
        Run back = thaw("inspect", "--json", out.toString());
        assertEquals(0, back.exit(), back.err());
        assertEquals("vidur", back.json().get("format").asText());
        assertEquals(8819, back.json().get("rows").asLong());
    }

    @Test
    void badInputExitsWithTwoNamingFileLineAndColumnAndLeavesNoOutput() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in")).resolve("splitwise.csv");
        Files.writeString(in, "arrived_at,num_prefill_tokens,num_decode_tokens\n0.0,4808,10\n0.052,3180,eight\n");
        Path outDir = Files.createDirectories(tmp.resolve("o"));
        Run r = thaw("ingest", "--json", in.toString(), "-o", outDir.resolve("out").toString());
        assertEquals(2, r.exit());
        assertEquals("", r.out(), "no JSON on a failure");
        assertTrue(r.err().contains(in + ":3, column 'num_decode_tokens': value 'eight': expected an integer"), r.err());
        assertEquals(List.of(), list(outDir));

        Run inspect = thaw("inspect", in.toString());
        assertEquals(2, inspect.exit());
        assertTrue(inspect.err().contains(in + ":3"), inspect.err());
    }

    @Test
    void skipModeReportsSkippedRowsByReason() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in")).resolve("splitwise.csv");
        Files.writeString(in, "arrived_at,num_prefill_tokens,num_decode_tokens\n0.0,4808,10\n0.052,3180,eight\n0.1,7,\n0.2,10,2,9\n2.57,7115,13\n");
        Run r = thaw("ingest", "--json", "--on-error", "skip", in.toString(), "-o", tmp.resolve("out.parquet").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(5, j.get("rows_in").asLong());
        assertEquals(2, j.get("rows_out").asLong());
        assertEquals(3, j.get("rows_skipped").asLong());
        JsonNode reasons = j.get("skipped_by_reason");
        assertEquals(1, reasons.get("expected an integer").asLong());
        assertEquals(1, reasons.get("expected a value, found it missing").asLong());
        assertEquals(1, reasons.get("expected 3 fields as in the header, found 4").asLong());
    }

    @Test
    void unrecognisedFileAndEmptyFileExitWithTwo() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("profile.csv"), "gpu,dtype,m,k,n,time(us)\nV100,fp16,1,1,1,3.5\n");
        Files.writeString(in.resolve("empty.csv"), "");
        Run r = thaw("inspect", "--json", in.resolve("profile.csv").toString());
        assertEquals(2, r.exit());
        // A refusal is one line on stderr, as for every command; stdout stays empty.
        assertTrue(r.out().isBlank(), r.out());
        assertTrue(r.err().contains("no known trace format has the header [gpu, dtype, m, k, n, time(us)]"), r.err());
        Run text = thaw("inspect", in.resolve("profile.csv").toString());
        assertEquals(2, text.exit());
        assertTrue(text.err().contains("not a known trace") && text.err().contains("profile.csv"), text.err());
        assertEquals(1, text.err().strip().lines().count(), text.err());
        Run e = thaw("ingest", in.resolve("empty.csv").toString(), "-o", tmp.resolve("x.parquet").toString());
        assertEquals(2, e.exit());
        assertTrue(e.err().contains("empty.csv") && e.err().contains("empty file"), e.err());
    }

    @Test
    void badUsageExitsWithTwo() {
        String trace = dataset("llm-traces/vidur/splitwise_code.csv").toString();
        assertEquals(2, thaw("ingest", trace).exit(), "missing -o");
        assertEquals(2, thaw("ingest", trace, "-o", tmp.resolve("x.parquet").toString(), "--on-error", "maybe").exit());
        assertEquals(2, thaw("ingest", trace, "-o", tmp.resolve("x.parquet").toString(), "--format", "no-such-format").exit());
        assertEquals(2, thaw("ingest", trace, "-o", tmp.resolve("x.parquet").toString(), "--to", "xlsx").exit());
        assertEquals(2, thaw("inspect", tmp.resolve("missing.csv").toString()).exit());
        assertEquals(2, thaw("inspect", "--no-such-option", trace).exit());
        assertEquals(List.of(), Stream.of(tmp.toFile().list()).filter(n -> n.startsWith("x") || n.startsWith(".x")).toList(),
                "no output after a usage error");
    }
}
