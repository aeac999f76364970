package dev.thaw.ingest.arrow;

import dev.thaw.ingest.schema.TraceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.types.pojo.Schema;

/** Writes Arrow batches to an Arrow IPC file (the random-access "Feather v2" layout), tagged with the format id. */
public final class ArrowTableWriter implements AutoCloseable {
    public static final String FORMAT_KEY = "thaw.format";
    private final FileChannel channel;
    private final BufferAllocator allocator = new RootAllocator();
    private final VectorSchemaRoot staging;
    private final ArrowFileWriter writer;

    public ArrowTableWriter(Path path, TraceSchema schema, String formatId) {
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            Schema s = new Schema(schema.toArrow().getFields(), Map.of(FORMAT_KEY, formatId));
            staging = VectorSchemaRoot.create(s, allocator);
            writer = new ArrowFileWriter(staging, null, channel);
            writer.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    /** Appends a whole batch (its schema must match). */
    public void write(VectorSchemaRoot batch) {
        try (ArrowRecordBatch rb = new VectorUnloader(batch).getRecordBatch()) {
            new VectorLoader(staging).load(rb);
            writer.writeBatch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void close() {
        try {
            writer.end();
            writer.close();
            staging.close();
            channel.close();
            allocator.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
