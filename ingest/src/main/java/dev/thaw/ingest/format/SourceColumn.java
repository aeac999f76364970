package dev.thaw.ingest.format;

import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.schema.ColumnType;

/**
 * A published column bound by header name. {@code required}: must be in the header. {@code nonNegative}: negative
 * values are errors (durations, sizes, counts). {@code nullable}: a row may leave it empty (empty, NaN, nan, null);
 * otherwise a missing value is an error.
 */
public record SourceColumn(ColumnSpec spec, boolean required, boolean nonNegative, boolean nullable) {
    public String name() { return spec.name(); }
    public ColumnType type() { return spec.type(); }

    public static SourceColumn real(String name, String description) { return new SourceColumn(ColumnSpec.float64(name, description), true, false, true); }
    public static SourceColumn duration(String name, String description) { return new SourceColumn(ColumnSpec.float64(name, description), true, true, true); }
    public static SourceColumn integer(String name, String description) { return new SourceColumn(ColumnSpec.int64(name, description), true, false, true); }
    public static SourceColumn count(String name, String description) { return new SourceColumn(ColumnSpec.int64(name, description), true, true, true); }
    public static SourceColumn text(String name, String description) { return new SourceColumn(ColumnSpec.string(name, description), true, false, true); }

    /** May be absent from the header (older copies of a trace). */
    public SourceColumn optional() { return new SourceColumn(spec, false, nonNegative, nullable); }

    /** Every row must have a value. */
    public SourceColumn notNull() { return new SourceColumn(spec, required, nonNegative, false); }
}
