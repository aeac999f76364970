package dev.thaw.ingest.format.huawei2023;

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
 * Huawei 2023 ("How Does It Function?") wide per-day files: {@code day, time, "0".."N-1"} with one column per
 * function index, as long form {@code (metric, day, time, function, value)}. The metric is the folder name
 * ({@code requests_minute}, {@code cpu_usage_second}, ...). Empty cells produce no row.
 */
public final class Huawei2023Format implements TraceFormat {
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

    @Override public boolean matches(List<String> header) {
        return header.size() >= 3 && header.get(0).equals("day") && header.get(1).equals("time") && header.get(2).matches("[0-9]+");
    }

    @Override public RowDecoder decoder(List<String> header, SourceFile file) {
        if (!matches(header)) throw BadInputException.ofFile(file.displayName(), "expected header day,time,0,1,...; found " + header.subList(0, Math.min(4, header.size())), null);
        byte[][] funcs = new byte[header.size()][];
        for (int i = 2; i < header.size(); i++) funcs[i] = header.get(i).getBytes(StandardCharsets.UTF_8);
        String m = file.hints().metric() == null ? "unknown" : file.hints().metric();
        byte[] metric = m.getBytes(StandardCharsets.UTF_8);
        return (Fields row, RowAppender out) -> {
            if (row.fieldCount() != header.size())
                throw new BadInputException(row.sourceName(), row.lineNumber(), null, null, "expected " + header.size() + " fields as in the header, found " + row.fieldCount());
            long day = row.getLong(0);
            double time = row.getDouble(1);
            for (int i = 2; i < funcs.length; i++) {
                if (row.isMissing(i)) continue;
                out.setString(0, metric, 0, metric.length);
                out.setLong(1, day);
                out.setDouble(2, time);
                out.setString(3, funcs[i], 0, funcs[i].length);
                out.setDouble(4, row.getDouble(i));
                out.endRow();
            }
        };
    }
}
