package dev.thaw.workload.population;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.ingest.parquet.ParquetTableReader;
import dev.thaw.workload.io.InvocationParquetWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvocationParquetWriterTest {
    @Test void streamedEventsReadBackExactly(@TempDir Path tmp) throws Exception {
        List<FunctionProfile> fs = PopulationModel.defaults().withRates(1, 1).draw(300, 2);
        WindowedInvocationStream s = new WindowedInvocationStream(fs, 4, 0, 30);
        Path out = tmp.resolve("inv.parquet");
        double[] t = new double[2_000_000], d = new double[2_000_000];
        int[] f = new int[2_000_000];
        int n;
        try (InvocationParquetWriter w = new InvocationParquetWriter(out)) {
            n = s.fill(t, f, d, t.length);
            assertTrue(n > 20_000 && n < t.length, "events " + n);
            w.write(t, f, d, 0, n);
            w.commit();
        }
        try (ParquetTableReader r = new ParquetTableReader(out, null, 50_000); RootAllocator a = new RootAllocator(); VectorSchemaRoot root = r.newRoot(a)) {
            assertEquals(InvocationParquetWriter.FORMAT_ID, r.formatId());
            assertEquals(n, r.rowCount());
            int k = 0;
            while (r.next(root)) {
                Float8Vector time = (Float8Vector) root.getVector("time_s"), dur = (Float8Vector) root.getVector("duration_s");
                BigIntVector fn = (BigIntVector) root.getVector("function");
                for (int i = 0; i < root.getRowCount(); i++, k++) {
                    assertEquals(t[k], time.get(i));
                    assertEquals(f[k], fn.get(i));
                    assertEquals(d[k], dur.get(i));
                }
            }
            assertEquals(n, k);
        }
        try (var files = java.nio.file.Files.list(tmp)) { assertEquals(List.of(out), files.toList(), "no temporary left behind"); }
        assertTrue(Files.exists(out));
    }
}
