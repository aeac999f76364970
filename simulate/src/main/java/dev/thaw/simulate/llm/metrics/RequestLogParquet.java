package dev.thaw.simulate.llm.metrics;

import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.schema.TraceSchema;
import dev.thaw.ingest.write.OutputKind;
import dev.thaw.ingest.write.SingleFileSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes a {@link RequestLog} as Parquet (or Arrow IPC) through the ingest module's writers: same columns as the
 * CSV, times as nullable doubles (null where the event did not happen), written to a temporary file and renamed.
 */
public final class RequestLogParquet {
    /** Format id stored in the file's metadata. */
    public static final String FORMAT_ID = "thaw-llm-requests";
    public static final TraceSchema SCHEMA = TraceSchema.of(
            ColumnSpec.int64("request_id", "request id from the trace"),
            ColumnSpec.float64("arrival_s", "arrival, seconds on the trace clock"),
            ColumnSpec.int64("prompt_tokens", "prompt tokens"),
            ColumnSpec.int64("output_tokens", "output tokens requested"),
            ColumnSpec.float64("queued_s", "time the request entered a replica queue, s"),
            ColumnSpec.float64("scheduled_s", "first time scheduled, s"),
            ColumnSpec.float64("first_token_s", "first token, s"),
            ColumnSpec.float64("finish_s", "last token, s"),
            ColumnSpec.int64("replica", "data-parallel replica that finished it"),
            ColumnSpec.int64("preemptions", "times preempted (recompute)"),
            ColumnSpec.int64("cached_prompt_tokens", "prompt tokens served from the prefix cache"),
            ColumnSpec.string("status", "done or rejected"),
            ColumnSpec.string("reject_reason", "why a request was rejected"));

    private RequestLogParquet() {}

    public static void write(RequestLog log, Path out, OutputKind kind) {
        int n = log.size();
        try (BufferAllocator alloc = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA.toArrow(), alloc)) {
            root.allocateNew();
            for (int i = 0; i < n; i++) {
                ((BigIntVector) root.getVector(0)).setSafe(i, log.requestId()[i]);
                dbl(root, 1, i, log.arrivalS()[i]);
                ((BigIntVector) root.getVector(2)).setSafe(i, log.promptTokens()[i]);
                ((BigIntVector) root.getVector(3)).setSafe(i, log.outputTokens()[i]);
                dbl(root, 4, i, log.queuedS()[i]);
                dbl(root, 5, i, log.scheduledS()[i]);
                dbl(root, 6, i, log.firstTokenS()[i]);
                dbl(root, 7, i, log.finishS()[i]);
                ((BigIntVector) root.getVector(8)).setSafe(i, log.replica()[i]);
                ((BigIntVector) root.getVector(9)).setSafe(i, log.preemptions()[i]);
                ((BigIntVector) root.getVector(10)).setSafe(i, log.cachedPromptTokens()[i]);
                String status = log.rejectReason()[i] != null ? "rejected" : log.completed(i) ? "done" : "unfinished";
                ((VarCharVector) root.getVector(11)).setSafe(i, status.getBytes(StandardCharsets.UTF_8));
                if (log.rejectReason()[i] != null) ((VarCharVector) root.getVector(12)).setSafe(i, log.rejectReason()[i].getBytes(StandardCharsets.UTF_8));
                else ((VarCharVector) root.getVector(12)).setNull(i);
            }
            root.setRowCount(n);
            try (SingleFileSink sink = new SingleFileSink(out, kind, SCHEMA, FORMAT_ID)) {
                sink.write(root);
                sink.commit();
            }
        }
    }

    private static void dbl(VectorSchemaRoot root, int col, int i, double v) {
        Float8Vector f = (Float8Vector) root.getVector(col);
        if (Double.isNaN(v)) f.setNull(i); else f.setSafe(i, v);
    }
}
