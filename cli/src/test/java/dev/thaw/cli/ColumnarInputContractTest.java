package dev.thaw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance 2 of issue 13: Parquet written by DuckDB in each published schema thaw reads is recognised, analysed and
 * simulated with the same results as the CSV (JSON lines for Mooncake) DuckDB writes of the same rows. The rows are
 * each format's small fixture (ingest's test resources), loaded by DuckDB and re-typed so the Parquet holds what other
 * tools write: integers narrowed to INT8..INT32 and their unsigned kinds, exact decimals as DECIMAL(18,6), the Azure
 * LLM timestamp as TIMESTAMP in nanoseconds, strings dictionary-encoded, empty cells as nulls.
 */
class ColumnarInputContractTest {
    @TempDir static Path tmp;
    static Connection db;

    @BeforeAll static void open() throws Exception { db = DriverManager.getConnection("jdbc:duckdb:"); }

    @AfterAll static void close() throws Exception { db.close(); }

    /** Format id, fixture path below ingest's formats/ID/, and the thaw command that simulates it (null: none). */
    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("huawei-2025-coldstart", "cold_start/R2/day_03.csv", null),
                Arguments.of("huawei-2025-request", "per_request/R5/part-00000-2a4c.csv", "faas"),
                Arguments.of("huawei-2025-meta", "runtime_triggerType/df_funcID_runtime_triggerType.csv", null),
                Arguments.of("huawei-2025-minute", "quantiles/R3/requests/day_05.csv", null),
                Arguments.of("huawei-2023", "requests_minute/day_001.csv", null),
                Arguments.of("azure-2019-invocations", "invocations_per_function_md.anon.d01.csv", null),
                Arguments.of("azure-2019-durations", "function_durations_percentiles.anon.d01.csv", null),
                Arguments.of("azure-2019-memory", "app_memory_percentiles.anon.d01.csv", null),
                Arguments.of("azure-2021", "azure2021_head.csv", "faas"),
                Arguments.of("azure-llm", "AzureLLMInferenceTrace_code_head.csv", "simulate"),
                Arguments.of("mooncake", "conversation_head.jsonl", "simulate"),
                Arguments.of("burstgpt", "BurstGPT_head.csv", "simulate"),
                Arguments.of("vidur", "splitwise_head.csv", "simulate"),
                Arguments.of("apex", "lmsys_05_head.csv", "simulate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void duckDbParquetReadsAsTheTextOfTheSameRows(String format, String member, String simulator) throws Exception {
        Path fixture = IngestInspectCliTest.dataset("..").resolve("ingest/src/test/resources/formats").resolve(format).resolve(member).normalize();
        boolean jsonl = member.endsWith(".jsonl");
        Path text = tmp.resolve(format).resolve("text").resolve(member);
        Path parquet = tmp.resolve(format).resolve("parquet").resolve(member.replaceAll("\\.(csv|jsonl)$", ".parquet"));
        Files.createDirectories(text.getParent());
        Files.createDirectories(parquet.getParent());
        List<String> types = writeBoth(fixture, jsonl, text, parquet, format);

        // Recognised: the same format, rows, span and first rows as the text.
        IngestInspectCliTest.Run ti = IngestInspectCliTest.thaw("inspect", "--json", "-n", "50", text.toString());
        IngestInspectCliTest.Run pi = IngestInspectCliTest.thaw("inspect", "--json", "-n", "50", parquet.toString());
        assertEquals(0, ti.exit(), ti.err());
        assertEquals(0, pi.exit(), pi.err());
        assertEquals(format, pi.json().get("format").asText(), "DuckDB's Parquet types " + types);
        assertEquals(without(ti.json(), "path"), without(pi.json(), "path"), "inspect; Parquet types " + types);

        // Analysed: the same summary.
        IngestInspectCliTest.Run ta = IngestInspectCliTest.thaw("analyze", "--json", "--quiet", text.toString(), "-o", tmp.resolve(format).resolve("a-text").toString());
        IngestInspectCliTest.Run pa = IngestInspectCliTest.thaw("analyze", "--json", "--quiet", parquet.toString(), "-o", tmp.resolve(format).resolve("a-parquet").toString());
        assertEquals(ta.exit(), pa.exit(), ta.err() + " / " + pa.err());
        if (ta.exit() == 0) assertEquals(without(ta.json(), "wall_s", "inputs"), without(pa.json(), "wall_s", "inputs"), "analyze; Parquet types " + types);
        else assertEquals(firstLine(ta.err()).replace(text.toString(), "IN"), firstLine(pa.err()).replace(parquet.toString(), "IN"));

        // Simulated: the same metrics.
        if (simulator != null) {
            String[] common = simulator.equals("simulate")
                    ? new String[] {"simulate", "--json", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM-80GB", "--gpus", "1", "--trace"}
                    : new String[] {"faas", "--json", "--trace"};
            IngestInspectCliTest.Run ts = IngestInspectCliTest.thaw(concat(common, text.toString()));
            IngestInspectCliTest.Run ps = IngestInspectCliTest.thaw(concat(common, parquet.toString()));
            assertEquals(0, ts.exit(), ts.err());
            assertEquals(0, ps.exit(), ps.err());
            assertEquals(without(ts.json(), "sim_wall_s", "wall_s"), without(ps.json(), "sim_wall_s", "wall_s"), simulator + "; Parquet types " + types);
        }
    }

    /** The Azure LLM timestamp in every unit DuckDB writes (and with a time zone) reads as the CSV of the same rows. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMPTZ"})
    void timestampsInEveryUnit(String type) throws Exception {
        Path fixture = IngestInspectCliTest.dataset("..").resolve("ingest/src/test/resources/formats/azure-llm/AzureLLMInferenceTrace_code_head.csv").normalize();
        Path dir = Files.createDirectories(tmp.resolve("ts-" + type));
        Path csv = dir.resolve("t.csv"), parquet = dir.resolve("t.parquet");
        exec("SET TimeZone = 'UTC'");
        String sel = "SELECT CAST(TIMESTAMP AS " + type + ") AS TIMESTAMP, ContextTokens::UINTEGER AS ContextTokens, GeneratedTokens::SMALLINT AS GeneratedTokens FROM read_csv('" + fixture + "')";
        exec("COPY (" + sel + ") TO '" + parquet + "' (FORMAT PARQUET)");
        // the CSV twin spells the same instants as thaw reads them (DuckDB prints a zone suffix for TIMESTAMPTZ)
        exec("COPY (SELECT strftime(CAST(CAST(TIMESTAMP AS TIMESTAMP) AS TIMESTAMP_NS), '%Y-%m-%d %H:%M:%S.%n') AS TIMESTAMP, ContextTokens, GeneratedTokens FROM (" + sel + ")) TO '" + csv + "' (HEADER)");
        IngestInspectCliTest.Run a = IngestInspectCliTest.thaw("inspect", "--json", "-n", "10", csv.toString());
        IngestInspectCliTest.Run b = IngestInspectCliTest.thaw("inspect", "--json", "-n", "10", parquet.toString());
        assertEquals(0, b.exit(), b.err());
        assertEquals("azure-llm", b.json().get("format").asText());
        assertEquals(without(a.json(), "path"), without(b.json(), "path"), type);
    }

    /** Item 4 of issue 13: the CSV that {@code thaw ingest -o X.csv} writes reads back as the same trace in every command. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void thawsOwnCsvReadsBackAsTheSameTrace(String format, String member, String simulator) throws Exception {
        Path fixture = IngestInspectCliTest.dataset("..").resolve("ingest/src/test/resources/formats").resolve(format).resolve(member).normalize();
        Path csv = tmp.resolve("roundtrip-" + format).resolve(member.replaceAll("\\.(csv|jsonl)$", ".thaw.csv"));
        Files.createDirectories(csv.getParent());
        IngestInspectCliTest.Run in = IngestInspectCliTest.thaw("ingest", fixture.toString(), "-o", csv.toString(), "--format", format);
        assertEquals(0, in.exit(), in.err());
        IngestInspectCliTest.Run a = IngestInspectCliTest.thaw("inspect", "--json", "-n", "50", fixture.toString());
        IngestInspectCliTest.Run b = IngestInspectCliTest.thaw("inspect", "--json", "-n", "50", csv.toString());
        assertEquals(0, b.exit(), b.err());
        // identity checks run on the published layout only; the LLM formats share one table, read back as its first (azure-llm)
        boolean sharedLlmTable = a.json().get("columns").toString().equals("[\"arrival_s\",\"prompt_tokens\",\"output_tokens\"]");
        String[] ignore = sharedLlmTable ? new String[] {"path", "description", "files", "identity_violations", "format"} : new String[] {"path", "description", "files", "identity_violations"};
        assertEquals(without(a.json(), ignore), without(b.json(), ignore), "inspect of thaw's CSV");
        if (format.equals("huawei-2025-coldstart") || format.equals("azure-llm")) {
            IngestInspectCliTest.Run aa = IngestInspectCliTest.thaw("analyze", "--json", "--quiet", fixture.toString(), "-o", tmp.resolve("rt-a-" + format).toString());
            IngestInspectCliTest.Run ba = IngestInspectCliTest.thaw("analyze", "--json", "--quiet", csv.toString(), "-o", tmp.resolve("rt-b-" + format).toString());
            assertEquals(0, ba.exit(), ba.err());
            assertEquals(without(aa.json(), "wall_s"), without(ba.json(), "wall_s"), "analyze of thaw's CSV");
        }
        if (simulator != null) {
            String[] common = simulator.equals("simulate")
                    ? new String[] {"simulate", "--json", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM-80GB", "--gpus", "1", "--trace"}
                    : new String[] {"faas", "--json", "--trace"};
            IngestInspectCliTest.Run as = IngestInspectCliTest.thaw(concat(common, fixture.toString()));
            IngestInspectCliTest.Run bs = IngestInspectCliTest.thaw(concat(common, csv.toString()));
            assertEquals(0, bs.exit(), bs.err());
            assertEquals(without(as.json(), "sim_wall_s", "wall_s"), without(bs.json(), "sim_wall_s", "wall_s"), simulator + " of thaw's CSV");
        }
    }

    /** DuckDB loads the fixture, re-types its columns and writes the same table as text and as Parquet; returns the Parquet types. */
    static List<String> writeBoth(Path fixture, boolean jsonl, Path text, Path parquet, String format) throws Exception {
        String t = "t_" + format.replace('-', '_');
        exec("CREATE OR REPLACE TABLE " + t + "_raw AS SELECT * FROM "
                + (jsonl ? "read_json('" + fixture + "', format='newline_delimited')" : "read_csv('" + fixture + "', header=true, sample_size=-1)"));
        List<String> select = new ArrayList<>(), types = new ArrayList<>();
        List<String[]> cols = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE " + t + "_raw")) {
            while (rs.next()) cols.add(new String[] {rs.getString(1), rs.getString(2)});
        }
        // one pass for every column's range and exactness (the wide Azure 2019 file has 1,440 columns)
        List<String> stats = new ArrayList<>();
        for (String[] c : cols) {
            String q = '"' + c[0] + '"';
            if (c[1].equals("BIGINT")) { stats.add("coalesce(min(" + q + "), 0)"); stats.add("coalesce(max(" + q + "), 0)"); }
            else if (c[1].equals("DOUBLE")) stats.add("count(*) FILTER (WHERE " + q + " IS NOT NULL AND (" + q + " <> round(" + q + ", 6) OR abs(" + q + ") >= 1e11))");
        }
        List<Long> st = new ArrayList<>();
        if (!stats.isEmpty()) {
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT " + String.join(", ", stats) + " FROM " + t + "_raw")) {
                rs.next();
                for (int i = 1; i <= stats.size(); i++) st.add(rs.getLong(i));
            }
        }
        int k = 0, at = 0;
        for (String[] c : cols) {
            String q = '"' + c[0] + '"', type = c[1], target = type;
            if (type.equals("BIGINT")) { target = narrowInteger(st.get(at), st.get(at + 1), k++); at += 2; }
            else if (type.equals("DOUBLE")) { if (st.get(at++) == 0) target = "DECIMAL(18,6)"; }
            else if (type.startsWith("TIMESTAMP")) target = "TIMESTAMP_NS";
            select.add("CAST(" + q + " AS " + target + ") AS " + q);
            types.add(c[0] + ":" + target);
        }
        exec("CREATE OR REPLACE TABLE " + t + " AS SELECT " + String.join(", ", select) + " FROM " + t + "_raw");
        exec("COPY " + t + " TO '" + text + "' " + (jsonl ? "(FORMAT JSON)" : "(HEADER, DELIMITER ',')"));
        exec("COPY " + t + " TO '" + parquet + "' (FORMAT PARQUET)");
        return types;
    }

    /** The narrowest integer type holding [min, max], alternating signed and unsigned kinds across columns. */
    static String narrowInteger(long min, long max, int k) {
        boolean unsigned = min >= 0 && k % 2 == 1;
        if (unsigned) return max <= 255 ? "UTINYINT" : max <= 65535 ? "USMALLINT" : max <= 4294967295L ? "UINTEGER" : "UBIGINT";
        if (min >= -128 && max <= 127) return "TINYINT";
        if (min >= -32768 && max <= 32767) return "SMALLINT";
        if (min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE) return "INTEGER";
        return "BIGINT";
    }

    static void exec(String sql) throws Exception {
        try (Statement s = db.createStatement()) { s.execute(sql); }
    }

    static JsonNode without(JsonNode n, String... keys) {
        JsonNode c = n.deepCopy();
        strip(c, Set.of(keys));
        return c;
    }

    private static void strip(JsonNode n, Set<String> keys) {
        if (n instanceof ObjectNode o) {
            o.remove(keys);
            o.forEach(child -> strip(child, keys));
        } else if (n.isArray()) {
            n.forEach(child -> strip(child, keys));
        }
    }

    static String firstLine(String s) { return s.strip().lines().findFirst().orElse(""); }

    static String[] concat(String[] a, String b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + 1);
        r[a.length] = b;
        return r;
    }
}
