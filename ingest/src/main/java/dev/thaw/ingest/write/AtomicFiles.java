package dev.thaw.ingest.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** Write-to-temporary-then-rename, so a failed run never leaves a half-written output where the user looks. */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** A fresh temporary sibling of {@code target} (same folder, so the final rename is atomic). */
    public static Path tempSibling(Path target) {
        Path abs = target.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + abs.getParent(), e);
        }
        // Registered, so the shutdown hook removes it if the run is interrupted before the rename.
        return TempFiles.register(abs.resolveSibling("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime()));
    }

    /** Replaces {@code target} (file or folder) by {@code temp}. */
    public static void moveIntoPlace(Path temp, Path target) {
        if (TempFiles.shuttingDown()) throw new IllegalStateException("interrupted: " + target + " not written");
        try {
            if (Files.isDirectory(target)) {
                Path old = tempSibling(target);
                Files.move(target, old);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                deleteRecursively(old);
                TempFiles.release(old);
            } else {
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + temp + " to " + target, e);
        }
        TempFiles.release(temp);
    }

    public static void deleteRecursively(Path p) {
        if (p == null) return;
        TempFiles.release(p);
        if (!Files.exists(p)) return;
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException { Files.delete(f); return FileVisitResult.CONTINUE; }
                @Override public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException { Files.delete(d); return FileVisitResult.CONTINUE; }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p, e);
        }
    }
}
