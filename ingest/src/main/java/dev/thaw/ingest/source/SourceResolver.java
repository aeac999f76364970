package dev.thaw.ingest.source;

import dev.thaw.ingest.BadInputException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Expands what a user names (a file, a .gz, a .zip read in place, a folder, or a glob such as
 * {@code cold_start/R2/*.csv}) into the ordered list of sources to read. Order is by path, so results are the
 * same on every machine.
 */
public final class SourceResolver {
    private SourceResolver() {}

    public static boolean isTraceName(String name) {
        String n = name.toLowerCase();
        if (n.endsWith(".gz")) n = n.substring(0, n.length() - 3);
        return n.endsWith(".csv") || n.endsWith(".jsonl") || n.endsWith(".txt");
    }

    public static boolean isTableName(String name) {
        String n = name.toLowerCase();
        return n.endsWith(".parquet") || n.endsWith(".arrow") || n.endsWith(".arrows") || n.endsWith(".feather");
    }

    public static List<SourceFile> resolve(String spec) {
        if (spec.contains("*") || spec.contains("?") || spec.contains("[")) return glob(spec);
        return resolve(Paths.get(spec));
    }

    public static List<SourceFile> resolve(Path path) {
        if (Files.isDirectory(path)) return folder(path);
        if (!Files.exists(path)) throw BadInputException.ofFile(path, "no such file or folder");
        if (path.getFileName().toString().toLowerCase().endsWith(".zip")) return zipMembers(path);
        return List.of(new SourceFile(path, null, PathHints.of(path.toAbsolutePath().toString())));
    }

    private static List<SourceFile> folder(Path dir) {
        List<SourceFile> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") || n.startsWith("_")) continue; // _SUCCESS, .crc files of Spark output
                if (n.toLowerCase().endsWith(".zip")) out.addAll(zipMembers(p));
                else if (isTraceName(n) || isTableName(n)) out.add(new SourceFile(p, null, PathHints.of(p.toAbsolutePath().toString())));
            }
        } catch (IOException e) {
            throw BadInputException.ofFile(dir, "cannot list folder: " + e.getMessage());
        }
        if (out.isEmpty()) throw BadInputException.ofFile(dir, "folder holds no trace files (.csv, .jsonl, .gz, .zip, .parquet, .arrow)");
        return out;
    }

    private static List<SourceFile> glob(String spec) {
        String norm = spec.replace('\\', '/');
        int firstMeta = indexOfAny(norm, "*?[");
        int slash = norm.lastIndexOf('/', firstMeta);
        Path base = slash < 0 ? Paths.get(".") : Paths.get(norm.substring(0, Math.max(slash, 1)));
        String pattern = slash < 0 ? norm : norm.substring(slash + 1);
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<SourceFile> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(base)) {
            for (Path p : s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
                if (!m.matches(base.relativize(p))) continue;
                out.addAll(resolve(p));
            }
        } catch (IOException e) {
            throw BadInputException.ofFile(base, "cannot list: " + e.getMessage());
        }
        if (out.isEmpty()) throw BadInputException.ofFile(Paths.get(spec), "glob matches no file");
        return out;
    }

    private static int indexOfAny(String s, String chars) {
        int best = s.length();
        for (char c : chars.toCharArray()) { int i = s.indexOf(c); if (i >= 0) best = Math.min(best, i); }
        return best;
    }

    /** Members of a zip, refusing any that would escape the archive ({@code ..} or absolute paths). */
    public static List<SourceFile> zipMembers(Path zip) {
        List<SourceFile> out = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> en = z.entries();
            List<String> names = new ArrayList<>();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                String name = e.getName();
                if (isUnsafeMember(name))
                    throw BadInputException.ofFile(zip + "!" + name, "refusing zip member with '..' or an absolute path", null);
                if (e.isDirectory()) continue;
                String leaf = name.substring(name.lastIndexOf('/') + 1);
                if (leaf.startsWith(".") || leaf.startsWith("_") || name.startsWith("__MACOSX/")) continue;
                if (isTraceName(leaf)) names.add(name);
            }
            names.sort(null);
            String zipPath = zip.toAbsolutePath().toString();
            for (String n : names) out.add(new SourceFile(zip, n, PathHints.of(zipPath + "/" + n)));
        } catch (ZipException e) {
            throw BadInputException.ofFile(zip.toString(), "not a readable zip archive, truncated or corrupt (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw BadInputException.ofFile(zip.toString(), "cannot read zip: " + e.getMessage(), e);
        }
        if (out.isEmpty()) throw BadInputException.ofFile(zip, "zip archive holds no trace files");
        return out;
    }

    static boolean isUnsafeMember(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) return true;
        for (String part : n.split("/")) if (part.equals("..")) return true;
        return false;
    }
}
