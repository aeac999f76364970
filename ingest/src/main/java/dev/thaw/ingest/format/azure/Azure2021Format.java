package dev.thaw.ingest.format.azure;

import static dev.thaw.ingest.format.SourceColumn.duration;
import static dev.thaw.ingest.format.SourceColumn.real;
import static dev.thaw.ingest.format.SourceColumn.text;

import dev.thaw.ingest.batch.RowAppender;
import dev.thaw.ingest.format.MappedFormat;
import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.source.SourceFile;
import dev.thaw.ingest.text.Fields;
import java.util.List;

/** Azure Functions 2021 per-invocation trace: {@code app, func, end_timestamp, duration} (s); start is derived. */
public final class Azure2021Format extends MappedFormat {
    public Azure2021Format() {
        super("azure-2021", "Azure Functions 2021 per-invocation trace (s); start = end_timestamp - duration",
                List.of(text("app", "app hash").notNull(), text("func", "function hash, unique within its app").notNull(),
                        real("end_timestamp", "end of the execution, s (shifted)").notNull(),
                        duration("duration", "execution time, s").notNull()),
                List.of(ColumnSpec.float64("start", "end_timestamp - duration, s")));
    }

    @Override public String timeColumn() { return "start"; }

    @Override protected Deriver deriver(List<String> header, SourceFile file) {
        return (Fields row, int[] idx, RowAppender out) -> out.setDouble(4, row.getDouble(idx[2]) - row.getDouble(idx[3]));
    }
}
