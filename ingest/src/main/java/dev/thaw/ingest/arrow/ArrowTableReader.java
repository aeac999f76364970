package dev.thaw.ingest.arrow;

import dev.thaw.ingest.BadInputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;

/** Reads an Arrow IPC file batch by batch. */
public final class ArrowTableReader implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final ArrowFileReader reader;

    public ArrowTableReader(Path path, BufferAllocator allocator) {
        this.path = path;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            reader = new ArrowFileReader(channel, allocator);
            reader.getVectorSchemaRoot(); // reads the schema now, so a bad file fails here
        } catch (IOException | RuntimeException e) {
            throw BadInputException.ofFile(path.toString(), "not a readable Arrow IPC file (" + e.getMessage() + ")", e);
        }
    }

    public VectorSchemaRoot root() {
        try { return reader.getVectorSchemaRoot(); } catch (IOException e) { throw BadInputException.ofFile(path.toString(), e.getMessage(), e); }
    }

    public String formatId() { return root().getSchema().getCustomMetadata() == null ? null : root().getSchema().getCustomMetadata().get(ArrowTableWriter.FORMAT_KEY); }

    public boolean next() {
        try {
            return reader.loadNextBatch();
        } catch (IOException e) {
            throw BadInputException.ofFile(path.toString(), "corrupt Arrow batch (" + e.getMessage() + ")", e);
        }
    }

    @Override public void close() {
        try { reader.close(); channel.close(); } catch (IOException ignored) { }
    }
}
