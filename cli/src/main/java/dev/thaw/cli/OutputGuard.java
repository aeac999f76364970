package dev.thaw.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Refuses output paths that would destroy something: the input itself, a folder holding an input, or an existing
 * non-empty folder thaw did not write (thaw marks the folders it writes with {@value #MARKER}). One line before the
 * work ({@code OutputGuard.folder(out, paths)} or {@code OutputGuard.file(out, paths)}) and, for a folder, one after
 * it ({@code OutputGuard.written(out)}). A refusal is an {@link IllegalArgumentException}: exit 2.
 */
public final class OutputGuard {
    /** The file that says "thaw wrote this folder": a later run may replace or add to it. */
    public static final String MARKER = ".thaw-output";

    private OutputGuard() {}

    /** An output file: not one of the inputs, not an existing folder. */
    public static Path file(Path out, Collection<?> inputs) {
        Path abs = out.toAbsolutePath().normalize();
        refuseInput(out, abs, inputs, false);
        if (Files.isDirectory(abs)) throw new IllegalArgumentException("output " + out + " is an existing folder; name a file");
        Path parent = abs.getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent))
            throw new IllegalArgumentException("output " + out + ": " + parent + " is a file, not a folder");
        return out;
    }

    /** An output that is a file or a folder depending on its name ({@code isFile}). */
    public static Path fileOrFolder(Path out, Collection<?> inputs, boolean isFile) {
        return isFile ? file(out, inputs) : folder(out, inputs);
    }

    /** An output folder: not an input nor holding one, and either absent, empty, or written by thaw before. */
    public static Path folder(Path out, Collection<?> inputs) {
        Path abs = out.toAbsolutePath().normalize();
        refuseInput(out, abs, inputs, true);
        if (Files.exists(abs) && !Files.isDirectory(abs))
            throw new IllegalArgumentException("output " + out + " is an existing file; name a folder (or a file name the command writes, e.g. .parquet)");
        if (Files.isDirectory(abs) && !isEmpty(abs) && !Files.exists(abs.resolve(MARKER)))
            throw new IllegalArgumentException("output folder " + out + " exists, is not empty and was not written by thaw (no " + MARKER
                    + "): remove it or choose another -o");
        Path parent = abs.getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent))
            throw new IllegalArgumentException("output " + out + ": " + parent + " is a file, not a folder");
        return out;
    }

    /** Marks a folder thaw has just written, so a later run may write into it again. */
    public static void written(Path folder) {
        try {
            if (Files.isDirectory(folder) && !Files.exists(folder.resolve(MARKER)))
                Files.writeString(folder.resolve(MARKER), "written by thaw; a later thaw run may replace this folder\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve(MARKER), e);
        }
    }

    private static void refuseInput(Path out, Path abs, Collection<?> inputs, boolean folder) {
        if (inputs == null) return;
        for (Object o : inputs) {
            if (o == null) continue;
            String s = o.toString();
            if (s.contains("*") || s.contains("?") || s.contains("[") || s.contains("{")) s = s.substring(0, Math.max(0, s.lastIndexOf('/', firstGlob(s)) + 1));
            if (s.isEmpty()) s = ".";
            Path in = Path.of(s).toAbsolutePath().normalize();
            boolean same = in.equals(abs);
            try {
                if (!same && Files.exists(in) && Files.exists(abs)) same = Files.isSameFile(in, abs);
            } catch (IOException ignored) {
                // unreadable: the comparison of names stands
            }
            if (same) throw new IllegalArgumentException("output " + out + " is the input " + o + ": choose another -o");
            if (folder && in.startsWith(abs))
                throw new IllegalArgumentException("output folder " + out + " holds the input " + o + ": choose another -o");
        }
    }

    private static int firstGlob(String s) {
        int i = s.length();
        for (char c : new char[] {'*', '?', '[', '{'}) { int k = s.indexOf(c); if (k >= 0) i = Math.min(i, k); }
        return i;
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    static List<Object> inputs(Object... in) { return java.util.Arrays.asList(in); }
}
