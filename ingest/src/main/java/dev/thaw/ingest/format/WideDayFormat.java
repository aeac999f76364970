package dev.thaw.ingest.format;

import dev.thaw.ingest.BadInputException;
import dev.thaw.ingest.RowDecoder;
import dev.thaw.ingest.TraceFormat;
import dev.thaw.ingest.batch.RowAppender;
import dev.thaw.ingest.source.SourceFile;
import dev.thaw.ingest.text.Fields;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Wide per-day files ({@code day, time, <one column per function>}, one row per minute or second) read as long
 * rows, one per non-empty cell. Subclasses say which header names are function columns and where the keys go.
 */
public abstract class WideDayFormat implements TraceFormat {

    /** Writes one long row's columns (the caller ends the row). */
    protected interface CellWriter {
        void write(RowAppender out, long day, double time, byte[] function, double value);
    }

    /** True for a header name that is a function column (the third column is checked for detection). */
    protected abstract boolean isFunctionColumn(String name);

    /** How a file of this format is laid out, for error messages. */
    protected abstract String expectedHeader();

    /** The per-file writer (it may close over the file's region or metric). */
    protected abstract CellWriter cellWriter(SourceFile file);

    @Override public boolean matches(List<String> header) {
        return header.size() >= 3 && header.get(0).equals("day") && header.get(1).equals("time") && isFunctionColumn(header.get(2));
    }

    @Override public RowDecoder decoder(List<String> header, SourceFile file) {
        if (!matches(header))
            throw BadInputException.ofFile(file.displayName(), "expected header " + expectedHeader() + "; found " + header.subList(0, Math.min(4, header.size())), null);
        byte[][] functions = new byte[header.size()][];
        for (int i = 2; i < header.size(); i++) functions[i] = header.get(i).getBytes(StandardCharsets.UTF_8);
        CellWriter writer = cellWriter(file);
        return (Fields row, RowAppender out) -> {
            if (row.fieldCount() != header.size())
                throw new BadInputException(row.sourceName(), row.lineNumber(), null, null, "expected " + header.size() + " fields as in the header, found " + row.fieldCount());
            long day = row.getLong(0);
            double time = row.getDouble(1);
            for (int i = 2; i < functions.length; i++) {
                if (row.isMissing(i)) continue;
                writer.write(out, day, time, functions[i], row.getDouble(i));
                out.endRow();
            }
        };
    }

    protected static byte[] utf8(String s) { return s == null ? null : s.getBytes(StandardCharsets.UTF_8); }
}
