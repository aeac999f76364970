package dev.thaw.bench.ingest;

import dev.thaw.ingest.TraceReader;
import dev.thaw.ingest.Traces;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.arrow.vector.Float8Vector;

/**
 * Reads one numeric column of a thaw Parquet output on one thread and reports rows/s (best of several passes, after
 * a warm-up pass). Usage: {@code ParquetScanBench PARQUET [COLUMN] [PASSES]}.
 */
public final class ParquetScanBench {
    public static void main(String[] args) {
        Path p = Paths.get(args[0]);
        String column = args.length > 1 ? args[1] : "totalCost_cold_start";
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        double best = Double.MAX_VALUE;
        long rows = 0;
        double sum = 0;
        for (int pass = 0; pass < passes; pass++) {
            long t0 = System.nanoTime();
            rows = 0;
            sum = 0;
            try (TraceReader r = Traces.openColumns(p, List.of(column))) {
                while (r.next()) {
                    Float8Vector v = (Float8Vector) r.root().getVector(0);
                    int n = r.root().getRowCount();
                    for (int i = 0; i < n; i++) if (!v.isNull(i)) sum += v.get(i);
                    rows += n;
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (pass > 0) best = Math.min(best, s);
        }
        System.out.printf("scan_rows=%d scan_best_s=%.3f scan_rows_per_s=%.0f checksum=%.6f%n", rows, best, rows / best, sum);
    }

    private ParquetScanBench() {}
}
