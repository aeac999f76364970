package dev.thaw.ingest;

import dev.thaw.ingest.schema.TraceSchema;
import dev.thaw.ingest.source.SourceFile;
import java.util.List;

/** A columnar table thaw did not write (or whose format it does not know): read as is, nothing derived. */
final class TableFormat implements TraceFormat {
    private final TraceSchema schema;

    TableFormat(TraceSchema schema) { this.schema = schema; }

    @Override public String id() { return "table"; }
    @Override public String description() { return "a Parquet or Arrow table of unknown trace format"; }
    @Override public TraceSchema schema() { return schema; }
    @Override public boolean matches(List<String> header) { return false; }
    @Override public RowDecoder decoder(List<String> header, SourceFile source) {
        throw new UnsupportedOperationException("columnar tables are not decoded from text");
    }
}
