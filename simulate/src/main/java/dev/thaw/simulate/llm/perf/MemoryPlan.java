package dev.thaw.simulate.llm.perf;

import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.ParallelPlan;
import dev.thaw.simulate.llm.Precision;
import dev.thaw.simulate.llm.Quantization;
import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.model.ModelSpec;

/**
 * GPU memory of one plan, per GPU of the fullest pipeline stage, as vLLM budgets it:
 * {@code KV capacity = gpu_memory_utilization x usable memory - weights - activation peak - reserve}, divided by
 * the KV bytes per token per GPU and rounded down to whole blocks. Weights include embeddings and LM head (BF16,
 * vocabulary-sharded over TP; the first stage holds the embedding, the last the head). KV per token per GPU:
 * GQA/MHA {@code 2 x max(1, kv_heads/tp) x head_dim x bytes} per layer (TP above the KV-head count replicates
 * heads); MLA {@code (kv_lora_rank + rope_dim) x bytes} per layer on every TP rank (the latent is not sharded, as
 * in vLLM; data-parallel replicas each cache only their own requests, so dp x tp=1 does not replicate it). Routed
 * experts: {@code experts x expert params / max(tp, ep)} per GPU.
 *
 * <p>The activation peak is what vLLM's profiling forward pass with max_num_batched_tokens allocates, estimated as
 * one layer's live buffers: {@code tokens x (4 h + 2 ffn/tp + (q + 2 kv heads) head_dim / tp) x 2 B} plus FP32
 * logits of max_num_seqs sequences. {@code reserve} (engine profile) covers CUDA context, NCCL buffers and CUDA graphs.
 */
public record MemoryPlan(boolean feasible, String reason, double weightsBytesPerGpu, double activationBytesPerGpu,
                         double reserveBytesPerGpu, double kvBytesPerTokenPerGpu, long kvCapacityTokens, long kvBlocks,
                         int blockSize, int layersPerStage) {
    private static final double GIB = 1024d * 1024 * 1024;

    public static MemoryPlan of(ModelSpec m, Cluster cluster, ParallelPlan plan, Quantization q, EngineProfile e) {
        int tp = plan.tp(), pp = plan.pp();
        String structural = structuralProblem(m, cluster, plan);
        int layersPerStage = (m.layers() + pp - 1) / pp;
        int moeInStage = Math.min(m.moeLayers(), layersPerStage);
        int denseInStage = layersPerStage - moeInStage;
        double wb = q.weights().bytes();
        double layerCommon = attentionParamsPerGpu(m, tp) * wb + m.normParamsPerLayer() * 2.0;
        double dense = (double) m.denseFfnParamsPerLayer() / tp * wb;
        // Routed experts are spread over max(tp, ep) GPUs: sliced inside the TP group (ep <= tp) or whole experts on
        // each GPU of an expert-parallel group spanning replicas (ep > tp); shared experts are TP-sharded.
        double moe = m.isMoe() ? (double) m.numExperts() * m.expertParams() / plan.expertShards() * wb
                + (double) m.sharedExpertParams() / tp * wb + m.routerParams() * 2.0 : 0;
        double layers = layersPerStage * layerCommon + denseInStage * dense + moeInStage * moe;
        double emb = m.embeddingParams() * 2.0 / tp, head = m.lmHeadParams() * 2.0 / tp;
        double ends = pp == 1 ? emb + head + m.hidden() * 2.0 : Math.max(emb, head + m.hidden() * 2.0);
        double weights = layers + ends;

        int tokens = e.maxBatchedTokens();
        double ffnPerGpu = Math.max(m.denseLayers() > 0 ? m.intermediate() : 0, m.isMoe() ? m.expertIntermediate() * (double) m.topK() : 0) / tp;
        double act = tokens * (4.0 * m.hidden() + 2 * ffnPerGpu + (double) (m.heads() + 2 * m.kvHeads()) * m.headDim() / tp) * 2.0
                + (double) e.maxNumSeqs() * m.vocab() / tp * 4.0;
        double reserve = e.reserveGib() * GIB;
        double kvPerToken = layersPerStage * kvElementsPerTokenPerLayerPerGpu(m, tp) * q.kv().bytes();
        double free = e.gpuMemoryUtilization() * cluster.gpu().memoryBytes() - weights - act - reserve;
        long blocks = free > 0 ? (long) Math.floor(free / (kvPerToken * e.blockSize())) : 0;
        long capacity = blocks * e.blockSize();
        String reason = structural;
        if (reason == null && free <= 0)
            reason = String.format("weights %.1f GiB + activations %.1f GiB + reserve %.1f GiB exceed %.0f%% of %.1f GiB on %s",
                    weights / GIB, act / GIB, reserve / GIB, e.gpuMemoryUtilization() * 100, cluster.gpu().memoryGib(), cluster.gpu().id());
        if (reason == null && blocks < 1) reason = "no room for a single KV block";
        return new MemoryPlan(reason == null, reason, weights, act, reserve, kvPerToken, capacity, blocks, e.blockSize(), layersPerStage);
    }

    /** Why a plan cannot run this model on this cluster at all (null when it can). */
    public static String structuralProblem(ModelSpec m, Cluster cluster, ParallelPlan plan) {
        if (plan.gpus() > cluster.totalGpus()) return "plan " + plan + " needs " + plan.gpus() + " GPUs, the cluster has " + cluster.totalGpus();
        if (m.heads() % plan.tp() != 0) return "tp=" + plan.tp() + " does not divide the " + m.heads() + " attention heads";
        if (plan.pp() > m.layers()) return "pp=" + plan.pp() + " exceeds the " + m.layers() + " layers";
        if (plan.ep() > 1 && !m.isMoe()) return "ep=" + plan.ep() + " needs a mixture-of-experts model";
        if (plan.ep() > 1 && m.numExperts() % plan.ep() != 0) return "ep=" + plan.ep() + " does not divide the " + m.numExperts() + " experts";
        return null;
    }

    /** KV heads each TP rank stores: kv_heads/tp, at least 1 (replication when tp > kv_heads). */
    public static int kvHeadsPerGpu(ModelSpec m, int tp) { return Math.max(1, m.kvHeads() / tp); }

    public static double kvElementsPerTokenPerLayerPerGpu(ModelSpec m, int tp) {
        if (m.isMla()) return m.kvElementsPerTokenPerLayer();
        return 2.0 * kvHeadsPerGpu(m, tp) * m.headDim();
    }

    /** Attention projection parameters on one TP rank (K/V projections of replicated heads are replicated too). */
    public static double attentionParamsPerGpu(ModelSpec m, int tp) {
        if (m.isMla()) {
            // q_b, kv_b and o are head-sharded; q_a and kv_a (the low-rank down projections) are replicated.
            double down = (double) m.hidden() * (m.qLoraRank() + m.kvLoraRank() + m.ropeHeadDim());
            return down + (m.attentionParamsPerLayer() - down) / tp;
        }
        double qo = 2.0 * m.hidden() * m.heads() * m.headDim() / tp;
        double kv = 2.0 * m.hidden() * kvHeadsPerGpu(m, tp) * m.headDim();
        return qo + kv;
    }

    public double weightsGibPerGpu() { return weightsBytesPerGpu / GIB; }

    public double kvCapacityGibPerGpu() { return kvCapacityTokens * kvBytesPerTokenPerGpu / GIB; }

    /** Bytes per token of KV if stored at {@code p}; convenience for reports. */
    public static double kvBytesPerTokenModel(ModelSpec m, Precision p) { return m.layers() * m.kvElementsPerTokenPerLayer() * p.bytes(); }
}
