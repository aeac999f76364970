package dev.thaw.ingest.format.huawei2025;

import static dev.thaw.ingest.format.SourceColumn.duration;
import static dev.thaw.ingest.format.SourceColumn.integer;
import static dev.thaw.ingest.format.SourceColumn.real;
import static dev.thaw.ingest.format.SourceColumn.text;

import dev.thaw.ingest.batch.RowAppender;
import dev.thaw.ingest.format.MappedFormat;
import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.source.SourceFile;
import dev.thaw.ingest.text.Fields;
import java.util.List;
import java.util.Map;

/** Huawei Cloud 2025 per-request log (day 30, {@code per_request/R<n>/part-*.csv}). Frontend columns may be empty. */
public final class RequestFormat extends MappedFormat {
    public static final double SUM_TOLERANCE_S = 1e-6;
    private static final int TIME = 0, FUNC = 4, POD = 5, USER = 6, TOTAL = 7, WORKER = 8, RUNTIME = 9;
    private static final int REGION = 18, DAY = 19, POOL = 20, CPU = 21, MEM = 22, FUNC_ID = 23;

    public RequestFormat() {
        super("huawei-2025-request", "Huawei Cloud 2025 per-request log (day 30): execution, frontend costs, CPU and memory",
                List.of(duration("time_worker", "request time at the worker, s since dataset start").notNull(),
                        duration("time_frontend", "request time at the frontend, s"),
                        text("requestID", "request hash"),
                        integer("clusterName", "cluster 1..4"),
                        integer("funcName", "anonymised function name"),
                        text("podID", "pod that served the request"),
                        integer("userID", "anonymised user id"),
                        duration("totalCost_worker", "execution time = workerCost + runtimeCost, s"),
                        duration("workerCost", "worker overhead, s"),
                        duration("runtimeCost", "function runtime, s"),
                        duration("totalCost_frontend", "end-to-end time at the frontend, s"),
                        duration("frontendCost", "frontend processing, s"),
                        duration("busCost", "bus transfer, s"),
                        duration("readBodyCost", "reading the request body, s"),
                        duration("writeRspCost", "writing the response, s"),
                        duration("cpu_usage", "pod CPU use over the request, cores"),
                        duration("memory_usage", "pod memory use, MiB"),
                        duration("requestBodySize", "request body, bytes")),
                List.of(ColumnSpec.string("region", "R1..R5, from the folder or archive name"),
                        ColumnSpec.int64("day", "floor(time_worker / 86400)"),
                        ColumnSpec.string("poolName", "first three tokens of podID"),
                        ColumnSpec.int64("cpuLimitMillicores", "pod CPU limit, millicores"),
                        ColumnSpec.int64("memLimitMb", "pod memory limit, MB"),
                        ColumnSpec.string("funcID", "funcName---userID---poolName")));
    }

    /** Region from the path, keys from the row, violation counts: nothing carried between rows. */
    @Override public boolean rowsDecodeIndependently() { return true; }

    @Override public String timeColumn() { return "time_worker"; }

    @Override protected Deriver deriver(List<String> header, SourceFile file) {
        HuaweiDerivations.RegionSource region = HuaweiDerivations.RegionSource.of(header, file, null);
        HuaweiDerivations keys = new HuaweiDerivations();
        return new Deriver() {
            long sumViolations;

            @Override public void derive(Fields row, int[] idx, RowAppender out) {
                region.write(row, out, REGION);
                out.setLong(DAY, (long) Math.floor(row.getDouble(idx[TIME]) / 86400.0));
                keys.derive(row, idx[POD], idx[FUNC], idx[USER], out, POOL, CPU, MEM, FUNC_ID);
                if (!row.isMissing(idx[TOTAL]) && !row.isMissing(idx[WORKER]) && !row.isMissing(idx[RUNTIME])) {
                    double d = row.getDouble(idx[TOTAL]) - row.getDouble(idx[WORKER]) - row.getDouble(idx[RUNTIME]);
                    if (Math.abs(d) > SUM_TOLERANCE_S) sumViolations++;
                }
            }

            @Override public Map<String, Long> violations() { return Map.of("worker_plus_runtime_equals_total", sumViolations); }
        };
    }
}
