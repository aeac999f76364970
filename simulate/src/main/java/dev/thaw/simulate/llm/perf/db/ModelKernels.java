package dev.thaw.simulate.llm.perf.db;

import dev.thaw.simulate.llm.Precision;
import dev.thaw.simulate.llm.hardware.Gpu;
import dev.thaw.simulate.llm.model.ModelSpec;
import dev.thaw.simulate.llm.perf.MemoryPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Kernel times of one transformer layer of one model on one GPU of a tensor-parallel group, by batch shape: read
 * from the measured database where it covers the op, else from the roofline with {@link EfficiencyCurves}. The
 * projections (QKV + O), the dense FFN (gate/up + down) and the LM head are GEMMs of fixed weight shapes, so their
 * time depends on the token count only and is memoised per count ({@link TokenCurve}); attention is read from the
 * measured surface by (sequences, length). MLA attention and MoE experts stay on the curves (no such tables here).
 * Every table is read through its running maximum over its size axes, and a batch costs at least its largest member
 * alone: a step never gets cheaper by adding work (the search's lower bounds rely on it; the dips removed are
 * measurement noise of a few percent at the smallest sizes).
 */
public final class ModelKernels {
    private final Gpu gpu;
    private final EfficiencyCurves curves;
    private final TokenCurve proj, ffn, lmHead, allReduce;
    private final AttentionTable.Surface decodeTable, prefillTable;
    private final double kvBytesPerToken, prefillFlopsPerPair, decodeFlopsPerCtx, peak;
    private final boolean mla;
    private final String source;

    /**
     * @param gemmPeak  the GPU's peak FLOP/s for this weight format
     * @param db        measured database of this GPU, or null
     * @param linkBytesPerS intra-node link bandwidth of the TP group (one direction), 0 where the group is not on an
     *                  NVLink-class fabric (the all-reduce is then left to the communication model)
     */
    public ModelKernels(ModelSpec m, int tp, boolean tpInOneNode, Precision weights, Precision kv, Gpu gpu, double gemmPeak,
                        PerfDatabase db, EfficiencyCurves curves, double linkBytesPerS) {
        this.gpu = gpu;
        this.curves = curves;
        this.mla = m.isMla();
        this.peak = gpu.bf16FlopsPerS();
        double h = m.hidden(), wBytes = weights.bytes(), bw = gpu.memBytesPerS();
        GemmTable gemm = db == null ? null : db.gemm(dtype(weights));
        List<String> fromDb = new ArrayList<>();
        // Weight shapes (n outputs, k inputs) of the layer's GEMMs on one GPU.
        double[][] projShapes = mla
                ? new double[][] {{MemoryPlan.attentionParamsPerGpu(m, tp) / h, h}}
                : new double[][] {{((double) m.heads() / tp + 2.0 * MemoryPlan.kvHeadsPerGpu(m, tp)) * m.headDim(), h}, {h, (double) m.heads() / tp * m.headDim()}};
        double ffnPerGpu = (double) m.intermediate() / tp;
        double[][] ffnShapes = {{2 * ffnPerGpu, h}, {h, ffnPerGpu}};
        double[][] headShape = {{(double) m.vocab() / tp, h}};
        if (gemm != null) fromDb.add("GEMMs");
        this.proj = gemmCurve(gemm, projShapes, wBytes, gemmPeak, bw);
        this.ffn = gemmCurve(gemm, ffnShapes, wBytes, gemmPeak, bw);
        this.lmHead = gemmCurve(db == null ? null : db.gemm("bfloat16"), headShape, 2, peak, bw);

        this.kvBytesPerToken = MemoryPlan.kvElementsPerTokenPerLayerPerGpu(m, tp) * kv.bytes();
        double qHeads = (double) m.heads() / tp;
        this.prefillFlopsPerPair = mla ? qHeads * 2.0 * (m.headDim() + m.vHeadDim()) : qHeads * 4.0 * m.headDim();
        this.decodeFlopsPerCtx = mla ? qHeads * 2.0 * (2.0 * m.kvLoraRank() + m.ropeHeadDim()) : qHeads * 4.0 * m.headDim();
        String kvDtype = kv == Precision.FP8 ? "fp8" : "bfloat16";
        double kvHeads = MemoryPlan.kvHeadsPerGpu(m, tp);
        this.decodeTable = !mla && db != null && db.decode() != null ? db.decode().slice(qHeads, kvHeads, m.headDim(), kvDtype).monotone() : null;
        this.prefillTable = !mla && db != null && db.prefill() != null ? db.prefill().slice(qHeads, kvHeads, m.headDim(), kvDtype).monotone() : null;
        if (decodeTable != null) fromDb.add("decode attention");
        if (prefillTable != null) fromDb.add("prefill attention");

        var measuredAr = db == null || !tpInOneNode ? null : db.allReduce().get(tp);
        if (tp <= 1) this.allReduce = new TokenCurve(t -> 0);
        else if (measuredAr != null) {
            LogCurve ar = measuredAr.monotone();
            this.allReduce = new TokenCurve(t -> ar.at(t * h * 2)); fromDb.add("all-reduce"); }
        else if (tpInOneNode && linkBytesPerS > 0) this.allReduce = new TokenCurve(t -> curves.allReduceS(t * h * 2, tp, linkBytesPerS));
        else this.allReduce = null;
        List<String> fromCurves = new ArrayList<>();
        if (gemm == null) fromCurves.add("GEMMs");
        if (decodeTable == null || prefillTable == null) fromCurves.add("attention");
        if (tp > 1 && measuredAr == null) fromCurves.add("all-reduce");
        fromCurves.add("elementwise ops");
        this.source = db == null || fromDb.isEmpty() ? curves.describe()
                : db.name() + " (" + String.join(", ", fromCurves) + ": " + curves.describe() + ")";
    }

