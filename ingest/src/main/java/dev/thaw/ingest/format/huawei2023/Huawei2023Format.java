package dev.thaw.ingest.format.huawei2023;

import dev.thaw.ingest.format.WideDayFormat;
import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.schema.TraceSchema;
import dev.thaw.ingest.source.SourceFile;

/**
 * Huawei 2023 ("How Does It Function?") wide per-day files: {@code day, time, "0".."N-1"} with one column per
 * function index, as long form {@code (metric, day, time, function, value)}. The metric is the folder name
 * ({@code requests_minute}, {@code cpu_usage_second}, ...). Empty cells produce no row.
 */
public final class Huawei2023Format extends WideDayFormat {
    private static final TraceSchema SCHEMA = TraceSchema.of(
            ColumnSpec.string("metric", "metric folder, e.g. requests_minute"),
            ColumnSpec.int64("day", "day number"),
            ColumnSpec.float64("time", "absolute time, s"),
            ColumnSpec.string("function", "function index column"),
            ColumnSpec.float64("value", "the metric's value"));

    @Override public String id() { return "huawei-2023"; }
    @Override public String description() { return "Huawei 2023 private/public wide per-day files, as long form (function, time, metric, value)"; }
    @Override public TraceSchema schema() { return SCHEMA; }
    @Override public String timeColumn() { return "time"; }
    @Override protected boolean isFunctionColumn(String name) { return name.matches("[0-9]+"); }
    @Override protected String expectedHeader() { return "day,time,0,1,..."; }

    @Override protected CellWriter cellWriter(SourceFile file) {
        byte[] metric = utf8(file.hints().metric() == null ? "unknown" : file.hints().metric());
        return (out, day, time, function, value) -> {
            out.setString(0, metric, 0, metric.length);
            out.setLong(1, day);
            out.setDouble(2, time);
            out.setString(3, function, 0, function.length);
            out.setDouble(4, value);
        };
    }
}
