package dev.thaw.simulate.llm.perf;

import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.ParallelPlan;
import dev.thaw.simulate.llm.Precision;
import dev.thaw.simulate.llm.Quantization;
import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.Gpu;
import dev.thaw.simulate.llm.hardware.Link;
import dev.thaw.simulate.llm.model.ModelSpec;

/**
 * Time of one engine step of one replica (one pipeline pass), from a {@link BatchShape}. Per layer, per GPU of a
 * stage, each op costs its roofline {@code max(FLOPs / (peak x eff), bytes / (bandwidth x eff))}:
 * <ul>
 *   <li>GEMMs (QKV/O projections, FFN, shared and routed experts): FLOPs {@code 2 x tokens x params/tp}, bytes the
 *   weights at their precision; compute efficiency {@code gemmComputeEff x n / (n + gemmHalfTokens)} with n the
 *   GEMM's token count (tokens per touched expert for MoE).</li>
 *   <li>MoE: tokens x top-k expert FLOPs; the weights read are those of the distinct experts the batch touches,
 *   {@code E (1 - (1 - k/E)^tokens)} in expectation under uniform routing, times {@code moeImbalance} with ep &gt; 1.</li>
 *   <li>Decode attention reads the whole KV of every running sequence: bytes {@code sum(context) x KV bytes per token
 *   per layer per GPU}; FLOPs {@code 4 x sum(context) x q heads/tp x head_dim} (MLA, absorbed:
 *   {@code 2 (2 kv_lora_rank + rope)} per head and context token).</li>
 *   <li>Prefill attention: FLOPs {@code 4 x pairs x q heads/tp x head_dim}, pairs = causal query-key pairs of each
 *   chunk after its cached prefix (quadratic in prompt length); MLA adds the latent decompression of the context.</li>
 *   <li>Norms, rotary, activation, residual: memory-bound, {@code tokens x (8 h + 3 ffn/tp) x 2 B}.</li>
 *   <li>Embedding gather and LM head (logits only for sequences that sample), all-gather of the logits under TP.</li>
 *   <li>TP: two all-reduces of {@code tokens x h x 2 B} per layer; EP (&gt;1): the MoE all-reduce becomes two
 *   all-to-alls of {@code tokens x k x h x 2 B}; PP: one send of activations per stage boundary. Links: intra-node
 *   while the group fits in a node, else inter-node.</li>
 *   <li>The engine's per-step overheads ({@link dev.thaw.simulate.llm.EngineOverheads#stepSeconds}): fixed, per
 *   sequence, per TP rank, sampling over the vocabulary, prefill admission, and a per-layer launch cost for steps
 *   that run without CUDA graphs.</li>
 * </ul>
 * All layer constants are computed once here; {@link #evaluate} is a few dozen floating-point operations.
 */
public final class StepTimeModel {
    private final ModelSpec m;
    private final ParallelPlan plan;
    private final Calibration cal;
    private final EngineProfile engine;
    private final CommModel comm;
    private final Cluster cluster;
    private final Link tpLink, ppIntraLink, ppInterLink;
    private final int ppInterBoundaries;
    private final double gemmPeak, bf16Peak, memBw;
    private final double wBytes;
    // Per-layer, per-GPU constants.
    private final double attnParams, denseFfnParams, sharedParams, expertParams, routerParams;
    private final int denseLayers, moeLayers, tp, ep;
    private final double qHeads, kvBytesPerTokLayer, decodeFlopsPerCtx, prefillFlopsPerPair, mlaDecompressFlopsPerCtx;
    private final double elementwiseBytesPerTokDense, elementwiseBytesPerTokMoe;
    private final double lmHeadParams, hidden;

    private final MeasuredGemmTable gemm; // null: analytic GEMMs only
    private final double qkvOut, oIn, ffnIn;

    public StepTimeModel(ModelSpec m, Cluster cluster, ParallelPlan plan, Quantization q, EngineProfile engine,
                         Calibration cal, CommModel comm) {
        this(m, cluster, plan, q, engine, cal, comm, null);
    }

