package dev.thaw.bench.ingest;

import dev.thaw.ingest.OnError;
import dev.thaw.ingest.TraceReader;
import dev.thaw.ingest.Traces;
import dev.thaw.ingest.parquet.ParquetTableWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where ingest time goes, in CPU seconds of one thread (robust to a loaded machine): parsing the CSV alone, then
 * parsing and writing Parquet in the same thread. Usage: {@code IngestStages IN.csv OUT.parquet [parse]}.
 */
public final class IngestStages {
    public static void main(String[] args) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Traces.Plan plan = Traces.plan(args[0], null);
        if (args.length > 2 && args[2].equals("parse")) { // parse only, for a profiler
            for (int round = 0; round < 4; round++) {
                long c0 = mx.getCurrentThreadCpuTime(), rows = 0;
                try (TraceReader r = Traces.open(plan.groups().get(0), OnError.FAIL, false)) {
                    while (r.next()) rows += r.root().getRowCount();
                }
                System.out.printf("rows=%d parse_cpu_s=%.2f%n", rows, (mx.getCurrentThreadCpuTime() - c0) / 1e9);
            }
            return;
        }
        for (int round = 0; round < 2; round++) {
            long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime(), rows = 0;
            try (TraceReader r = Traces.open(plan.groups().get(0), OnError.FAIL, false)) {
                while (r.next()) rows += r.root().getRowCount();
            }
            long c1 = mx.getCurrentThreadCpuTime(), w1 = System.nanoTime();
            Path out = Path.of(args[1]);
            Files.deleteIfExists(out);
            try (TraceReader r = Traces.open(plan.groups().get(0), OnError.FAIL, false);
                 ParquetTableWriter w = new ParquetTableWriter(out, r.format().schema(), r.format().id(),
                         org.apache.parquet.hadoop.metadata.CompressionCodecName.valueOf(System.getProperty("codec", "ZSTD")))) {
                while (r.next()) w.write(r.root());
            }
            long c2 = mx.getCurrentThreadCpuTime(), w2 = System.nanoTime();
            System.out.printf("rows=%d parse_cpu_s=%.2f parse_wall_s=%.2f write_cpu_s=%.2f (parse+write cpu %.2f, wall %.2f, all threads' cpu incl. compressors may add)%n",
                    rows, (c1 - c0) / 1e9, (w1 - w0) / 1e9, (c2 - c1 - (c1 - c0)) / 1e9, (c2 - c1) / 1e9, (w2 - w1) / 1e9);
        }
    }

    private IngestStages() {}
}
