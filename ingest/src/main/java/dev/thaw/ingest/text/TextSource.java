package dev.thaw.ingest.text;

import dev.thaw.ingest.BadInputException;
import dev.thaw.ingest.source.SourceFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Opens a source as rows: JSON lines when its first character is '{', CSV otherwise. */
public final class TextSource implements AutoCloseable {
    private final Fields fields;
    private final AutoCloseable closer;
    private final List<String> header;

    private TextSource(Fields fields, AutoCloseable closer, List<String> header) {
        this.fields = fields;
        this.closer = closer;
        this.header = header;
    }

    public static TextSource open(SourceFile file) {
        if (dev.thaw.ingest.source.SourceResolver.isTableName(file.leafName())) {  // another tool's Parquet or Arrow
            ColumnarCells c = ColumnarCells.open(file);
            return new TextSource(c, c, c.readHeader());
        }
        InputStream raw = file.open();
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        try {
            in.mark(64);
            int c;
            do { c = in.read(); } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF);
            in.reset();
            if (c == '{') {
                JsonlCursor j = new JsonlCursor(in, file.displayName());
                return new TextSource(j, j, j.readHeader());
            }
            CsvCursor csv = new CsvCursor(in, file.displayName());
            return new TextSource(csv, csv, csv.readHeader());
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            closeQuietly(in);
            throw BadInputException.ofFile(file.displayName(), "truncated or corrupt compressed input (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            closeQuietly(in);
            throw BadInputException.ofFile(file.displayName(), "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    private static void closeQuietly(InputStream in) { try { in.close(); } catch (IOException ignored) { } }

    public List<String> header() { return header; }
    public Fields fields() { return fields; }

    public boolean nextRow() {
        if (fields instanceof ColumnarCells c) return c.nextRow();
        return fields instanceof CsvCursor c ? c.nextRow() : ((JsonlCursor) fields).nextRow();
    }

    @Override public void close() {
        try { closer.close(); } catch (Exception ignored) { }
    }
}