    /**
     * With a measured GEMM table (16-bit), the dense projections and FFN GEMMs of BF16 models without MLA take its
     * interpolated times where it covers their shapes (QKV: h -> (q + 2 kv) head_dim / tp, O: q head_dim / tp -> h,
     * gate+up: h -> 2 ffn / tp, down: ffn / tp -> h); MoE experts, MLA and quantized weights stay analytic.
     */
    public StepTimeModel(ModelSpec m, Cluster cluster, ParallelPlan plan, Quantization q, EngineProfile engine,
                         Calibration cal, CommModel comm, MeasuredGemmTable gemm) {
        this.gemm = q.weights() == Precision.BF16 && !m.isMla() ? gemm : null;
        this.qkvOut = ((double) m.heads() / plan.tp() + 2.0 * MemoryPlan.kvHeadsPerGpu(m, plan.tp())) * m.headDim();
        this.oIn = (double) m.heads() / plan.tp() * m.headDim();
        this.ffnIn = (double) m.intermediate() / plan.tp();
        this.m = m;
        this.plan = plan;
        this.cal = cal;
        this.engine = engine;
        this.comm = comm;
        this.cluster = cluster;
        Gpu g = cluster.gpu();
        this.tp = plan.tp();
        this.ep = plan.ep();
        this.tpLink = cluster.linkFor(tp);
        int replicaGpus = plan.gpusPerReplica();
        this.ppIntraLink = g.intraNode();
        this.ppInterLink = cluster.interNode();
        // Stage boundaries that cross a node boundary (stages are laid out on consecutive GPUs).
        int crossings = 0;
        for (int s = 1; s < plan.pp(); s++) if ((s * tp) % cluster.gpusPerNode() == 0 || tp > cluster.gpusPerNode()) crossings++;
        this.ppInterBoundaries = replicaGpus <= cluster.gpusPerNode() ? 0 : crossings;
        this.bf16Peak = g.bf16FlopsPerS();
        this.gemmPeak = gemmPeak(g, q.weights(), cal);
        this.memBw = g.memBytesPerS();
        this.wBytes = q.weights().bytes();
        this.attnParams = MemoryPlan.attentionParamsPerGpu(m, tp);
        this.denseFfnParams = (double) m.denseFfnParamsPerLayer() / tp;
        this.sharedParams = (double) m.sharedExpertParams() / tp;
        this.expertParams = m.isMoe() ? (double) m.expertParams() / tp : 0; // every expert's weights spread over the tp GPUs
        this.routerParams = m.isMoe() ? m.routerParams() : 0;
        this.denseLayers = m.denseLayers();
        this.moeLayers = m.moeLayers();
        this.qHeads = (double) m.heads() / tp;
        this.kvBytesPerTokLayer = MemoryPlan.kvElementsPerTokenPerLayerPerGpu(m, tp) * q.kv().bytes();
        if (m.isMla()) {
            this.decodeFlopsPerCtx = qHeads * 2.0 * (2.0 * m.kvLoraRank() + m.ropeHeadDim());
            this.prefillFlopsPerPair = qHeads * 2.0 * (m.headDim() + m.vHeadDim());
            this.mlaDecompressFlopsPerCtx = qHeads * 2.0 * m.kvLoraRank() * (m.nopeHeadDim() + m.vHeadDim());
        } else {
            this.decodeFlopsPerCtx = qHeads * 4.0 * m.headDim();
            this.prefillFlopsPerPair = qHeads * 4.0 * m.headDim();
            this.mlaDecompressFlopsPerCtx = 0;
        }
        this.elementwiseBytesPerTokDense = (8.0 * m.hidden() + 3.0 * m.intermediate() / tp) * 2.0;
        this.elementwiseBytesPerTokMoe = (8.0 * m.hidden() + 3.0 * ((double) m.topK() * m.expertIntermediate() + m.sharedIntermediate()) / tp) * 2.0;
        this.lmHeadParams = (double) m.vocab() * m.hidden() / tp;
        this.hidden = m.hidden();
    }

    /** Peak FLOP/s of the GEMMs at this weight format: FP8/INT8 tensor cores where present, W4A16 at BF16 rate. */
    static double gemmPeak(Gpu g, Precision w, Calibration cal) {
        return switch (w) {
            case BF16 -> g.bf16FlopsPerS();
            case FP8 -> g.hasFp8() ? g.fp8Tflops() * 1e12 : g.bf16FlopsPerS();
            case INT8 -> g.int8Tops() > 0 ? g.int8Tops() * 1e12 : g.bf16FlopsPerS();
            case INT4 -> g.bf16FlopsPerS() * cal.int4DequantEff();
        };
    }

    public ModelSpec model() { return m; }
    public ParallelPlan plan() { return plan; }

