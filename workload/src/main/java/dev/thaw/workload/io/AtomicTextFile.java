package dev.thaw.workload.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A text file written to a temporary sibling and moved into place by {@link #commit()}; closing without committing
 * deletes the temporary, so a failure never leaves a half-written output.
 */
public final class AtomicTextFile implements AutoCloseable {
    private final Path target, tmp;
    private final BufferedWriter out;
    private boolean committed;

    public AtomicTextFile(Path target) throws IOException {
        this.target = target;
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        this.tmp = dev.thaw.ingest.write.TempFiles.register(Files.createTempFile(dir, "." + target.getFileName(), ".tmp"));
        this.out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
    }

    public Writer writer() { return out; }

    public AtomicTextFile line(CharSequence s) throws IOException {
        out.append(s).append('\n');
        return this;
    }

    public void commit() throws IOException {
        out.close();
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        dev.thaw.ingest.write.TempFiles.release(tmp);
    }

    @Override public void close() throws IOException {
        if (committed) return;
        out.close();
        Files.deleteIfExists(tmp);
        dev.thaw.ingest.write.TempFiles.release(tmp);
    }
}
