package dev.thaw.ingest;

import dev.thaw.ingest.batch.RowAppender;
import dev.thaw.ingest.schema.ColumnType;
import dev.thaw.ingest.schema.TraceSchema;
import dev.thaw.ingest.source.SourceFile;
import dev.thaw.ingest.text.Fields;
import java.util.List;

/**
 * The CSV that {@code thaw ingest -o X.csv} writes: a format's own table (its schema's columns, derived ones
 * included) rather than the published layout. It keeps the format's id, so every command treats it as that format;
 * each cell is parsed by its column's type with the usual per-cell errors.
 */
final class ThawCsvFormat implements TraceFormat {
    private final TraceFormat of;

    ThawCsvFormat(TraceFormat of) { this.of = of; }

    /** The thaw CSV of a known format whose schema is exactly this header, or null. */
    static ThawCsvFormat matching(List<String> header) {
        for (TraceFormat f : Formats.all()) if (f.schema().names().equals(header)) return new ThawCsvFormat(f);
        return null;
    }

    @Override public String id() { return of.id(); }
    @Override public String description() { return of.description() + " (as thaw writes it to CSV)"; }
    @Override public TraceSchema schema() { return of.schema(); }
    @Override public boolean matches(List<String> header) { return of.schema().names().equals(header); }
    @Override public String timeColumn() { return of.timeColumn(); }

    @Override public RowDecoder decoder(List<String> header, SourceFile source) {
        if (!matches(header)) throw BadInputException.ofFile(source.displayName(), "header " + header + " is not thaw's " + of.id() + " table " + of.schema().names(), null);
        TraceSchema s = of.schema();
        ColumnType[] types = new ColumnType[s.size()];
        for (int i = 0; i < types.length; i++) types[i] = s.column(i).type();
        return (Fields row, RowAppender out) -> {
            for (int i = 0; i < types.length; i++) {
                if (row.isMissing(i)) continue;
                switch (types[i]) {
                    case FLOAT64 -> out.setDouble(i, row.getDouble(i));
                    case INT64 -> out.setLong(i, row.getLong(i));
                    case STRING -> out.setString(i, row.buffer(), row.start(i), row.length(i));
                }
            }
            out.endRow();
        };
    }
}