    /** Fills {@code b.timeS}, {@code b.busyS} and the wire bytes; returns the step time in seconds. */
    public double evaluate(BatchShape b) { return evaluate(b, null); }

    /** Per-op seconds of one step, indexed by {@link OpType#ordinal()}. */
    public double[] breakdown(BatchShape b) {
        double[] ops = new double[OpType.values().length];
        evaluate(b, ops);
        return ops;
    }

    private double evaluate(BatchShape b, double[] ops) {
        int t = b.tokens();
        if (t == 0 && b.seqs == 0) { b.timeS = b.busyS = 0; return 0; }
        double flops = 0, bytes = 0; // per GPU, over all layers of a pipeline pass (for busy time)
        double effC = cal.gemmComputeEff() * t / (t + cal.gemmHalfTokens());
        double memEffBw = memBw * cal.memEff();

        // Common per layer: attention projections.
        double projF = 2.0 * t * attnParams, projB = attnParams * wBytes;
        double proj = Math.max(projF / (gemmPeak * effC), projB / memEffBw);
        if (gemm != null && t > 0) {
            double measured = gemm.seconds(qkvOut, hidden, t) + gemm.seconds(hidden, oIn, t);
            if (!Double.isNaN(measured)) proj = measured;
        }
        // Attention core.
        double decF = b.decodeContextSum * decodeFlopsPerCtx, decB = b.decodeContextSum * kvBytesPerTokLayer;
        double dec = b.decodeSeqs == 0 ? 0 : Math.max(decF / (bf16Peak * cal.attnComputeEff()), decB / (memBw * cal.attnMemEff()));
        double preF = b.prefillAttnPairs * prefillFlopsPerPair + b.prefillContextTokens * mlaDecompressFlopsPerCtx;
        double preB = b.prefillContextTokens * kvBytesPerTokLayer;
        double pre = b.prefillTokens == 0 ? 0 : Math.max(preF / (bf16Peak * cal.attnComputeEff()), preB / memEffBw);
        // TP all-reduce after attention (and after the FFN for dense layers / ep = 1).
        double arBytes = (double) t * hidden * 2.0;
        double ar = tp > 1 ? comm.collective(CommModel.Op.ALL_REDUCE, arBytes, tp, cluster) : 0;
        double arWire = tp > 1 ? CommModel.wireBytesPerGpu(CommModel.Op.ALL_REDUCE, arBytes, tp) : 0;

        int layers = denseLayers + moeLayers;
        double common = proj + dec + pre + ar;
        flops += layers * (projF + decF + preF);
        bytes += layers * (projB + decB + preB);

        // Dense FFN layers.
        double ffnF = 2.0 * t * denseFfnParams, ffnB = denseFfnParams * wBytes;
        double ffn = Math.max(ffnF / (gemmPeak * effC), ffnB / memEffBw);
        if (gemm != null && t > 0 && denseLayers > 0) {
            double measured = gemm.seconds(2 * ffnIn, hidden, t) + gemm.seconds(hidden, ffnIn, t);
            if (!Double.isNaN(measured)) ffn = measured;
        }
        double elemDenseB = t * elementwiseBytesPerTokDense;
        double elemDense = elemDenseB / (memBw * cal.elementwiseMemEff());
        double denseLayer = common + ffn + elemDense + ar;
        flops += denseLayers * ffnF;
        bytes += denseLayers * (ffnB + elemDenseB);
        double wireIntraOrInter = (denseLayers * 2.0 + moeLayers * (ep > 1 ? 1.0 : 2.0)) * arWire;

        // MoE layers.
        double moeLayer = 0, moeExperts = 0, moeShared = 0, epComm = 0, elemMoe = 0;
        if (moeLayers > 0) {
            int e = m.numExperts(), k = m.topK();
            double touched = t == 0 ? 0 : e * (1.0 - Math.pow(1.0 - (double) k / e, t));
            double tokPerExpert = touched > 0 ? (double) t * k / touched : 0;
            double effE = cal.gemmComputeEff() * tokPerExpert / (tokPerExpert + cal.gemmHalfTokens());
            double expF = 2.0 * t * k * expertParams, expB = touched * expertParams * wBytes;
            moeExperts = (t == 0 ? 0 : Math.max(expF / (gemmPeak * effE), expB / memEffBw)) * (ep > 1 ? cal.moeImbalance() : 1.0);
            double shF = 2.0 * t * (sharedParams + routerParams / tp), shB = (sharedParams + routerParams) * wBytes;
            moeShared = sharedParams > 0 ? Math.max(shF / (gemmPeak * effC), shB / memEffBw) : 0;
            double elemMoeB = t * elementwiseBytesPerTokMoe;
            elemMoe = elemMoeB / (memBw * cal.elementwiseMemEff());
            double second;
            if (ep > 1) {
                double a2aBytes = (double) t * k * hidden * 2.0 / ep;
                epComm = 2 * comm.collective(CommModel.Op.ALL_TO_ALL, a2aBytes, ep, cluster);
                second = epComm;
                wireIntraOrInter += moeLayers * 2 * CommModel.wireBytesPerGpu(CommModel.Op.ALL_TO_ALL, a2aBytes, ep);
            } else {
                second = ar;
            }
            moeLayer = common + moeExperts + moeShared + elemMoe + second;
            flops += moeLayers * (expF + shF);
            bytes += moeLayers * (expB + shB + elemMoeB);
        }

        // Embedding, LM head (only rows that sample), logits all-gather.
        int ls = b.logitSeqs;
        double headF = 2.0 * ls * lmHeadParams, headB = lmHeadParams * 2.0 + (double) t * hidden * 2.0;
        double headCompute = ls == 0 ? 0 : headF / (bf16Peak * cal.gemmComputeEff() * ls / (ls + cal.gemmHalfTokens()));
        double head = Math.max(headCompute, headB / memEffBw);
        double logitBytes = (double) ls * m.vocab() * 2.0;
        double gather = tp > 1 && ls > 0 ? comm.collective(CommModel.Op.ALL_GATHER, logitBytes, tp, cluster) : 0;
        flops += headF;
        bytes += headB;

        // Pipeline sends.
        double ppComm = 0;
        if (plan.pp() > 1) {
            double actBytes = (double) t * hidden * 2.0;
            int inter = ppInterBoundaries, intra = plan.pp() - 1 - inter;
            ppComm = intra * comm.time(CommModel.Op.SEND_RECV, actBytes, 2, ppIntraLink) + inter * comm.time(CommModel.Op.SEND_RECV, actBytes, 2, ppInterLink);
            b.wireBytesInter += inter * actBytes;
            b.wireBytesIntra += intra * actBytes;
        }

        double overhead = engine.overheads().stepSeconds(tp, b.seqs, b.logitSeqs, b.prefillChunks, m.vocab(), b.prefillTokens > 0, denseLayers + moeLayers);
        double time = denseLayers * denseLayer + moeLayers * moeLayer + head + gather + ppComm + overhead;
        b.timeS = time;
        b.busyS = Math.min(time, Math.max(flops / bf16Peak, bytes / memBw));
        // Whole-replica bytes on the wire: every one of the tp GPUs of a stage sends its share of each collective.
        double tpWire = tp * (wireIntraOrInter + (tp > 1 ? CommModel.wireBytesPerGpu(CommModel.Op.ALL_GATHER, logitBytes, tp) : 0));
        if (tpLink == ppIntraLink) b.wireBytesIntra += tpWire;
        else { // hierarchical: 1/g of the data crosses the NICs
            b.wireBytesInter += tpWire / cluster.gpusPerNode();
            b.wireBytesIntra += tpWire - tpWire / cluster.gpusPerNode();
        }

        if (ops != null) {
            ops[OpType.ATTN_PROJECTIONS.ordinal()] = layers * proj;
            ops[OpType.ATTN_DECODE.ordinal()] = layers * dec;
            ops[OpType.ATTN_PREFILL.ordinal()] = layers * pre;
            ops[OpType.FFN.ordinal()] = denseLayers * ffn + moeLayers * moeShared;
            ops[OpType.MOE_EXPERTS.ordinal()] = moeLayers * moeExperts;
            ops[OpType.ELEMENTWISE.ordinal()] = denseLayers * elemDense + moeLayers * elemMoe;
            ops[OpType.EMBED_LM_HEAD.ordinal()] = head;
            ops[OpType.TP_COMM.ordinal()] = (denseLayers * 2.0 + moeLayers * (ep > 1 ? 1.0 : 2.0)) * ar + gather;
            ops[OpType.EP_COMM.ordinal()] = moeLayers * epComm;
            ops[OpType.PP_COMM.ordinal()] = ppComm;
            ops[OpType.OVERHEAD.ordinal()] = overhead;
        }
        return time;
    }
}
