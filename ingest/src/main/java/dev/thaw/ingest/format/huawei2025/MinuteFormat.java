package dev.thaw.ingest.format.huawei2025;

import dev.thaw.ingest.format.WideDayFormat;
import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.schema.TraceSchema;
import dev.thaw.ingest.source.SourceFile;

/**
 * Huawei Cloud 2025 per-function per-minute series ({@code quantiles/R<n>/<metric>/day_NN.csv}): one wide row per
 * minute with a column per funcID, turned into long form {@code (region, metric, day, time, funcID, value)}. Empty
 * cells (no data) produce no row. The metric is the file's folder name.
 */
public final class MinuteFormat extends WideDayFormat {
    private static final TraceSchema SCHEMA = TraceSchema.of(
            ColumnSpec.string("region", "R1..R5, from the path"),
            ColumnSpec.string("metric", "metric folder, e.g. requests or totalCost_cold_start_quantile_050"),
            ColumnSpec.int64("day", "day 0..30"),
            ColumnSpec.float64("time", "minute start, s since dataset start"),
            ColumnSpec.string("funcID", "funcName---userID---poolName"),
            ColumnSpec.float64("value", "the metric's value in that minute"));

    @Override public String id() { return "huawei-2025-minute"; }
    @Override public String description() { return "Huawei Cloud 2025 per-minute wide series, as long form (funcID, minute, metric, value)"; }
    @Override public TraceSchema schema() { return SCHEMA; }
    @Override public String timeColumn() { return "time"; }
    @Override protected boolean isFunctionColumn(String name) { return name.contains("---"); }
    @Override protected String expectedHeader() { return "day,time,<funcID>..."; }

    @Override protected CellWriter cellWriter(SourceFile file) {
        byte[] region = utf8(file.hints().region());
        byte[] metric = utf8(file.hints().metric() == null ? "unknown" : file.hints().metric());
        return (out, day, time, function, value) -> {
            if (region != null) out.setString(0, region, 0, region.length);
            out.setString(1, metric, 0, metric.length);
            out.setLong(2, day);
            out.setDouble(3, time);
            out.setString(4, function, 0, function.length);
            out.setDouble(5, value);
        };
    }
}
