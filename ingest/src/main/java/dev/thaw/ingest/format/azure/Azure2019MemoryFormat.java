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

/** Azure Functions 2019 committed memory percentiles per app and day (MB). Column order varies: bound by name. */
public final class Azure2019MemoryFormat extends MappedFormat {
    public Azure2019MemoryFormat() {
        super("azure-2019-memory", "Azure Functions 2019 per-app allocated memory statistics (MB)", columns(),
                List.of(ColumnSpec.int64("day", "day of the trace, from the file name")));
    }

    private static List<SourceColumn> columns() {
        List<SourceColumn> c = new ArrayList<>(List.of(text("HashOwner", "owner hash"), text("HashApp", "app hash"),
                text("HashFunction", "function hash (some copies)").optional(),
                count("SampleCount", "samples"), duration("AverageAllocatedMb", "mean allocated memory, MB")));
        for (String p : List.of("1", "5", "25", "50", "75", "95", "99", "100"))
            c.add(duration("AverageAllocatedMb_pct" + p, "percentile of allocated memory, MB"));
        return c;
    }

    @Override protected Deriver deriver(List<String> header, SourceFile file) { return DayHint.of(file, sourceColumns().size()); }
}
