package dev.thaw.ingest.format.azure;

import static dev.thaw.ingest.format.SourceColumn.count;
import static dev.thaw.ingest.format.SourceColumn.duration;
import static dev.thaw.ingest.format.SourceColumn.text;

import dev.thaw.ingest.format.MappedFormat;
import dev.thaw.ingest.format.SourceColumn;
import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/** Azure Functions 2019 execution-time percentiles per function and day (ms; exclude cold-start time). */
public final class Azure2019DurationsFormat extends MappedFormat {
    public Azure2019DurationsFormat() {
        super("azure-2019-durations", "Azure Functions 2019 per-function execution time statistics (ms)", columns(),
                List.of(ColumnSpec.int64("day", "day of the trace, from the file name")));
    }

    private static List<SourceColumn> columns() {
        List<SourceColumn> c = new ArrayList<>(List.of(text("HashOwner", "owner hash"), text("HashApp", "app hash"),
                text("HashFunction", "function hash"), duration("Average", "mean execution time, ms"),
                count("Count", "executions"), duration("Minimum", "ms"), duration("Maximum", "ms")));
        for (String p : List.of("0", "1", "25", "50", "75", "99", "100"))
            c.add(duration("percentile_Average_" + p, "weighted percentile of 30 s averages, ms"));
        return c;
    }

    @Override protected Deriver deriver(List<String> header, SourceFile file) { return DayHint.of(file, sourceColumns().size()); }
}
