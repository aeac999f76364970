package dev.thaw.bench.ingest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The peer for the ingest benchmark: DuckDB converting the same CSV to ZSTD Parquet.
 * Usage: {@code DuckDbCopy IN.csv OUT.parquet THREADS}. Prints wall seconds.
 */
public final class DuckDbCopy {
    public static void main(String[] args) throws Exception {
        String in = args[0], out = args[1];
        int threads = Integer.parseInt(args[2]);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads=" + threads);
            s.execute("SET preserve_insertion_order=true");
            long t0 = System.nanoTime();
            s.execute("COPY (SELECT * FROM read_csv('" + in.replace("'", "''") + "')) TO '" + out.replace("'", "''")
                    + "' (FORMAT parquet, COMPRESSION zstd)");
            System.out.printf("duckdb_copy_s=%.3f%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    private DuckDbCopy() {}
}
