package dev.thaw.bench.analysis;

import dev.thaw.analysis.coldstart.ColdStartAggregator;
import dev.thaw.analysis.coldstart.ColdStartReport;
import dev.thaw.analysis.coldstart.Component;
import dev.thaw.analysis.coldstart.Dimension;
import dev.thaw.analysis.coldstart.SyntheticColdStarts;
import dev.thaw.analysis.table.ResultTable;
import dev.thaw.ingest.TraceReader;
import dev.thaw.ingest.Traces;
import dev.thaw.ingest.parquet.ParquetTableWriter;
import dev.thaw.ingest.schema.TraceSchema;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;

/**
 * Issue 3, acceptance 2: the cold-start summary by region and pool (count, mean, p50, p99 of the total and each
 * component; dependency zeros left out) over a Parquet file, thaw (one scan thread: ingest's Parquet reader +
 * {@link ColdStartAggregator}) against DuckDB's exact {@code quantile_cont} in the same run, then a check that
 * both agree (thaw's quantiles within the sketch's 1% bound of DuckDB's).
 *
 * <p>Usage: {@code ColdStartSummaryBench PARQUET [PASSES] [DUCKDB_THREADS] [ROWS_IF_MISSING]}. A missing file is
 * generated first (deterministic {@link SyntheticColdStarts}, seed 42). Reports wall time (best pass after a
 * warm-up), the scanning thread's CPU time, rows/s/core and the thaw/DuckDB wall-time ratio.
 */
public final class ColdStartSummaryBench {
    static final List<String> COLUMNS = List.of("region", "poolName", "totalCost_cold_start", "podAllocationCost", "deployCodeCost",
            "deployDependencyCost", "schedulingCost");

    public static void main(String[] args) throws Exception {
        Path file = Paths.get(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int duckThreads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        long genRows = args.length > 3 ? Long.parseLong(args[3]) : 10_000_000L;
        if (!Files.exists(file)) generate(file, genRows);

        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double bestWall = Double.MAX_VALUE, bestCpu = Double.MAX_VALUE, bestAggCpu = Double.MAX_VALUE;
        long rows = 0;
        ResultTable thaw = null;
        for (int p = 0; p <= passes; p++) {
            long w0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime(), agg = 0;
            ColdStartAggregator a = ColdStartAggregator.summaryOnly(List.of(Dimension.REGION, Dimension.POOL));
            rows = 0;
            try (TraceReader r = Traces.openColumns(file, COLUMNS)) {
                while (r.next()) {
                    long a0 = mx.getCurrentThreadCpuTime();
                    a.accept(r.root());
                    agg += mx.getCurrentThreadCpuTime() - a0;
                    rows += r.root().getRowCount();
                }
            }
            thaw = new ColdStartReport(a).groupTable(List.of(Dimension.REGION, Dimension.POOL));
            double wall = (System.nanoTime() - w0) / 1e9, cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            System.out.printf("thaw pass %d: wall %.3f s, cpu %.3f s (aggregation %.3f s), %d rows, %d groups%n", p, wall, cpu, agg / 1e9, rows, thaw.size());
            if (p > 0) { bestWall = Math.min(bestWall, wall); bestCpu = Math.min(bestCpu, cpu); bestAggCpu = Math.min(bestAggCpu, agg / 1e9); }
        }

        String sql = duckSql(file);
        double duckBest = Double.MAX_VALUE;
        List<Object[]> duck = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads=" + duckThreads);
            for (int p = 0; p <= passes; p++) {
                duck.clear();
                long w0 = System.nanoTime();
                try (ResultSet rs = s.executeQuery(sql)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Object[] row = new Object[n];
                        for (int i = 0; i < n; i++) row[i] = rs.getObject(i + 1);
                        duck.add(row);
                    }
                }
                double wall = (System.nanoTime() - w0) / 1e9;
                System.out.printf("duckdb pass %d (threads=%d): wall %.3f s, %d groups%n", p, duckThreads, wall, duck.size());
                if (p > 0) duckBest = Math.min(duckBest, wall);
            }
        }

        double maxRel = compare(thaw, duck);
        System.out.printf("rows=%d thaw_wall_s=%.3f thaw_cpu_s=%.3f thaw_agg_cpu_s=%.3f thaw_rows_per_s_per_core=%.0f thaw_agg_rows_per_s_per_core=%.0f%n",
                rows, bestWall, bestCpu, bestAggCpu, rows / bestCpu, rows / bestAggCpu);
        System.out.printf("duckdb_threads=%d duckdb_wall_s=%.3f ratio_thaw_over_duckdb_wall=%.3f (goal <= 1) max_quantile_rel_diff=%.5f (bound %.2f)%n",
                duckThreads, duckBest, bestWall / duckBest, maxRel, 0.01);
    }

    static String duckSql(Path file) {
        StringBuilder sb = new StringBuilder("SELECT region, poolName, count(*) AS n");
        for (Component c : Component.ALL) {
            String col = c.column(), filter = c.skipsZeros() ? " FILTER (WHERE " + col + " <> 0)" : "";
            sb.append(", avg(").append(col).append(')').append(filter)
              .append(", quantile_cont(").append(col).append(", [0.5, 0.99])").append(filter);
        }
        return sb.append(" FROM read_parquet('").append(file.toString().replace("'", "''"))
                .append("') GROUP BY region, poolName ORDER BY region, poolName").toString();
    }

    /** Largest relative difference of thaw's p50/p99 from DuckDB's; also checks counts and means. */
    static double compare(ResultTable thaw, List<Object[]> duck) throws Exception {
        double maxRel = 0;
        for (Object[] d : duck) {
            int r = thaw.find(d[0], d[1]);
            if (r < 0) throw new IllegalStateException("thaw lacks group " + d[0] + "/" + d[1]);
            if (((Number) d[2]).longValue() != (long) thaw.number(r, "count")) throw new IllegalStateException("count differs for " + d[0] + "/" + d[1]);
            int i = 3;
            for (Component c : Component.ALL) {
                double mean = ((Number) d[i++]).doubleValue();
                if (Math.abs(mean - thaw.number(r, c.column() + "_mean")) > 1e-9 * Math.abs(mean)) throw new IllegalStateException("mean differs: " + c);
                Object[] q = (Object[]) ((java.sql.Array) d[i++]).getArray();
                double[] qs = {((Number) q[0]).doubleValue(), ((Number) q[1]).doubleValue()};
                double[] ts = {thaw.number(r, c.column() + "_p50"), thaw.number(r, c.column() + "_p99")};
                for (int k = 0; k < 2; k++) maxRel = Math.max(maxRel, Math.abs(ts[k] - qs[k]) / Math.max(1e-6, Math.abs(qs[k])));
            }
        }
        return maxRel;
    }

    static void generate(Path file, long rows) throws Exception {
        System.out.printf("generating %d synthetic cold starts into %s%n", rows, file);
        long t0 = System.nanoTime();
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (RootAllocator a = new RootAllocator();
             SyntheticColdStarts src = new SyntheticColdStarts(rows, 65_536, 42, a);
             ParquetTableWriter w = new ParquetTableWriter(file, TraceSchema.fromArrow(SyntheticColdStarts.SCHEMA), "huawei-2025-coldstart")) {
            while (src.next()) w.write(src.root());
        }
        System.out.printf("generated in %.1f s (%d MB)%n", (System.nanoTime() - t0) / 1e9, Files.size(file) >> 20);
    }

    private ColdStartSummaryBench() {}
}