    private TokenCurve gemmCurve(GemmTable table, double[][] shapes, double wBytes, double gemmPeak, double bw) {
        if (table == null) {
            return new TokenCurve(t -> {
                double s = 0;
                for (double[] nk : shapes) s += curves.gemmS(t, nk[0], nk[1], wBytes, gemmPeak, bw);
                return s;
            });
        }
        LogCurve[] c = new LogCurve[shapes.length];
        for (int i = 0; i < c.length; i++) c[i] = table.curve(shapes[i][0], shapes[i][1]).monotone();
        IntToDoubleFunction f = t -> {
            double s = 0;
            for (LogCurve x : c) s += x.at(t);
            return s;
        };
        return new TokenCurve(f);
    }

    /** AIConfigurator's GEMM dtype of a weight format (INT8/INT4 have no table: the curves cost them). */
    static String dtype(Precision w) {
        return switch (w) {
            case BF16 -> "bfloat16";
            case FP8 -> "fp8";
            default -> "none";
        };
    }

    /** QKV and output projections of one layer. */
    public double projectionsS(int tokens) { return proj.at(tokens); }

    /** Dense FFN (gate/up and down) of one layer. */
    public double ffnS(int tokens) { return ffn.at(tokens); }

    /** LM head over the rows that sample (16-bit weights). */
    public double lmHeadS(int rows) { return lmHead.at(rows); }

    /** One all-reduce of {@code tokens} activations over the TP group, or NaN where the communication model costs it. */
    public double allReduceS(int tokens) { return allReduce == null ? Double.NaN : allReduce.at(tokens); }

    /** Decode attention of one layer: {@code seqs} sequences reading {@code contextSum} tokens in all, the longest {@code contextMax}. */
    public double decodeS(int seqs, double contextSum, double contextMax) {
        if (seqs == 0) return 0;
        double ctx = contextSum / seqs;
        if (decodeTable != null) return seqs == 1 ? decodeTable.at(1, ctx) : Math.max(decodeTable.at(seqs, ctx), decodeTable.at(1, contextMax));
        double t = curves.decodeS(seqs, ctx, kvBytesPerToken, gpu.memBytesPerS());
        return mla ? Math.max(t, contextSum * decodeFlopsPerCtx / (peak * curves.prefillComputeEff())) : t;
    }

    /**
     * Prefill attention of one layer: {@code chunks} prompt chunks with {@code pairs} causal query-key pairs in all,
     * read as that many prompts of the length whose pairs s (s + 1) / 2 match the mean (at least the largest chunk alone).
     */
    public double prefillS(int chunks, double pairs, double maxPairs) {
        if (chunks == 0 || pairs <= 0) return 0;
        double len = lengthOfPairs(pairs / chunks);
        if (prefillTable != null) return chunks == 1 ? prefillTable.at(1, len) : Math.max(prefillTable.at(chunks, len), prefillTable.at(1, lengthOfPairs(maxPairs)));
        return curves.prefillS(chunks, len, prefillFlopsPerPair, peak);
    }

    /** The prompt length s with s (s + 1) / 2 causal pairs. */
    private static double lengthOfPairs(double pairs) { return (Math.sqrt(1 + 8 * pairs) - 1) / 2; }

    /** Norms, rotary, activation and residual kernels of one layer moving {@code bytesPerToken} per token. */
    public double elementwiseS(int tokens, double bytesPerToken) {
        return tokens == 0 ? 0 : curves.elementwiseS(tokens, bytesPerToken, gpu.memBytesPerS());
    }

    public EfficiencyCurves curves() { return curves; }

    /** What produced these times, for the results ("perf_db"). */
    public String source() { return source; }
}
