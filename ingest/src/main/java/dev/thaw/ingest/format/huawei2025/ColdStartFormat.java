package dev.thaw.ingest.format.huawei2025;

import static dev.thaw.ingest.format.SourceColumn.duration;
import static dev.thaw.ingest.format.SourceColumn.integer;
import static dev.thaw.ingest.format.SourceColumn.text;

import dev.thaw.ingest.batch.RowAppender;
import dev.thaw.ingest.format.MappedFormat;
import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.source.SourceFile;
import dev.thaw.ingest.text.Fields;
import java.util.List;
import java.util.Map;

/** Huawei Cloud 2025 cold starts ({@code cold_start/R<n>/day_NN.csv}): one row per new pod. */
public final class ColdStartFormat extends MappedFormat {
    /** The published identity: the four components sum to the total within this many seconds. */
    public static final double SUM_TOLERANCE_S = 1e-6;
    private static final int TOTAL = 6, POD = 11, FUNC = 3, USER = 4;
    private static final int REGION = 12, POOL = 13, CPU = 14, MEM = 15, FUNC_ID = 16;

    public ColdStartFormat() {
        super("huawei-2025-coldstart", "Huawei Cloud 2025 cold starts: one row per pod started, with four cost components (s)",
                List.of(integer("day", "day 0..30 of the dataset").notNull(),
                        duration("time", "cold-start time, s since dataset start").notNull(),
                        integer("clusterName", "cluster 1..4"),
                        integer("funcName", "anonymised function name"),
                        integer("userID", "anonymised user id"),
                        text("requestID", "hash of the request that caused the scale-up (not unique)"),
                        duration("totalCost_cold_start", "cold-start time, s").notNull(),
                        duration("podAllocationCost", "pod allocation, s").notNull(),
                        duration("deployCodeCost", "code deployment, s").notNull(),
                        duration("deployDependencyCost", "dependency deployment, s (0 without layers)").notNull(),
                        duration("schedulingCost", "scheduling and networking residual, s").notNull(),
                        text("podID", "pool<idx>-<cpu>-<mem>-<seq>").notNull()),
                List.of(ColumnSpec.string("region", "R1..R5, from the folder or archive name"),
                        ColumnSpec.string("poolName", "first three tokens of podID"),
                        ColumnSpec.int64("cpuLimitMillicores", "pod CPU limit, millicores"),
                        ColumnSpec.int64("memLimitMb", "pod memory limit, MB"),
                        ColumnSpec.string("funcID", "funcName---userID---poolName")));
    }

    /** Region from the path, keys from the row, violation counts: nothing carried between rows. */
    @Override public boolean rowsDecodeIndependently() { return true; }

    @Override public String timeColumn() { return "time"; }

    @Override protected Deriver deriver(List<String> header, SourceFile file) {
        HuaweiDerivations.RegionSource region = HuaweiDerivations.RegionSource.of(header, file, null);
        HuaweiDerivations keys = new HuaweiDerivations();
        return new Deriver() {
            long sumViolations;

            @Override public void derive(Fields row, int[] idx, RowAppender out) {
                region.write(row, out, REGION);
                keys.derive(row, idx[POD], idx[FUNC], idx[USER], out, POOL, CPU, MEM, FUNC_ID);
                // The cost columns are required and already parsed into this row: read them back, not the text.
                double total = out.getDouble(TOTAL);
                double sum = out.getDouble(7) + out.getDouble(8) + out.getDouble(9) + out.getDouble(10);
                if (Math.abs(total - sum) > SUM_TOLERANCE_S) sumViolations++;
            }

            @Override public Map<String, Long> violations() { return Map.of("components_sum_to_total", sumViolations); }
        };
    }
}
