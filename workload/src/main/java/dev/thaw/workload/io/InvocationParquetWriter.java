package dev.thaw.workload.io;

import dev.thaw.ingest.parquet.ParquetTableWriter;
import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.schema.TraceSchema;
import dev.thaw.ingest.write.AtomicFiles;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Streams generated invocations to a Parquet file through the ingest module's writer, a batch at a time (memory
 * independent of the number of events). Columns {@code time_s, function, duration_s}; format id
 * {@value #FORMAT_ID}. Written to a temporary sibling and moved into place by {@link #commit()}.
 */
public final class InvocationParquetWriter implements AutoCloseable {
    public static final String FORMAT_ID = "thaw-invocations";
    public static final TraceSchema SCHEMA = TraceSchema.of(ColumnSpec.float64("time_s", "arrival, s"),
            ColumnSpec.int64("function", "dense function index"), ColumnSpec.float64("duration_s", "execution time, s"));
    static final int BATCH = 1 << 16;

    private final Path target, temp;
    private final BufferAllocator allocator = new RootAllocator();
    private final VectorSchemaRoot root;
    private final Float8Vector time, duration;
    private final BigIntVector function;
    private final ParquetTableWriter writer;
    private int rows;
    private long written;
    private boolean done;

    public InvocationParquetWriter(Path target) {
        this.target = target;
        this.temp = AtomicFiles.tempSibling(target);
        this.writer = new ParquetTableWriter(temp, SCHEMA, FORMAT_ID);
        this.root = VectorSchemaRoot.create(SCHEMA.toArrow(), allocator);
        this.time = (Float8Vector) root.getVector(0);
        this.function = (BigIntVector) root.getVector(1);
        this.duration = (Float8Vector) root.getVector(2);
        time.allocateNew(BATCH);
        function.allocateNew(BATCH);
        duration.allocateNew(BATCH);
    }

    /** Appends events [from, from + count) of the three arrays. */
    public void write(double[] t, int[] f, double[] d, int from, int count) {
        for (int i = from; i < from + count; i++) {
            time.set(rows, t[i]);
            function.set(rows, f[i]);
            duration.set(rows, d[i]);
            if (++rows == BATCH) flush();
        }
    }

    public long rowsWritten() { return written + rows; }

    private void flush() {
        if (rows == 0) return;
        root.setRowCount(rows);
        writer.write(root);
        written += rows;
        rows = 0;
    }

    public void commit() {
        flush();
        writer.close();
        AtomicFiles.moveIntoPlace(temp, target);
        done = true;
        release();
    }

    @Override public void close() {
        if (done) return;
        try { writer.close(); } catch (RuntimeException ignored) { }
        AtomicFiles.deleteRecursively(temp);
        done = true;
        release();
    }

    private void release() {
        root.close();
        allocator.close();
    }
}
