package dev.thaw.simulate.llm.perf;

import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.ParallelPlan;
import dev.thaw.simulate.llm.Precision;
import dev.thaw.simulate.llm.Quantization;
import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.Gpu;
import dev.thaw.simulate.llm.hardware.Link;
import dev.thaw.simulate.llm.model.ModelSpec;
import dev.thaw.simulate.llm.perf.db.MoeKernelTable;
import dev.thaw.simulate.llm.perf.db.MoeLayerCost;
import dev.thaw.simulate.llm.perf.db.EfficiencyCurves;
import dev.thaw.simulate.llm.perf.db.ModelKernels;
import dev.thaw.simulate.llm.perf.db.PerfDatabase;

/**
 * Time of one engine step of one replica (one pipeline pass), from a {@link BatchShape}. Per layer, per GPU of a
 * stage, each op's kernel time comes from {@link ModelKernels}: the measured perf database of the GPU where it
 * covers the op (AIConfigurator / Vidur tables, interpolated), else the roofline with efficiency curves fitted on
 * those databases ({@link EfficiencyCurves}):
 * <ul>
 *   <li>GEMMs (QKV/O projections, dense FFN, LM head over the rows that sample) by token count and weight shape.</li>
 *   <li>Decode attention by running sequences and mean context; prefill attention by chunks and the prompt length
 *   with the batch's causal query-key pairs (so cached prefixes cost what they read); MLA on the curves, plus the
 *   latent decompression of the context.</li>
 *   <li>MoE routed experts: the measured fused-MoE layer time of the busiest rank ({@link MoeLayerCost}: AIConfigurator
 *   tables with routing skew, or a kernel model fitted on them), for the tokens of the whole expert-parallel group
 *   ({@link BatchShape#groupTokens} when replicas step in lockstep). Without any MoE table: tokens x top-k expert
 *   FLOPs, the weights of the distinct experts the batch touches {@code E (1 - (1 - k/E)^tokens)} in expectation
 *   under uniform routing, times {@code moeImbalance} with ep &gt; 1; GEMM curve constants at the tokens per
 *   touched expert.</li>
 *   <li>Norms, rotary, activation, residual: the elementwise curve over {@code tokens x (8 h + 3 ffn/tp) x 2 B}.</li>
 *   <li>TP: two all-reduces of {@code tokens x h x 2 B} per layer, from the database's all-reduce table (vLLM's custom
 *   all-reduce) or the fitted curve on NVLink-class links while the communication model is the analytic default,
 *   else the communication model; EP (&gt;1): the MoE all-reduce becomes two all-to-alls (dispatch and
 *   combine) of {@code tokens x k x h x 2 B / min(tp, ep)} per GPU over the ep GPUs (hierarchical across nodes);
 *   PP: one send of activations per stage boundary.</li>
 *   <li>The engine's per-step overheads ({@link dev.thaw.simulate.llm.EngineOverheads#stepSeconds}): fixed, per
 *   sequence, per TP rank, sampling over the vocabulary, prefill admission, and a per-layer launch cost for steps
 *   that run without CUDA graphs.</li>
 * </ul>
 * The step's time is also split into the CPU overhead and the GPU time of each pipeline stage
 * ({@link BatchShape#stageS}), so that the engine can make micro-batches of different virtual engines contend for
 * the stages. Layer constants and per-token-count GEMM times are precomputed or memoised; {@link #evaluate} is a few array reads
 * and two attention-surface reads.
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
    private final double kvBytesPerTokLayer, decodeFlopsPerCtx, prefillFlopsPerPair, mlaDecompressFlopsPerCtx;
    private final double elementwiseBytesPerTokDense, elementwiseBytesPerTokMoe;
    private final double lmHeadParams, hidden;

    private final MeasuredGemmTable gemm; // null: no APEX-layout GEMM override
    private final double qkvOut, oIn, ffnIn;
    private final MoeLayerCost moeCost; // null: analytic MoE experts
    private final int pp, layersTotal;
    private final double[] stageLayerShare; // layers of stage s / all layers

    /** Routing skew assumed for MoE layers: the milder of the two skews AIConfigurator measures. */
    public static final MoeKernelTable.Routing DEFAULT_ROUTING = MoeKernelTable.Routing.POWER_LAW_1_01;
    private final ModelKernels kernels;
    private final EfficiencyCurves curves;
    private final boolean dbAllReduce; // the communication model is the analytic default: kernels cost the TP all-reduce
    private final double arWirePerByte, gatherWirePerByte; // bytes each GPU sends per byte of all-reduce / logits all-gather

    /** With the bundled perf database of the cluster's GPU where there is one. */
    public StepTimeModel(ModelSpec m, Cluster cluster, ParallelPlan plan, Quantization q, EngineProfile engine,
                         Calibration cal, CommModel comm) {
        this(m, cluster, plan, q, engine, cal, comm, null, PerfDatabase.bundled(cluster.gpu().id()));
    }

    /**
     * @param gemm with a measured GEMM table in the APEX layout (16-bit), the dense projections and FFN GEMMs of BF16
     *             models without MLA take its interpolated times where it covers their shapes; null: none
     * @param db   measured kernel database of this GPU, or null: the fitted roofline curves
     */
    public StepTimeModel(ModelSpec m, Cluster cluster, ParallelPlan plan, Quantization q, EngineProfile engine,
                         Calibration cal, CommModel comm, MeasuredGemmTable gemm, PerfDatabase db) {
        this(m, cluster, plan, q, engine, cal, comm, gemm, db, MoeLayerCost.bundled(m, cluster.gpu(), plan, q.weights(), DEFAULT_ROUTING));
    }

    /** With an explicit MoE layer cost (null: the analytic expert model with {@code moeImbalance}). */
    public StepTimeModel(ModelSpec m, Cluster cluster, ParallelPlan plan, Quantization q, EngineProfile engine,
                         Calibration cal, CommModel comm, MeasuredGemmTable gemm, PerfDatabase db, MoeLayerCost moeCost) {
        this.moeCost = m.isMoe() ? moeCost : null;
        this.pp = plan.pp();
        this.layersTotal = m.layers();
        this.stageLayerShare = new double[plan.pp()];
        for (int s = 0; s < plan.pp(); s++) stageLayerShare[s] = (double) (m.layers() / plan.pp() + (s < m.layers() % plan.pp() ? 1 : 0)) / m.layers();
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
        this.expertParams = m.isMoe() ? (double) m.expertParams() / plan.expertShards() : 0; // one expert's weights per GPU of its shards
        this.routerParams = m.isMoe() ? m.routerParams() : 0;
        this.denseLayers = m.denseLayers();
        this.moeLayers = m.moeLayers();
        double qHeads = (double) m.heads() / tp;
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
        this.curves = EfficiencyCurves.FITTED;
        Link l = g.intraNode();
        boolean oneNode = tp <= cluster.gpusPerNode() || cluster.nodes() == 1;
        this.kernels = new ModelKernels(m, tp, oneNode, q.weights(), q.kv(), g, gemmPeak, db, curves,
                l.name().startsWith("NVLink") ? l.bandwidthGBs() * 1e9 : 0);
        this.dbAllReduce = comm.getClass() == CommModel.class;
        this.arWirePerByte = CommModel.wireBytesPerGpu(CommModel.Op.ALL_REDUCE, 1.0, tp);
        this.gatherWirePerByte = CommModel.wireBytesPerGpu(CommModel.Op.ALL_GATHER, 1.0, tp);
    }

    /**
     * Bytes each GPU sends in one all-to-all (dispatch or combine) of a MoE layer for a batch of {@code tokens}: its
     * share of the tokens (a replica's tokens split over its tp GPUs, or over the ep GPUs when ep divides tp) times
     * top-k copies of the hidden state in BF16. The collective moves (ep - 1)/ep of it off the GPU.
     */
    public double a2aBytesPerGpu(int tokens) {
        return (double) tokens * m.topK() * hidden * 2.0 / Math.min(tp, ep);
    }

    /** What costs the kernels: the perf database's name, or the fitted curves (the results' "perf_db"). */
    public String perfDb() { return kernels.source() + (moeCost != null ? "; MoE layers: " + moeCost.source() : ""); }

    /** Peak FLOP/s of the GEMMs at this weight format: FP8/INT8 tensor cores where present, W4A16 at BF16 rate. */
    public static double gemmPeak(Gpu g, Precision w, Calibration cal) {
        return switch (w) {
            case BF16 -> g.bf16FlopsPerS();
            case FP8 -> g.hasFp8() ? g.fp8Tflops() * 1e12 : g.bf16FlopsPerS();
            case INT8 -> g.int8Tops() > 0 ? g.int8Tops() * 1e12 : g.bf16FlopsPerS();
            case INT4 -> g.bf16FlopsPerS() * cal.int4DequantEff();
        };
    }

    public ModelSpec model() { return m; }

    /** The MoE layer cost in use (null: analytic experts or a dense model). */
    public MoeLayerCost moeCost() { return moeCost; }
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
        EfficiencyCurves c = curves;

        // Common per layer: attention projections.
        double projF = 2.0 * t * attnParams, projB = attnParams * wBytes;
        double proj = kernels.projectionsS(t);
        if (gemm != null && t > 0) {
            double measured = gemm.seconds(qkvOut, hidden, t) + gemm.seconds(hidden, oIn, t);
            if (!Double.isNaN(measured)) proj = measured;
        }
        // Attention core.
        double decF = b.decodeContextSum * decodeFlopsPerCtx, decB = b.decodeContextSum * kvBytesPerTokLayer;
        double dec = kernels.decodeS(b.decodeSeqs, b.decodeContextSum, b.decodeContextMax);
        double preF = b.prefillAttnPairs * prefillFlopsPerPair + b.prefillContextTokens * mlaDecompressFlopsPerCtx;
        double preB = b.prefillContextTokens * kvBytesPerTokLayer;
        double pre = b.prefillTokens == 0 ? 0 : kernels.prefillS(b.seqs - b.decodeSeqs, b.prefillAttnPairs, b.prefillPairsMax)
                + b.prefillContextTokens * mlaDecompressFlopsPerCtx / (gemmPeak * c.gemmComputeEff());
        // TP all-reduce after attention (and after the FFN for dense layers / ep = 1).
        double arBytes = (double) t * hidden * 2.0;
        double ar = tp > 1 && dbAllReduce ? kernels.allReduceS(t) : Double.NaN;
        if (tp > 1 && Double.isNaN(ar)) ar = comm.collective(CommModel.Op.ALL_REDUCE, arBytes, tp, cluster);
        if (tp <= 1) ar = 0;
        double arWire = arWirePerByte * arBytes;

        int layers = denseLayers + moeLayers;
        double common = proj + dec + pre + ar;
        flops += layers * (projF + decF + preF);
        bytes += layers * (projB + decB + preB);

        // Dense FFN layers.
        double ffnF = 2.0 * t * denseFfnParams, ffnB = denseFfnParams * wBytes;
        double ffn = denseLayers > 0 ? kernels.ffnS(t) : 0;
        if (gemm != null && t > 0 && denseLayers > 0) {
            double measured = gemm.seconds(2 * ffnIn, hidden, t) + gemm.seconds(hidden, ffnIn, t);
            if (!Double.isNaN(measured)) ffn = measured;
        }
        double elemDenseB = t * elementwiseBytesPerTokDense;
        double elemDense = kernels.elementwiseS(t, elementwiseBytesPerTokDense);
        double denseLayer = common + ffn + elemDense + ar;
        flops += denseLayers * ffnF;
        bytes += denseLayers * (ffnB + elemDenseB);
        double wireIntraOrInter = (denseLayers * 2.0 + moeLayers * (ep > 1 ? 1.0 : 2.0)) * arWire;

        // MoE layers: the measured (or fitted) fused-MoE kernel; without one, the GEMM curve's constants.
        double moeLayer = 0, moeExperts = 0, moeShared = 0, epComm = 0, elemMoe = 0, epWire = 0;
        if (moeLayers > 0) {
            int e = m.numExperts(), k = m.topK();
            int tg = b.moeTokens(); // the expert-parallel group's tokens (lockstep replicas), else this batch's
            double touched = tg == 0 ? 0 : e * (1.0 - Math.pow(1.0 - (double) k / e, tg));
            double tokPerExpert = touched > 0 ? (double) tg * k / touched : 0;
            double effE = c.gemmComputeEff() * tokPerExpert / (tokPerExpert + c.gemmHalfM());
            double effC = c.gemmComputeEff() * t / (t + c.gemmHalfM());
            double memEffBw = memBw * c.gemmMemEff();
            double expF = 2.0 * tg * k * expertParams, expB = touched * expertParams * wBytes;
            if (moeCost != null) moeExperts = moeCost.seconds(tg);
            else moeExperts = (tg == 0 ? 0 : c.gemmFloorS() + Math.max(expF / (gemmPeak * effE), expB / memEffBw)) * (ep > 1 ? cal.moeImbalance() : 1.0);
            double shF = 2.0 * t * (sharedParams + routerParams / tp), shB = (sharedParams + routerParams) * wBytes;
            moeShared = sharedParams > 0 ? c.gemmFloorS() + Math.max(shF / (gemmPeak * effC), shB / memEffBw) : 0;
            double elemMoeB = t * elementwiseBytesPerTokMoe;
            elemMoe = kernels.elementwiseS(t, elementwiseBytesPerTokMoe);
            double second;
            if (ep > 1) {
                double a2aBytes = a2aBytesPerGpu(t);
                epComm = 2 * comm.collective(CommModel.Op.ALL_TO_ALL, a2aBytes, ep, cluster);
                second = epComm;
                epWire = tp * moeLayers * 2 * a2aBytes; // every copy, before taking out those that stay on the GPU
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
        double head = kernels.lmHeadS(ls);
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
        double layerTime = denseLayers * denseLayer + moeLayers * moeLayer;
        double time = layerTime + head + gather + ppComm + overhead;
        b.timeS = time;
        b.overheadS = overhead;
        if (b.stageS.length != pp) b.stageS = new double[pp];
        double sendEach = pp > 1 ? ppComm / (pp - 1) : 0;
        for (int s = 0; s < pp; s++) b.stageS[s] = layerTime * stageLayerShare[s] + (s > 0 ? sendEach : 0) + (s == pp - 1 ? head + gather : 0);
        b.busyS = Math.min(time, Math.max(flops / bf16Peak, bytes / memBw));
        // Whole-replica bytes on the wire: every one of the tp GPUs of a stage sends its share of each collective.
        double tpWire = tp * (wireIntraOrInter + gatherWirePerByte * logitBytes);
        if (epWire > 0) { // of the copies to the ep GPUs: 1/ep stay, those for GPUs on other nodes cross the NICs
            int g = Math.min(ep, cluster.gpusPerNode());
            b.wireBytesInter += epWire * (ep - g) / ep;
            b.wireBytesIntra += epWire * (g - 1) / ep;
        }
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
