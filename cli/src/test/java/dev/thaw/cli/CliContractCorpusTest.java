package dev.thaw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.ingest.write.TempFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance 3 of issue 13: the bad-input corpus of the CLI contract. Every case runs one of the seven commands
 * in-process on a hostile input or option (small files under test resources {@code corpus/}; archives, damaged
 * Parquet and foreign tables made on the fly) and asserts the exit code (2 bad input, 1 failed work), one line on
 * stderr naming the file, column and value where they apply, nothing on stdout, no stack trace, and no file left
 * behind: neither the output nor a temporary one. The interrupt cases start the CLI in a child JVM and stop it with
 * SIGTERM or SIGINT once it has started writing ({@link CliInterruptTest}).
 */
class CliContractCorpusTest {
    @TempDir static Path work;
    static Path gen;
    static int counter;

    /** A case: the command, its class of bad input, the arguments, the exit code and words stderr must hold. */
    record Case(String command, String kind, String name, String[] args, int exit, List<String> words, Path out, Path existing) {
        @Override public String toString() { return command + " / " + kind + " / " + name; }
    }

    static Path res(String rel) {
        try {
            return Paths.get(CliContractCorpusTest.class.getClassLoader().getResource("corpus/" + rel).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource corpus/" + rel, e);
        }
    }

    static String in(String rel) { return res(rel).toString(); }

    /** A fresh, not yet existing output path in its own folder. */
    static Path fresh(String name) {
        Path dir = work.resolve("out-" + (counter++));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(name);
    }

    // ---------------------------------------------------------------- generated inputs (binary, large or foreign)

    @BeforeAll
    static void generate() throws Exception {
        gen = Files.createDirectories(work.resolve("gen"));
        // gzip content in files named .csv (read through the magic bytes), and a truncated one
        gzip(res("llm/azure_llm.csv"), gen.resolve("llm_gzipped.csv"));
        gzip(res("coldstart/R2/day_03.csv"), gen.resolve("coldstart_gzipped.csv"));
        byte[] gz = Files.readAllBytes(gen.resolve("llm_gzipped.csv"));
        Files.write(gen.resolve("llm_truncated_gzip.csv"), Arrays.copyOf(gz, gz.length / 2));
        Files.write(gen.resolve("llm_truncated.csv.gz"), Arrays.copyOf(gz, gz.length / 2));
        byte[] noise = new byte[4096];
        new SplittableRandom(13).nextBytes(noise);
        Files.write(gen.resolve("binary_noise.csv"), noise);
        Files.write(gen.resolve("binary_noise.parquet"), noise);
        Files.write(gen.resolve("binary_noise.arrow"), noise);
        // thaw's own Parquet of the LLM trace, then damaged: a truncated copy and one with its data pages overwritten
        Path pq = gen.resolve("llm.parquet");
        assertEquals(0, quiet("ingest", in("llm/azure_llm.csv"), "-o", pq.toString()));
        byte[] b = Files.readAllBytes(pq);
        Files.write(gen.resolve("llm_truncated.parquet"), Arrays.copyOf(b, b.length * 3 / 5));
        Path damaged = gen.resolve("llm_damaged.parquet");
        Files.write(damaged, b);
        try (RandomAccessFile f = new RandomAccessFile(damaged.toFile(), "rw")) {
            // page data starts after the 4-byte magic and a page header of a few dozen bytes: overwrite the rest of
            // the first column chunks with 0xFF (a NaN as a double, garbage as compressed data)
            for (long p = 64; p < Math.min(b.length - 200, 64 + 600); p++) { f.seek(p); f.write(0xFF); }
        }
        // Parquet written by DuckDB: no known trace format; an infinity; a negative token count; an empty table
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("COPY (SELECT 1 AS a, 2.5 AS b) TO '" + gen.resolve("unknown_columns.parquet") + "' (FORMAT PARQUET)");
            s.execute("COPY (SELECT * REPLACE (CASE WHEN ContextTokens > 2000 THEN 'inf'::DOUBLE ELSE ContextTokens::DOUBLE END AS ContextTokens) FROM read_csv('"
                    + res("llm/azure_llm.csv") + "')) TO '" + gen.resolve("duckdb_infinite.parquet") + "' (FORMAT PARQUET)");
            s.execute("COPY (SELECT * REPLACE (CASE WHEN GeneratedTokens < 100 THEN -GeneratedTokens ELSE GeneratedTokens END AS GeneratedTokens) FROM read_csv('"
                    + res("llm/azure_llm.csv") + "')) TO '" + gen.resolve("duckdb_negative.parquet") + "' (FORMAT PARQUET)");
            s.execute("COPY (SELECT * FROM read_csv('" + res("llm/azure_llm.csv") + "') LIMIT 0) TO '" + gen.resolve("duckdb_empty.parquet") + "' (FORMAT PARQUET)");
            s.execute("COPY (SELECT * FROM read_csv('" + res("coldstart/R2/day_03.csv") + "', header=true)) TO '" + gen.resolve("duckdb_coldstart.parquet") + "' (FORMAT PARQUET)");
        }
        Files.createDirectories(gen.resolve("no_traces"));
        Files.writeString(gen.resolve("no_traces/readme.txt"), "nothing here\n");
        Files.createDirectories(gen.resolve("empty_folder"));
        Files.writeString(gen.resolve("a_file"), "x\n");
    }

