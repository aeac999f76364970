package dev.thaw.ingest.format.huawei2025;

import static dev.thaw.ingest.format.SourceColumn.integer;
import static dev.thaw.ingest.format.SourceColumn.text;

import dev.thaw.ingest.batch.RowAppender;
import dev.thaw.ingest.format.MappedFormat;
import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.source.SourceFile;
import dev.thaw.ingest.text.Fields;
import java.util.List;

/** Huawei Cloud 2025 function metadata (Region 2): runtime and trigger types per funcID. */
public final class MetadataFormat extends MappedFormat {
    public MetadataFormat() {
        super("huawei-2025-meta", "Huawei Cloud 2025 function metadata: CPU request, runtime, triggers per funcID",
                List.of(text("funcID", "funcName---userID---poolName").notNull(),
                        integer("cpu_request", "requested CPU, millicores"),
                        text("runtime", "language runtime (Python3, Java, Node.js, ...)"),
                        text("triggerType-invocationType", "space-separated sorted <trigger>-<S|A> list")),
                List.of(ColumnSpec.string("region", "from the path; the published table is Region 2")));
    }

    @Override public boolean matches(List<String> header) {
        return super.matches(header) && !header.contains("time") && !header.contains("podID");
    }

    @Override protected Deriver deriver(List<String> header, SourceFile file) {
        // The published metadata table is Region 2's.
        HuaweiDerivations.RegionSource region = HuaweiDerivations.RegionSource.of(header, file, "R2");
        return (Fields row, int[] idx, RowAppender out) -> region.write(row, out, 4);
    }
}
