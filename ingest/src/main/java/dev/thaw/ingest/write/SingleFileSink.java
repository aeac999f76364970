package dev.thaw.ingest.write;

import dev.thaw.ingest.schema.TraceSchema;
import java.nio.file.Path;
import org.apache.arrow.vector.VectorSchemaRoot;

/** One output file (named {@code x.parquet}, {@code x.arrow} or {@code x.csv}), written to a temporary name first. */
public final class SingleFileSink implements TableSink {
    private final Path target;
    private final Path temp;
    private final FileWriterOfKind writer;
    private boolean done;

    public SingleFileSink(Path target, OutputKind kind, TraceSchema schema, String formatId) {
        this.target = target;
        this.temp = AtomicFiles.tempSibling(target);
        this.writer = new FileWriterOfKind(temp, kind, schema, formatId);
    }

    @Override public void write(VectorSchemaRoot batch) { writer.write(batch, 0, batch.getRowCount()); }

    @Override public void commit() {
        writer.close();
        AtomicFiles.moveIntoPlace(temp, target);
        done = true;
    }

    @Override public void abort() {
        if (done) return;
        try { writer.close(); } catch (RuntimeException ignored) { }
        AtomicFiles.deleteRecursively(temp);
        done = true;
    }
}
