package dev.thaw.ingest.source;

import dev.thaw.ingest.BadInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One readable unit of a trace: a plain file, a gzip file, or one member of a zip archive read in place.
 * {@code hints} carries what only the path tells (region, day, metric folder).
 */
public record SourceFile(Path path, String member, PathHints hints) {

    /** A name for messages and reports: {@code archive.zip!member/path.csv} for zip members. */
    public String displayName() { return member == null ? path.toString() : path + "!" + member; }

    public String leafName() {
        String n = member == null ? path.getFileName().toString() : member.substring(member.lastIndexOf('/') + 1);
        return n;
    }

    public boolean isGzip() { return leafName().endsWith(".gz"); }

    public long sizeBytes() {
        try {
            if (member == null) return Files.size(path);
            try (ZipFile z = new ZipFile(path.toFile())) {
                ZipEntry e = z.getEntry(member);
                return e == null ? -1 : e.getSize();
            }
        } catch (IOException e) {
            return -1;
        }
    }

    /** Opens the decompressed bytes. The caller closes the stream (which closes the archive). */
    public InputStream open() {
        try {
            InputStream raw;
            if (member == null) {
                raw = Files.newInputStream(path);
            } else {
                ZipFile zip = new ZipFile(path.toFile());
                ZipEntry e = zip.getEntry(member);
                if (e == null) { zip.close(); throw BadInputException.ofFile(displayName(), "no such zip member", null); }
                InputStream in = zip.getInputStream(e);
                raw = new InputStream() {
                    @Override public int read() throws IOException { return in.read(); }
                    @Override public int read(byte[] b, int off, int len) throws IOException { return in.read(b, off, len); }
                    @Override public void close() throws IOException { try { in.close(); } finally { zip.close(); } }
                };
            }
            if (!isGzip()) {
                // gzip content under another name (a .csv that is really .csv.gz): recognised by its magic bytes
                BufferedInputStream peek = new BufferedInputStream(raw, 1 << 16);
                peek.mark(2);
                int b0 = peek.read(), b1 = peek.read();
                peek.reset();
                if (b0 != 0x1f || b1 != 0x8b) return peek;
                raw = peek;
            }
            {
                try {
                    return new GZIPInputStream(new BufferedInputStream(raw, 1 << 16), 1 << 16);
                } catch (IOException e) {
                    raw.close();
                    throw BadInputException.ofFile(displayName(), "not a valid gzip file (" + e.getMessage() + ")", e);
                }
            }
        } catch (IOException e) {
            throw BadInputException.ofFile(displayName(), "cannot open: " + e.getMessage(), e);
        }
    }
}