    static void gzip(Path from, Path to) throws IOException {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(to))) { Files.copy(from, o); }
    }

    static String g(String name) { return gen.resolve(name).toString(); }

    static int quiet(String... args) { return run(args).exit(); }

    // ---------------------------------------------------------------- the cases

    static final String LLM = "llm/azure_llm.csv", COLD = "coldstart/R2/day_03.csv", AZ21 = "azure2021/azure2021.csv";
    static final String[] SIM = {"--model", "Llama-3.1-8B", "--gpu", "H100-SXM-80GB"};

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        badCells(c);
        containers(c);
        options(c);
        outputs(c);
        return c;
    }

    static Case bad(String command, String kind, String name, int exit, List<String> words, Path out, String... args) {
        return new Case(command, kind, name, args, exit, words, out, null);
    }

    /** Malformed, non-finite, negative and missing cells, header-only and empty files: through every reading command. */
    static void badCells(List<Case> c) {
        record Bad(String file, String kind, List<String> words) {}
        List<Bad> cold = List.of(
                new Bad("coldstart/inf_cell.csv", "non-finite cell", List.of("inf_cell.csv:4", "totalCost_cold_start", "1e309", "expected a number")),
                new Bad("coldstart/minus_inf.csv", "non-finite cell", List.of("minus_inf.csv:2", "deployDependencyCost", "-1e400")),
                new Bad("coldstart/text_in_number.csv", "malformed cell", List.of("text_in_number.csv:3", "'time'", "soon", "expected a number")),
                new Bad("coldstart/negative_cost.csv", "negative cell", List.of("negative_cost.csv:5", "podAllocationCost", "-0.5", "non-negative")),
                new Bad("coldstart/header_only.csv", "header only", List.of("header_only.csv", "no rows")),
                new Bad("coldstart/empty.csv", "empty file", List.of("empty.csv", "empty file")),
                new Bad("coldstart/ragged.csv", "malformed row", List.of("ragged.csv:3", "expected 12 fields")),
                new Bad("coldstart/unterminated_quote.csv", "malformed row", List.of("unterminated_quote.csv:3", "unterminated quoted field")));
        for (Bad b : cold) {
            boolean headerOnly = b.kind().equals("header only");
            if (!headerOnly) c.add(bad("inspect", b.kind(), b.file(), 2, b.words(), null, "inspect", in(b.file())));
            if (!headerOnly) { Path o = fresh("x.parquet"); c.add(bad("ingest", b.kind(), b.file(), 2, b.words(), o, "ingest", in(b.file()), "-o", o.toString())); }
            Path a = fresh("analysis");
            c.add(bad("analyze", b.kind(), b.file(), 2, b.words(), a, "analyze", "--quiet", in(b.file()), "-o", a.toString()));
        }
        List<Bad> llm = List.of(
                new Bad("llm/inf_tokens.csv", "non-finite cell", List.of("inf_tokens.csv:7", "ContextTokens", "1e309")),
                new Bad("llm/negative_tokens.csv", "negative cell", List.of("negative_tokens.csv:9", "GeneratedTokens", "-5")),
                new Bad("llm/text_tokens.csv", "malformed cell", List.of("text_tokens.csv:5", "ContextTokens", "many")),
                new Bad("llm/bad_timestamp.csv", "malformed cell", List.of("bad_timestamp.csv:11", "TIMESTAMP", "yesterday", "timestamp")),
                new Bad("llm/huge_tokens.csv", "out of range cell", List.of("huge_tokens.csv:13", "ContextTokens", "99999999999999999999")),
                new Bad("llm/header_only.csv", "header only", List.of("header_only.csv", "no")));
        for (Bad b : llm) {
            boolean headerOnly = b.kind().equals("header only");
            if (!headerOnly) c.add(bad("inspect", b.kind(), b.file(), 2, b.words(), null, "inspect", in(b.file())));
            if (!headerOnly) { Path o = fresh("x.arrow"); c.add(bad("ingest", b.kind(), b.file(), 2, b.words(), o, "ingest", in(b.file()), "-o", o.toString())); }
            Path a = fresh("analysis");
            c.add(bad("analyze", b.kind(), b.file(), 2, b.words(), a, "analyze", "--quiet", in(b.file()), "-o", a.toString()));
            Path r = fresh("requests.csv");
            c.add(bad("simulate", b.kind(), b.file(), 2, b.words(), r, cat(cat(new String[] {"simulate"}, SIM), "--gpus", "1", "--trace", in(b.file()), "--requests-out", r.toString())));
            Path s = fresh("ranking.csv");
            c.add(bad("search", b.kind(), b.file(), 2, b.words(), s, cat(cat(new String[] {"search"}, SIM), "--gpus", "1", "--trace", in(b.file()), "-o", s.toString())));
            Path gOut = fresh("replayed.csv");
            c.add(bad("generate", b.kind(), b.file(), 2, List.of(Path.of(b.file()).getFileName().toString()), gOut, "generate", "--replay", in(b.file()), "-o", gOut.toString()));
        }
        List<Bad> az = List.of(
                new Bad("azure2021/inf_timestamp.csv", "non-finite cell", List.of("inf_timestamp.csv:4", "end_timestamp", "1e309")),
                new Bad("azure2021/nan_timestamp.csv", "non-finite cell", List.of("nan_timestamp.csv:5", "end_timestamp", "1e999")),
                new Bad("azure2021/negative_duration.csv", "negative cell", List.of("negative_duration.csv:6", "duration", "-1")),
                new Bad("azure2021/text_duration.csv", "malformed cell", List.of("text_duration.csv:3", "duration", "slow")),
                new Bad("azure2021/header_only.csv", "header only", List.of("header_only.csv", "no")),
                new Bad("azure2019/negative_count.d01.csv", "negative cell", List.of("negative_count.d01.csv:2", "'9'", "-4")),
                new Bad("azure2019/huge_minute.d01.csv", "memory bound", List.of("huge_minute.d01.csv", "minute 7", "2147483648", "at most")));
        for (Bad b : az) {
            Path r = fresh("requests.csv");
            c.add(bad("faas", b.kind(), b.file(), 2, b.words(), r, "faas", "--trace", in(b.file()), "--requests-out", r.toString()));
            if (!b.kind().equals("header only") && !b.kind().equals("memory bound")) {
                c.add(bad("inspect", b.kind(), b.file(), 2, b.words(), null, "inspect", in(b.file())));
                Path o = fresh("x.parquet");
                c.add(bad("ingest", b.kind(), b.file(), 2, b.words(), o, "ingest", in(b.file()), "-o", o.toString()));
            }
        }
    }

    /** Unreadable containers: truncated gzip, noise, damaged or truncated Parquet, foreign tables, folders with no trace. */
    static void containers(List<Case> c) {
        record Bad(String file, String kind, List<String> words, boolean llm) {}
        List<Bad> all = List.of(
                new Bad("llm_truncated_gzip.csv", "corrupt container", List.of("llm_truncated_gzip.csv", "truncated or corrupt compressed input"), true),
                new Bad("llm_truncated.csv.gz", "corrupt container", List.of("llm_truncated.csv.gz", "truncated or corrupt compressed input"), true),
                new Bad("binary_noise.csv", "corrupt container", List.of("binary_noise.csv"), true),
                new Bad("binary_noise.parquet", "corrupt container", List.of("binary_noise.parquet", "not a readable Parquet file"), true),
                new Bad("binary_noise.arrow", "corrupt container", List.of("binary_noise.arrow", "not a readable Arrow IPC file"), true),
                new Bad("llm_truncated.parquet", "corrupt container", List.of("llm_truncated.parquet", "not a readable Parquet file"), true),
                new Bad("llm_damaged.parquet", "corrupt Parquet page", List.of("llm_damaged.parquet", "damaged"), true),
                new Bad("unknown_columns.parquet", "unusable input", List.of("unknown_columns.parquet"), true),
                new Bad("duckdb_infinite.parquet", "non-finite cell", List.of("duckdb_infinite.parquet (row group 0)", "ContextTokens", "Infinity"), true),
                new Bad("duckdb_negative.parquet", "negative cell", List.of("duckdb_negative.parquet (row group 0)", "GeneratedTokens", "-"), true),
                new Bad("duckdb_empty.parquet", "header only", List.of("duckdb_empty.parquet", "no"), true),
                new Bad("no_traces", "unusable input", List.of("no_traces"), true),
                new Bad("empty_folder", "unusable input", List.of("empty_folder"), true),
                new Bad("does_not_exist.csv", "missing input", List.of("does_not_exist.csv"), true));
        for (Bad b : all) {
            String f = g(b.file());
            boolean damagedPage = b.kind().equals("corrupt Parquet page"), headerOnly = b.kind().equals("header only");
            List<String> words = damagedPage ? List.of("llm_damaged.parquet") : b.words();
            if (!headerOnly && !b.file().equals("unknown_columns.parquet")) c.add(bad("inspect", b.kind(), b.file(), 2, words, null, "inspect", f));
            Path a = fresh("analysis");
            c.add(bad("analyze", b.kind(), b.file(), 2, words, a, "analyze", "--quiet", f, "-o", a.toString()));
            Path r = fresh("requests.parquet");
            c.add(bad("simulate", b.kind(), b.file(), 2, words, r, cat(cat(new String[] {"simulate"}, SIM), "--gpus", "1", "--trace", f, "--requests-out", r.toString())));
            Path fr = fresh("requests.csv");
            // an LLM trace given to faas is refused for its format, before its cells are read: the file is named
            c.add(bad("faas", b.kind(), b.file(), 2, b.llm() ? List.of(b.file()) : words, fr, "faas", "--trace", f, "--requests-out", fr.toString()));
            if (!headerOnly && !b.file().equals("unknown_columns.parquet")) {
                Path o = fresh("x.parquet");
                c.add(bad("ingest", b.kind(), b.file(), 2, words, o, "ingest", f, "-o", o.toString()));
            }
        }
    }

    /** Options out of range, not finite, malformed or inconsistent, for every command. */
    static void options(List<Case> c) {
        String llm = in(LLM), cold = in(COLD), az = in(AZ21);
        // generate
        String[][] gen = {
                {"--duration", "-5", "--duration must be"}, {"--duration", "0", "--duration must be"}, {"--duration", "1e30", "--duration must be"},
                {"--duration", "1e309", "not a finite number"}, {"--duration", "NaN", "not a finite number"}, {"--duration", "soon", "not a number"},
                {"--rate-scale", "1e9", "--rate-scale must be"}, {"--rate-scale", "-1", "--rate-scale must be"}, {"--rate-scale", "0", "--rate-scale must be"},
                {"--rate-scale", "Infinity", "not a finite number"}, {"--speedup", "0", "--speedup must be"}, {"--speedup", "-2", "--speedup must be"},
                {"--window", "5:1", "--window must be"}, {"--window", "a:b", "--window must be"}, {"--window", "1e309:2", "--window must be"},
                {"--window", "7", "--window must be"}, {"--keep-functions", "0", "--keep-functions must be"}, {"--seed", "x", "--seed"}};
        for (String[] o : gen) {
            Path out = fresh("gen.csv");
            c.add(bad("generate", "bad option", o[0] + " " + o[1], 2, List.of(o[2]), out, "generate", "--replay", llm, "-o", out.toString(), o[0], o[1]));
        }
        Path gf = fresh("gen.csv");
        c.add(bad("generate", "missing input", "--fit missing", 2, List.of("nope.json"), gf, "generate", "--fit", work.resolve("nope.json").toString(), "-o", gf.toString()));
        Path gm = fresh("gen.csv");
        c.add(bad("generate", "malformed input", "--fit malformed", 2, List.of("fits_malformed.json", "JSON"), gm, "generate", "--fit", in("fits_malformed.json"), "-o", gm.toString()));
        Path gs = fresh("gen.csv");
        c.add(bad("generate", "bad option", "--synthetic unknown", 2, List.of("--synthetic", "huawei-2099"), gs, "generate", "--synthetic", "huawei-2099", "-o", gs.toString()));
        Path gc = fresh("gen.csv");
        c.add(bad("generate", "bad option", "--calibrate on invocations", 2, List.of("--calibrate"), gc, "generate", "--replay", in("azure2021/azure2021.csv"), "--calibrate", "-o", gc.toString()));
        Path gn = fresh("gen.csv");
        c.add(bad("generate", "bad option", "no source", 2, List.of("--fit", "--replay"), gn, "generate", "-o", gn.toString()));

        // simulate
        String[][] sim = {
                {"--gpus", "0", "--gpus must be"}, {"--gpus", "-1", "--gpus must be"}, {"--gpus", "2147483647", "--gpus must be"},
                {"--gpus", "99999999999", "--gpus"}, {"--gpus", "abc", "'abc' is not an int"}};
        for (String[] o : sim) {
            Path out = fresh("r.csv");
            c.add(bad("simulate", "bad option", o[0] + " " + o[1], 2, List.of(o[2]), out, cat(cat(new String[] {"simulate"}, SIM), o[0], o[1], "--trace", llm, "--requests-out", out.toString())));
        }
        String[][] sim8 = {
                {"--plan", "dp=2,tp=2", "uses 4 of the 8 GPUs"}, {"--plan", "dp=16,tp=1", "uses 16 of the 8 GPUs"}, {"--plan", "dp=two", "dp=two"},
                {"--nodes", "3", "cannot be split evenly over 3 nodes"}, {"--nodes", "0", "--nodes must be"}, {"--nodes", "9", "--nodes must be"},
                {"--max-num-seqs", "0", "--max-num-seqs must be"}, {"--max-batched-tokens", "-3", "--max-batched-tokens must be"},
                {"--block-size", "0", "--block-size must be"}, {"--gpu-memory-utilization", "1.5", "--gpu-memory-utilization must be"},
                {"--gpu-memory-utilization", "0", "--gpu-memory-utilization must be"}, {"--gpu-memory-utilization", "1e309", "not a finite number"},
                {"--slo-ttft-ms", "-1", "--slo-ttft-ms must be"}, {"--slo-tpot-ms", "0", "--slo-tpot-ms must be"}, {"--prefill-replicas", "-1", "--prefill-replicas must be"},
                {"--engine", "vllm-v9", "vllm-v9"}, {"--weights", "int3", "int3"}, {"--kv", "fp4x", "fp4x"}, {"--router", "random-ish", "random-ish"},
                {"--comm", "/nonexistent/comm", "/nonexistent/comm"}};
        for (String[] o : sim8) {
            Path out = fresh("r.csv");
            c.add(bad("simulate", "bad option", o[0] + " " + o[1], 2, List.of(o[2]), out, cat(cat(new String[] {"simulate"}, SIM), "--gpus", "8", o[0], o[1], "--trace", llm, "--requests-out", out.toString())));
        }
        String[][] simSrc = {
                {"--model", "Llama-9-999B", "Llama-9-999B"}, {"--gpu", "Z100", "Z100"}};
        for (String[] o : simSrc) {
            List<String> a = new ArrayList<>(List.of("simulate", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM-80GB", "--gpus", "1", "--trace", llm));
            a.set(a.indexOf(o[0]) + 1, o[1]);
            c.add(bad("simulate", "bad option", o[0] + " " + o[1], 2, List.of(o[2]), null, a.toArray(String[]::new)));
        }
        String[] workloads = {"poisson:rate=-1,n=10,prompt=100,output=10", "poisson:rate=1e309,n=10,prompt=100,output=10", "poisson:rate=1,n=-5,prompt=100,output=10",
                "gamma:rate=1", "poisson:rate=1,n=10,prompt=abc,output=10"};
        for (String w : workloads) c.add(bad("simulate", "bad option", "--workload " + w, 2, List.of("workload"), null, cat(cat(new String[] {"simulate"}, SIM), "--gpus", "1", "--workload", w)));

        // search
        String[][] search = {
                {"--gpus", "0", "--gpus must be"}, {"--gpus", "2147483647", "--gpus must be"}, {"--top", "0", "--top must be"},
                {"--rate-scale", "0", "--rate-scale must be"}, {"--rate-scale", "1e309", "not a finite number"}, {"--attainment", "2", "--attainment must be"},
                {"--objective", "fastest", "fastest"}, {"--pareto", "prettiest", "prettiest"}, {"--threads", "0", "--threads must be"},
                {"--max-num-seqs", "0", "--max-num-seqs must be"}, {"--max-batched-tokens", "0", "--max-batched-tokens must be"},
                {"--replica-concurrency", "0", "--replica-concurrency must be"}, {"--slo-ttft-ms", "-5", "--slo-ttft-ms must be"},
                {"--weights", "int3", "int3"}, {"--routers", "coin-flip", "coin-flip"}, {"--max-rate-top", "0", "--max-rate-top must be"}};
        for (String[] o : search) {
            Path out = fresh("rank.csv");
            List<String> a = new ArrayList<>(List.of("search", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM-80GB", "--gpus", "1", "--trace", llm, "-o", out.toString()));
            if (o[0].equals("--gpus")) a.set(a.indexOf("--gpus") + 1, o[1]);
            else { a.add(o[0]); a.add(o[1]); }
            c.add(bad("search", "bad option", o[0] + " " + o[1], 2, List.of(o[2]), out, a.toArray(String[]::new)));
        }

        // faas
        String[][] faas = {
                {"--policy", "forever", "forever"}, {"--policy", "fixed:-5s", "-5"}, {"--memory-mb", "0", "--memory-mb must be"},
                {"--cpu-millicores", "-1", "--cpu-millicores must be"}, {"--concurrency", "0", "--concurrency must be"}, {"--max-pods", "0", "--max-pods must be"},
                {"--max-memory-gb", "-1", "--max-memory-gb must be"}, {"--max-cpu-cores", "0", "--max-cpu-cores must be"},
                {"--price-per-gb-s", "-1", "--price-per-gb-s must be"}, {"--price-per-gb-s", "1e309", "not a finite number"},
                {"--cold-start", "constant:-1", "-1"}, {"--cold-start", "lukewarm", "lukewarm"}, {"--when-full", "panic", "panic"}, {"--format", "azure-2099", "azure-2099"}};
        for (String[] o : faas) {
            Path out = fresh("requests.csv");
            c.add(bad("faas", "bad option", o[0] + " " + o[1], 2, List.of(o[2]), out, "faas", "--trace", az, o[0], o[1], "--requests-out", out.toString()));
        }
        String[] faasWorkloads = {"functions=0,rate=10,duration=60", "functions=10,rate=-1,duration=60", "functions=10,rate=1e309,duration=60", "functions=10,rate=1,duration=abc"};
        for (String w : faasWorkloads) c.add(bad("faas", "bad option", "--workload " + w, 2, List.of("workload"), null, "faas", "--workload", w));

        // analyze
        String[][] an = {
                {"--keep-alive", "-5", "--keep-alive must be"}, {"--keep-alive", "1e309", "not a finite number"}, {"--keep-alive", "1e12", "--keep-alive must be"},
                {"--threads", "0", "--threads must be"}, {"--what", "everything", "everything"}, {"--group-by", "color", "color"},
                {"--coldstart-point", "middle", "--coldstart-point"}, {"--request-point", "middle", "--request-point"}, {"--format", "huawei-2099", "huawei-2099"},
                {"--format", "azure-2021", "azure-2021"}};
        for (String[] o : an) {
            Path out = fresh("analysis");
            c.add(bad("analyze", "bad option", o[0] + " " + o[1], 2, List.of(o[2]), out, "analyze", "--quiet", cold, "-o", out.toString(), o[0], o[1]));
        }
        // ingest and inspect
        String[][] ing = {{"--to", "xlsx", "xlsx"}, {"--on-error", "maybe", "maybe"}, {"--format", "huawei-2099", "huawei-2099"}, {"--format", "apex", "apex"}};
        for (String[] o : ing) {
            Path out = fresh("x.parquet");
            c.add(bad("ingest", "bad option", o[0] + " " + o[1], 2, List.of(o[2]), out, "ingest", llm, "-o", out.toString(), o[0], o[1]));
        }
        Path mixed = fresh("x.parquet");
        c.add(bad("ingest", "bad option", "two formats into one file", 2, List.of("formats"), mixed, "ingest", llm, cold, "-o", mixed.toString()));
        c.add(bad("inspect", "bad option", "--head -1", 2, List.of("--head must be"), null, "inspect", llm, "--head", "-1"));
        c.add(bad("inspect", "bad option", "--head 1e9", 2, List.of("--head"), null, "inspect", llm, "--head", "1000000000"));
        c.add(bad("inspect", "bad option", "--format unknown", 2, List.of("huawei-2099"), null, "inspect", llm, "--format", "huawei-2099"));
        c.add(bad("inspect", "unusable input", "not a trace", 2, List.of("not_a_trace.csv", "no known trace format"), null, "inspect", in("not_a_trace.csv")));
        c.add(bad("inspect", "bad option", "unknown option", 2, List.of("--colour"), null, "inspect", llm, "--colour"));
        c.add(bad("ingest", "bad option", "missing -o", 2, List.of("--output"), null, "ingest", llm));
    }

    /** Output paths that would destroy something: the input itself, a folder thaw did not write, a path under a file. */
    static void outputs(List<Case> c) {
        String llm = in(LLM), cold = in(COLD), az = in(AZ21);
        Path foreign = work.resolve("foreign-folder");
        try {
            Files.createDirectories(foreign);
            Files.writeString(foreign.resolve("precious.txt"), "not thaw's\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path underFile = gen == null ? work.resolve("gen/a_file/x.parquet") : gen.resolve("a_file/x.parquet");
        String f = foreign.toString();
        c.add(new Case("ingest", "output path", "-o the input", new String[] {"ingest", cold, "-o", cold, "--to", "parquet"}, 2, List.of("is the input"), null, res(COLD)));
        c.add(new Case("ingest", "output path", "-o a foreign folder", new String[] {"ingest", cold, "-o", f}, 2, List.of("not written by thaw"), null, foreign));
        c.add(new Case("ingest", "output path", "-o under a file", new String[] {"ingest", cold, "-o", underFile.toString()}, 2, List.of("a_file"), null, null));
        c.add(new Case("ingest", "output path", "-o the input's folder", new String[] {"ingest", cold, "-o", res(COLD).getParent().toString()}, 2, List.of("holds the input"), null, res(COLD).getParent()));
        c.add(new Case("analyze", "output path", "-o a foreign folder", new String[] {"analyze", "--quiet", cold, "-o", f}, 2, List.of("not written by thaw"), null, foreign));
        c.add(new Case("analyze", "output path", "-o the input", new String[] {"analyze", "--quiet", cold, "-o", cold}, 2, List.of("is the input"), null, res(COLD)));
        c.add(new Case("analyze", "output path", "-o an existing file", new String[] {"analyze", "--quiet", cold, "-o", g("a_file")}, 2, List.of("existing file"), null, gen == null ? null : gen.resolve("a_file")));
        c.add(new Case("generate", "output path", "-o the replayed input", new String[] {"generate", "--replay", llm, "-o", llm}, 2, List.of("is the input"), null, res(LLM)));
        c.add(new Case("generate", "output path", "-o a foreign folder (synthetic)", new String[] {"generate", "--synthetic", "huawei-2025", "-o", f}, 2, List.of("not written by thaw"), null, foreign));
        c.add(new Case("generate", "output path", "-o an existing folder", new String[] {"generate", "--replay", llm, "-o", f}, 2, List.of("existing folder"), null, foreign));
        c.add(new Case("simulate", "output path", "--requests-out the trace", cat(cat(new String[] {"simulate"}, SIM), "--gpus", "1", "--trace", llm, "--requests-out", llm), 2, List.of("is the input"), null, res(LLM)));
        c.add(new Case("simulate", "output path", "--requests-out a folder", cat(cat(new String[] {"simulate"}, SIM), "--gpus", "1", "--trace", llm, "--requests-out", f), 2, List.of("existing folder"), null, foreign));
        c.add(new Case("search", "output path", "-o the trace", cat(cat(new String[] {"search"}, SIM), "--gpus", "1", "--trace", llm, "-o", llm), 2, List.of("is the input"), null, res(LLM)));
        c.add(new Case("search", "output path", "-o a folder", cat(cat(new String[] {"search"}, SIM), "--gpus", "1", "--trace", llm, "-o", f), 2, List.of("existing folder"), null, foreign));
        c.add(new Case("faas", "output path", "--requests-out the trace", new String[] {"faas", "--trace", az, "--requests-out", az}, 2, List.of("is the input"), null, res(AZ21)));
        c.add(new Case("faas", "output path", "--pods-out a folder", new String[] {"faas", "--trace", az, "--pods-out", f}, 2, List.of("existing folder"), null, foreign));
        Path same = fresh("same.csv");
        c.add(new Case("faas", "output path", "--requests-out = --pods-out", new String[] {"faas", "--trace", az, "--requests-out", same.toString(), "--pods-out", same.toString()}, 2, List.of("same file"), same, null));
    }

    static String[] cat(String[] a, String... b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    // ---------------------------------------------------------------- the assertions

    record Run(int exit, String out, String err) {}

    static synchronized Run run(String... args) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithOneLineNamingTheProblemAndNothingLeftBehind(Case c) throws IOException {
        Map<Path, String> before = c.existing() == null ? Map.of() : snapshot(c.existing());
        Path outDir = c.out() == null ? null : c.out().getParent();
        List<String> dirBefore = outDir == null ? List.of() : list(outDir);
        Run r = run(c.args());
        String err = r.err().strip();
        assertEquals(c.exit(), r.exit(), "exit code; stderr: " + err);
        assertTrue(r.out().isBlank(), "a refusal goes to stderr, stdout holds: " + r.out());
        List<String> lines = err.lines().filter(l -> !l.startsWith("thaw ") || l.startsWith("thaw " + c.command() + ": ")).toList();
        String refusal = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        assertTrue(refusal.startsWith("thaw " + c.command() + ": "), "one line 'thaw " + c.command() + ": ...' on stderr, got: " + err);
        assertFalse(err.contains("\tat ") || err.contains("Exception in thread"), "no stack trace: " + err);
        assertEquals(refusal, err.lines().reduce((x, y) -> y).orElse(""), "the refusal is the last line (progress lines may precede it): " + err);
        for (String w : c.words()) assertTrue(refusal.contains(w), "the message names '" + w + "': " + refusal);
        if (c.out() != null) assertFalse(Files.exists(c.out()), "no output left: " + c.out());
        if (outDir != null) assertEquals(dirBefore, list(outDir), "nothing new beside the output (no temporary file)");
        if (c.existing() != null) assertEquals(before, snapshot(c.existing()), "the existing path is untouched");
        assertEquals(List.of(), TempFiles.live(), "no temporary file registered after the run");
    }

    static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) { return s.map(p -> p.getFileName().toString()).sorted().toList(); }
    }

    static Map<Path, String> snapshot(Path p) throws IOException {
        Map<Path, String> m = new TreeMap<>();
        if (!Files.exists(p)) return m;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.toList()) m.put(q, Files.isDirectory(q) ? "dir" : Files.size(q) + ":" + Files.getLastModifiedTime(q));
        }
        return m;
    }

    @Test
    void debugAddsTheStackTrace() {
        Run plain = run("inspect", in("llm/inf_tokens.csv"));
        Run debug = run("inspect", in("llm/inf_tokens.csv"), "--debug");
        assertEquals(2, plain.exit());
        assertEquals(2, debug.exit());
        assertFalse(plain.err().contains("\tat "), plain.err());
        assertTrue(debug.err().startsWith(plain.err().strip()) && debug.err().contains("\tat dev.thaw."), debug.err());
    }

    @Test
    void gzipContentNamedCsvIsRead() {
        Run r = run("inspect", "--json", g("llm_gzipped.csv"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"azure-llm\"") && r.out().contains("\"rows\" : 40"), r.out());
        Path a = fresh("analysis");
        Run an = run("analyze", "--quiet", g("coldstart_gzipped.csv"), "-o", a.toString());
        assertEquals(0, an.exit(), an.err());
    }

    @Test
    void theCorpusCoversEveryCommandAndEveryClass() {
        List<Case> all = cases();
        Map<String, Long> byCommand = all.stream().collect(Collectors.groupingBy(Case::command, TreeMap::new, Collectors.counting()));
        Map<String, Long> byKind = all.stream().collect(Collectors.groupingBy(Case::kind, TreeMap::new, Collectors.counting()));
        System.out.println("CLI corpus: " + all.size() + " in-process cases (+ " + CliInterruptTest.CASES + " interrupt cases); by command " + byCommand + "; by class " + byKind);
        assertTrue(all.size() + CliInterruptTest.CASES >= 150, "at least 150 cases, got " + all.size());
        assertEquals(Set7.COMMANDS, byCommand.keySet());
    }

    static final class Set7 {
        static final java.util.Set<String> COMMANDS = new java.util.TreeSet<>(List.of("inspect", "ingest", "analyze", "faas", "simulate", "generate", "search"));
    }
}
