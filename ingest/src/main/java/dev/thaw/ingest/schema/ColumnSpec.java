package dev.thaw.ingest.schema;

/** One column of a trace table: its name, physical type, and a one-line meaning (with unit) for `thaw inspect`. */
public record ColumnSpec(String name, ColumnType type, String description) {
    public static ColumnSpec int64(String name, String description) { return new ColumnSpec(name, ColumnType.INT64, description); }
    public static ColumnSpec float64(String name, String description) { return new ColumnSpec(name, ColumnType.FLOAT64, description); }
    public static ColumnSpec string(String name, String description) { return new ColumnSpec(name, ColumnType.STRING, description); }
}
