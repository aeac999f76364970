package dev.thaw.simulate.search;

import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.schema.TraceSchema;
import dev.thaw.ingest.write.OutputKind;
import dev.thaw.ingest.write.SingleFileSink;
import dev.thaw.simulate.llm.Slo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The ranked plans of a search as a table for reports: one row per simulated plan, best first, as CSV, Parquet or
 * Arrow IPC (Parquet and Arrow through the ingest module's writers). Written to a temporary file and renamed.
 */
public final class RankingTable {
    public static final String FORMAT_ID = "thaw-plan-ranking";
    public static final TraceSchema SCHEMA = TraceSchema.of(
            ColumnSpec.int64("rank", "1 = best under the objective"),
            ColumnSpec.string("plan", "dp=D,tp=T,pp=P[,ep=E] as in thaw simulate --plan"),
            ColumnSpec.string("gpu", "GPU catalog id"),
            ColumnSpec.int64("gpus", "GPUs used"),
            ColumnSpec.int64("nodes", "nodes"),
            ColumnSpec.string("stage_layers", "layers per pipeline stage, slash-separated"),
            ColumnSpec.string("weights", "weight format"),
            ColumnSpec.string("kv", "KV cache format"),
            ColumnSpec.string("engine", "engine profile"),
            ColumnSpec.int64("max_num_seqs", "max_num_seqs"),
            ColumnSpec.int64("max_batched_tokens", "token budget / chunk size"),
            ColumnSpec.string("router", "router across data-parallel replicas"),
            ColumnSpec.string("objective", "objective name"),
            ColumnSpec.float64("value", "objective value in its unit"),
            ColumnSpec.float64("ttft_mean_ms", "mean time to first token, ms"),
            ColumnSpec.float64("ttft_p99_ms", "p99 time to first token, ms"),
            ColumnSpec.float64("tpot_mean_ms", "mean time per output token, ms"),
            ColumnSpec.float64("tpot_p99_ms", "p99 time per output token, ms"),
            ColumnSpec.float64("e2e_p99_s", "p99 end-to-end latency, s"),
            ColumnSpec.float64("output_tok_per_s", "output tokens per second over the makespan"),
            ColumnSpec.float64("goodput_req_per_s", "requests per second meeting both SLOs"),
            ColumnSpec.float64("energy_j_per_token", "energy per output token, J"),
            ColumnSpec.float64("cost_usd_per_m_tokens", "cost per million output tokens, $"),
            ColumnSpec.int64("rejected", "requests rejected"),
            ColumnSpec.int64("kv_capacity_tokens", "KV cache capacity per replica, tokens"),
            ColumnSpec.float64("weights_gib_per_gpu", "weights on the fullest GPU, GiB"),
            ColumnSpec.float64("utilisation", "estimated busy share of the GPUs over the makespan"));

    private RankingTable() {}

    /** Writes by file name: {@code .csv} CSV, {@code .arrow} Arrow IPC, anything else Parquet. */
    public static void write(List<PlanOutcome> ranking, Objective o, Slo slo, Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) csv(ranking, o, slo, out);
        else columnar(ranking, o, slo, out, name.endsWith(".arrow") ? OutputKind.ARROW : OutputKind.PARQUET);
    }

    private static Object[] row(int rank, PlanOutcome p, Objective o, Slo slo) {
        Candidate c = p.candidate();
        Figures f = p.figures();
        Stats t = Stats.of(f.ttftS()), d = Stats.of(f.tpotS()), e = Stats.of(f.e2eS());
        return new Object[] {(long) rank, c.plan(), c.cluster().gpu(), (long) c.gpus(), (long) c.cluster().nodes(),
                String.join("/", c.stageLayers().stream().map(String::valueOf).toList()), c.weights().id(), c.kv().id(), c.engine(),
                (long) c.maxNumSeqs(), (long) c.maxBatchedTokens(), c.router(), o.name(), o.value(f), t.mean() * 1e3, t.p99() * 1e3,
                d.mean() * 1e3, d.p99() * 1e3, e.p99(), f.outputTokensPerS(), f.goodputReqPerS(slo), f.energyPerTokenJ(),
                f.costPerMillionTokensUsd(), (long) f.rejected(), p.kvCapacityTokens(), p.weightsGibPerGpu(), p.utilisation()};
    }

    private static void csv(List<PlanOutcome> ranking, Objective o, Slo slo, Path out) {
        StringBuilder b = new StringBuilder(String.join(",", SCHEMA.columns().stream().map(ColumnSpec::name).toList())).append('\n');
        int rank = 0;
        for (PlanOutcome p : ranking) {
            Object[] r = row(++rank, p, o, slo);
            for (int i = 0; i < r.length; i++) {
                if (i > 0) b.append(',');
                Object v = r[i];
                if (v instanceof Double x) b.append(Double.isFinite(x) ? String.format(Locale.ROOT, "%.6g", x) : "");
                else if (v instanceof String s) b.append(s.contains(",") ? "\"" + s + "\"" : s);
                else b.append(v);
            }
            b.append('\n');
        }
        Path abs = out.toAbsolutePath();
        try {
            Path dir = abs.getParent();
            Files.createDirectories(dir);
            Path tmp = dev.thaw.ingest.write.TempFiles.register(Files.createTempFile(dir, ".ranking", ".tmp"));
            try {
                Files.writeString(tmp, b, StandardCharsets.UTF_8);
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
                dev.thaw.ingest.write.TempFiles.release(tmp);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + out, ex);
        }
    }

    private static void columnar(List<PlanOutcome> ranking, Objective o, Slo slo, Path out, OutputKind kind) {
        try (BufferAllocator alloc = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA.toArrow(), alloc)) {
            root.allocateNew();
            int rank = 0;
            for (PlanOutcome p : ranking) {
                Object[] r = row(rank + 1, p, o, slo);
                for (int col = 0; col < r.length; col++) {
                    Object v = r[col];
                    if (v instanceof Long x) ((BigIntVector) root.getVector(col)).setSafe(rank, x);
                    else if (v instanceof Double x) {
                        Float8Vector fv = (Float8Vector) root.getVector(col);
                        if (Double.isFinite(x)) fv.setSafe(rank, x); else fv.setNull(rank);
                    } else ((VarCharVector) root.getVector(col)).setSafe(rank, ((String) v).getBytes(StandardCharsets.UTF_8));
                }
                rank++;
            }
            root.setRowCount(rank);
            try (SingleFileSink sink = new SingleFileSink(out, kind, SCHEMA, FORMAT_ID)) {
                sink.write(root);
                sink.commit();
            }
        }
    }
}
