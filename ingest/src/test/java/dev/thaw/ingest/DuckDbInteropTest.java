package dev.thaw.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.ingest.kit.FormatFixture;
import dev.thaw.ingest.kit.Rows;
import dev.thaw.ingest.write.Ingest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * thaw's Parquet must read the same in other tools: DuckDB (JDBC driver, test scope) sees the same rows, types,
 * values and nulls as thaw's own reader, and the same aggregates.
 */
class DuckDbInteropTest {
    @TempDir static Path tmp;
    static Connection db;

    @BeforeAll static void open() throws SQLException { db = DriverManager.getConnection("jdbc:duckdb:"); }

    @AfterAll static void close() throws SQLException { db.close(); }

    static List<List<Object>> query(String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<List<Object>> out = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= md.getColumnCount(); c++) row.add(normalise(rs.getObject(c)));
                out.add(row);
            }
            return out;
        }
    }

    static Object normalise(Object o) {
        if (o instanceof Integer i) return (long) i;
        if (o instanceof java.math.BigInteger b) return b.longValue();
        if (o instanceof java.math.BigDecimal d) return d.doubleValue();
        return o;
    }

    static Object one(String sql) throws SQLException { return query(sql).get(0).get(0); }

    static String parquet(Path p) { return "read_parquet('" + p.toString().replace("'", "''") + "')"; }

    static double median(List<Object> column) {
        double[] v = column.stream().filter(Objects::nonNull).mapToDouble(o -> ((Number) o).doubleValue()).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static double sum(List<Object> column) {
        double s = 0;
        for (Object o : column) if (o != null) s += ((Number) o).doubleValue();
        return s;
    }

    @Test
    void azureCodeTraceReadsTheSameInDuckDb() throws SQLException {
        Path out = tmp.resolve("code.parquet");
        Ingest.run(List.of(TestData.dataset("llm-traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv").toString()), out,
                Ingest.Options.defaults(), null);
        Rows thaw = Rows.read(out);
        String t = parquet(out);

        assertEquals(List.of(List.of("arrival_s", "DOUBLE"), List.of("prompt_tokens", "BIGINT"), List.of("output_tokens", "BIGINT")),
                query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + t + ")"));
        assertEquals(8819L, one("SELECT count(*) FROM " + t));
        assertEquals(8819, thaw.size());
        assertEquals(1469.0, median(thaw.column("prompt_tokens")));
        assertEquals(median(thaw.column("prompt_tokens")), ((Number) one("SELECT median(prompt_tokens) FROM " + t)).doubleValue());
        assertEquals(median(thaw.column("output_tokens")), ((Number) one("SELECT median(output_tokens) FROM " + t)).doubleValue());
        assertEquals((long) sum(thaw.column("prompt_tokens")), one("SELECT sum(prompt_tokens) FROM " + t));
        assertEquals(new HashSet<>(thaw.column("prompt_tokens")).size(), ((Number) one("SELECT count(DISTINCT prompt_tokens) FROM " + t)).intValue());
        assertEquals(new HashSet<>(thaw.column("arrival_s")).size(), ((Number) one("SELECT count(DISTINCT arrival_s) FROM " + t)).intValue());
        // Row by row, in file order, bit for bit.
        assertEquals(thaw.rows(), query("SELECT arrival_s, prompt_tokens, output_tokens FROM " + t));
        // Written as promised: ZSTD column chunks, except arrival times (unique doubles ZSTD shrinks by less than a
        // tenth), stored uncompressed; one row group (well under the ~1M rows of a group).
        String meta = "parquet_metadata('" + out.toString().replace("'", "''") + "')";
        assertEquals(List.of(List.of("arrival_s", "UNCOMPRESSED"), List.of("output_tokens", "ZSTD"), List.of("prompt_tokens", "ZSTD")),
                query("SELECT DISTINCT path_in_schema, compression FROM " + meta + " ORDER BY 1"));
        assertEquals(1L, one("SELECT count(DISTINCT row_group_id) FROM " + meta));
    }

    @Test
    void huaweiColdStartsReadTheSameInDuckDbNullsAndStringsIncluded() throws SQLException {
        FormatFixture fixture = FormatFixture.byFormat().get("huawei-2025-coldstart");
        Path excerpt = TestData.dataset("huawei-2025/excerpts/cold_start_all_regions_head_tail.csv");
        Path out = tmp.resolve("cold.parquet");
        Ingest.Result r = Ingest.run(List.of(fixture.path().toString(), excerpt.toString()), out, Ingest.Options.defaults(), null);
        assertEquals(15, r.rowsOut());
        Rows thaw = Rows.read(out);
        String t = parquet(out);

        Map<String, String> types = new LinkedHashMap<>();
        for (List<Object> row : query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + t + ")"))
            types.put((String) row.get(0), (String) row.get(1));
        assertEquals(thaw.columns(), List.copyOf(types.keySet()));
        assertEquals("VARCHAR", types.get("funcID"));
        assertEquals("DOUBLE", types.get("totalCost_cold_start"));
        assertEquals("BIGINT", types.get("cpuLimitMillicores"));

        assertEquals(15L, one("SELECT count(*) FROM " + t));
        assertEquals(sum(thaw.column("totalCost_cold_start")), ((Number) one("SELECT sum(totalCost_cold_start) FROM " + t)).doubleValue(), 1e-12);
        assertEquals(median(thaw.column("totalCost_cold_start")), ((Number) one("SELECT median(totalCost_cold_start) FROM " + t)).doubleValue(), 1e-12);
        assertEquals(new HashSet<>(thaw.column("funcID")).size(), ((Number) one("SELECT count(DISTINCT funcID) FROM " + t)).intValue());
        assertEquals(thaw.column("clusterName").stream().filter(Objects::isNull).count(), one("SELECT count(*) FROM " + t + " WHERE clusterName IS NULL"));
        assertEquals(1L, one("SELECT count(*) FROM " + t + " WHERE clusterName IS NULL"));
        // The excerpt holds the first five rows (Region 1) and the last five (Region 5); the fixture is Region 2.
        assertEquals(List.of(List.of("R1", 5L), List.of("R2", 5L), List.of("R5", 5L)),
                query("SELECT region, count(*) FROM " + t + " GROUP BY region ORDER BY region"));
        assertEquals("9a1f0c2e,quoted", one("SELECT requestID FROM " + t + " WHERE time = 345599.998"));
        // Every cell, in file order.
        assertEquals(thaw.rows(), query("SELECT * FROM " + t));
    }

    @ParameterizedTest
    @ValueSource(strings = {"huawei-2025/excerpts/cold_start_all_regions_head_tail.csv", "huawei-2025/excerpts/region5_per_request_day30_head_tail.csv"})
    void partitionedOutputReadsAsOneHiveDatasetInDuckDb(String dataset) throws SQLException {
        Path excerpt = TestData.dataset(dataset);
        Path out = tmp.resolve("parts-" + excerpt.getFileName().toString().replace(".csv", ""));
        Ingest.Result r = Ingest.run(List.of(excerpt.toString()), out, Ingest.Options.defaults(), null);
        for (Path f : r.outputs()) assertTrue(out.relativize(f).toString().matches("region=[^/]+/day=[0-9]+/part-[0-9]+\\.parquet"), "partitioned by region and day: " + f);
        Rows thaw = Rows.read(out);
        String glob = out.toString().replace("'", "''") + "/**/*.parquet";
        List<List<Object>> duck = query("SELECT * FROM read_parquet('" + glob + "', hive_partitioning = true)");
        assertEquals(thaw.size(), duck.size());
        List<String> duckCols = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM read_parquet('" + glob + "', hive_partitioning = true) LIMIT 0")) {
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) duckCols.add(rs.getMetaData().getColumnName(c));
        }
        assertEquals(new HashSet<>(thaw.columns()), new HashSet<>(duckCols), "no column twice, none lost");
        assertEquals(new HashSet<>(thaw.column("region")), new HashSet<>(query("SELECT region FROM read_parquet('" + glob + "', hive_partitioning = true)").stream().map(x -> x.get(0)).toList()), "region, null included");
        assertEquals(new HashSet<>(thaw.column("day")), new HashSet<>(query("SELECT day FROM read_parquet('" + glob + "', hive_partitioning = true)").stream().map(x -> x.get(0)).toList()), "day");
        // Compare as sets of rows keyed by column name (partition columns may come last in DuckDB).
        List<String> thawRows = new ArrayList<>(), duckRows = new ArrayList<>();
        for (List<Object> row : thaw.rows()) thawRows.add(keyed(thaw.columns(), row));
        for (List<Object> row : duck) duckRows.add(keyed(duckCols, row));
        thawRows.sort(null);
        duckRows.sort(null);
        assertEquals(thawRows, duckRows);
    }

    static String keyed(List<String> cols, List<Object> row) {
        String[] parts = new String[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            Object v = row.get(i);
            if (v instanceof Number n && !(v instanceof Double)) v = n.longValue();
            parts[i] = cols.get(i) + "=" + v;
        }
        Arrays.sort(parts);
        return String.join(",", parts);
    }
}
