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

/**
 * Writes Arrow batches to an Arrow IPC file (the random-access "Feather v2" layout), tagged with the format id.
 * Batches are handed over without copying, and Arrow only moves buffers between allocators of one root: so the
 * writer's staging root is made on the first batch, under a child of that batch's root allocator.
 */
public final class ArrowTableWriter implements AutoCloseable {
    public static final String FORMAT_KEY = "thaw.format";
    private final Path path;
    private final FileChannel channel;
    private final Schema schema;
    private BufferAllocator allocator;
    private VectorSchemaRoot staging;
    private ArrowFileWriter writer;

    public ArrowTableWriter(Path path, TraceSchema schema, String formatId) {
        this.path = path;
        this.schema = new Schema(schema.toArrow().getFields(), Map.of(FORMAT_KEY, formatId));
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    private void start(BufferAllocator root) {
        allocator = root.newChildAllocator("arrow-writer " + path.getFileName(), 0, Long.MAX_VALUE);
        staging = VectorSchemaRoot.create(schema, allocator);
        writer = new ArrowFileWriter(staging, null, channel);
        try {
            writer.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** Appends a whole batch (its schema must match). */
    public void write(VectorSchemaRoot batch) {
        if (writer == null) start(batch.getFieldVectors().get(0).getAllocator().getRoot());
        try (ArrowRecordBatch rb = new VectorUnloader(batch).getRecordBatch()) {
            new VectorLoader(staging).load(rb);
            writer.writeBatch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void close() {
        RootAllocator own = null;
        if (writer == null) start(own = new RootAllocator()); // no batch: still a valid file with the schema
        try {
            writer.end();
            writer.close();
            staging.close();
            channel.close();
            allocator.close();
            if (own != null) own.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
