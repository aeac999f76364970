package dev.thaw.ingest.format.huawei2025;

import dev.thaw.ingest.BadInputException;
import dev.thaw.ingest.RowDecoder;
import dev.thaw.ingest.TraceFormat;
import dev.thaw.ingest.batch.RowAppender;
import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.schema.TraceSchema;
import dev.thaw.ingest.source.SourceFile;
import dev.thaw.ingest.text.Fields;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Huawei Cloud 2025 per-function per-minute series ({@code quantiles/R<n>/<metric>/day_NN.csv}): one wide row per
 * minute with a column per funcID, turned into long form {@code (region, metric, day, time, funcID, value)}. Empty
 * cells (no data) produce no row. The metric is the file's folder name.
 */
public final class MinuteFormat implements TraceFormat {
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

    @Override public boolean matches(List<String> header) {
        return header.size() >= 3 && header.get(0).equals("day") && header.get(1).equals("time") && header.get(2).contains("---");
    }

    @Override public RowDecoder decoder(List<String> header, SourceFile file) {
        if (!matches(header)) throw BadInputException.ofFile(file.displayName(), "expected header day,time,<funcID>...; found " + header.subList(0, Math.min(4, header.size())), null);
        byte[][] funcs = new byte[header.size()][];
        for (int i = 2; i < header.size(); i++) funcs[i] = header.get(i).getBytes(StandardCharsets.UTF_8);
        byte[] region = HuaweiDerivations.bytes(file.hints().region());
        byte[] metric = HuaweiDerivations.bytes(file.hints().metric() == null ? "unknown" : file.hints().metric());
        return (Fields row, RowAppender out) -> {
            if (row.fieldCount() != header.size())
                throw new BadInputException(row.sourceName(), row.lineNumber(), null, null, "expected " + header.size() + " fields as in the header, found " + row.fieldCount());
            long day = row.getLong(0);
            double time = row.getDouble(1);
            for (int i = 2; i < funcs.length; i++) {
                if (row.isMissing(i)) continue;
                double v = row.getDouble(i);
                if (region != null) out.setString(0, region, 0, region.length);
                out.setString(1, metric, 0, metric.length);
                out.setLong(2, day);
                out.setDouble(3, time);
                out.setString(4, funcs[i], 0, funcs[i].length);
                out.setDouble(5, v);
                out.endRow();
            }
        };
    }
}
