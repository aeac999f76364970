package dev.thaw.ingest.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every temporary file or folder a run has open, so that a run stopped by SIGTERM or Ctrl-C leaves nothing behind:
 * the shutdown hook ({@link #installShutdownHook()}, installed by the {@code thaw} command) deletes what is still
 * registered. Temporaries live beside their output ({@link #beside}), never in the system temp folder, so the final
 * rename is atomic and a user sees where they come from. Writers in every module register here (this is the lowest
 * module); {@link AtomicFiles#tempSibling} does it for them.
 */
public final class TempFiles {
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;
    private static volatile boolean shuttingDown;

    private TempFiles() {}

    /** A fresh, registered temporary path beside {@code target} (nothing is created). */
    public static Path beside(Path target) { return register(AtomicFiles.tempSibling(target)); }

    /** A fresh, registered temporary folder beside {@code target}, created. */
    public static Path folderBeside(Path target) {
        Path p = beside(target);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + p, e);
        }
        return p;
    }

    public static Path register(Path temp) {
        Path abs = temp.toAbsolutePath();
        if (shuttingDown) throw new IllegalStateException("shutting down: no new temporary files");
        LIVE.add(abs);
        return temp;
    }

    /** The temporary became an output (renamed) or was deleted: the hook no longer owns it. */
    public static void release(Path temp) { LIVE.remove(temp.toAbsolutePath()); }

    /** Deletes {@code temp} (file or folder) and releases it. */
    public static void delete(Path temp) {
        try {
            AtomicFiles.deleteRecursively(temp);
        } finally {
            release(temp);
        }
    }

    /** The temporaries registered now (tests assert none is left). */
    public static List<Path> live() { return new ArrayList<>(LIVE); }

    /** True once the JVM is shutting down: writers must not rename a temporary into place any more. */
    public static boolean shuttingDown() { return shuttingDown; }

    /** Deletes every registered temporary; best effort (the JVM is going away). */
    public static void deleteAll() {
        for (Path p : new ArrayList<>(LIVE)) {
            try {
                AtomicFiles.deleteRecursively(p);
            } catch (RuntimeException ignored) {
                // a writer may still hold it open; on Linux the unlink succeeds anyway
            }
            LIVE.remove(p);
        }
    }

    /** Installs (once) the hook that deletes the registered temporaries on SIGTERM, SIGINT or exit. */
    public static synchronized void installShutdownHook() {
        if (hookInstalled) return;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shuttingDown = true;
            deleteAll();
        }, "thaw-temp-cleanup"));
        hookInstalled = true;
    }
}
