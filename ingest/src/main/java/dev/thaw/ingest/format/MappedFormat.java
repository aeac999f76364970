package dev.thaw.ingest.format;

import dev.thaw.ingest.BadInputException;
import dev.thaw.ingest.RowDecoder;
import dev.thaw.ingest.TraceFormat;
import dev.thaw.ingest.batch.RowAppender;
import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.schema.TraceSchema;
import dev.thaw.ingest.source.SourceFile;
import dev.thaw.ingest.text.Fields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A format whose rows map one-to-one onto output rows: published columns bound by name, checked and typed, then
 * derived columns computed by a per-file {@link Deriver}. Most formats are this plus a few lines.
 */
public abstract class MappedFormat implements TraceFormat {
    private final String id;
    private final String description;
    private final List<SourceColumn> source;
    private final TraceSchema schema;

    protected MappedFormat(String id, String description, List<SourceColumn> source, List<ColumnSpec> derived) {
        this.id = id;
        this.description = description;
        this.source = List.copyOf(source);
        List<ColumnSpec> all = new ArrayList<>();
        for (SourceColumn c : source) all.add(c.spec());
        all.addAll(derived);
        this.schema = new TraceSchema(all);
    }

    @Override public String id() { return id; }
    @Override public String description() { return description; }
    @Override public TraceSchema schema() { return schema; }
    public List<SourceColumn> sourceColumns() { return source; }

    @Override public boolean matches(List<String> header) {
        for (SourceColumn c : source) if (c.required() && !header.contains(c.name())) return false;
        return true;
    }

    /** Computes derived columns of one row; positions of source columns in the file are in {@code idx}. */
    public interface Deriver {
        void derive(Fields row, int[] idx, RowAppender out);
        default Map<String, Long> violations() { return Map.of(); }
    }

    protected Deriver deriver(List<String> header, SourceFile file) { return (row, idx, out) -> { }; }

    @Override public RowDecoder decoder(List<String> header, SourceFile file) {
        int[] idx = new int[source.size()];
        List<String> missing = new ArrayList<>();
        for (int k = 0; k < source.size(); k++) {
            idx[k] = header.indexOf(source.get(k).name());
            if (idx[k] < 0 && source.get(k).required()) missing.add(source.get(k).name());
        }
        if (!missing.isEmpty())
            throw BadInputException.ofFile(file.displayName(), "header lacks column(s) " + missing + " of format " + id
                    + " (expected " + source.stream().map(SourceColumn::name).toList() + ", found " + header + ")", null);
        return new Decoder(header.size(), idx, deriver(header, file));
    }

    private final class Decoder implements RowDecoder {
        private final int width;
        private final int[] idx;
        private final Deriver deriver;

        Decoder(int width, int[] idx, Deriver deriver) {
            this.width = width;
            this.idx = idx;
            this.deriver = deriver;
        }

        @Override public void decode(Fields row, RowAppender out) {
            if (row.fieldCount() != width)
                throw new BadInputException(row.sourceName(), row.lineNumber(), null, null,
                        "expected " + width + " fields as in the header, found " + row.fieldCount());
            for (int k = 0; k < idx.length; k++) {
                int p = idx[k];
                SourceColumn c = source.get(k);
                if (p < 0 || row.isMissing(p)) {
                    if (!c.nullable()) throw row.bad(p, "expected a value for " + c.name() + ", found it missing");
                    continue; // stays null
                }
                switch (c.type()) {
                    case FLOAT64 -> {
                        double v = row.getDouble(p);
                        if (c.nonNegative() && !(v >= 0)) throw row.bad(p, "expected a non-negative value (" + c.spec().description() + ")");
                        out.setDouble(k, v);
                    }
                    case INT64 -> {
                        long v = row.getLong(p);
                        if (c.nonNegative() && v < 0) throw row.bad(p, "expected a non-negative integer");
                        out.setLong(k, v);
                    }
                    case STRING -> out.setString(k, row.buffer(), row.start(p), row.length(p));
                }
            }
            deriver.derive(row, idx, out);
            out.endRow();
        }

        @Override public Map<String, Long> violations() { return new LinkedHashMap<>(deriver.violations()); }
    }
}
