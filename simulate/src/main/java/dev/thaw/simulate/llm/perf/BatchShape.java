package dev.thaw.simulate.llm.perf;

/**
 * What one engine step computes, as sums the cost model needs (no per-token objects), and the cost the model
 * wrote back. Mutable and reused by the engine on its hot path; {@link #clear()} between steps.
 */
public final class BatchShape {
    /** Prompt (or recompute) tokens computed this step, over all prefill chunks. */
    public int prefillTokens;
    /** Sequences decoding one token this step. */
    public int decodeSeqs;
    /** Sum over decoding sequences of the context each one's attention reads (tokens, including the new one). */
    public long decodeContextSum;
    /** Sum over prefill chunks of c x (p + (c + 1) / 2): causal query-key pairs of a chunk of c tokens after p cached ones. */
    public double prefillAttnPairs;
    /** Sum over prefill chunks of p + c: KV tokens the chunk's attention reads. */
    public long prefillContextTokens;
    /** Longest context a decoding sequence reads, and most causal pairs of one prefill chunk (a batch is never faster than its largest member alone). */
    public int decodeContextMax;
    public double prefillPairsMax;
    /** Sequences in the batch (decodes plus prefill chunks). */
    public int seqs;
    /** Sequences that sample a token this step (decodes plus chunks that finish a prompt). */
    public int logitSeqs;
    /** Prefill (or recompute) chunks in the step. */
    public int prefillChunks;
    /**
     * Tokens the MoE layers see: the sum over the replicas of an expert-parallel group that step in lockstep (vLLM's
     * DP attention + EP); 0 means this batch's own tokens.
     */
    public int groupTokens;

    // ---- outputs ----
    /** Wall time of the step (seconds): the latency from launch to sampled tokens. */
    public double timeS;
    /** Per GPU: max(FLOPs / peak, bytes / peak bandwidth), the busy time that sets dynamic power (seconds). */
    public double busyS;
    /** Bytes the whole replica sends over intra-node and inter-node links this step. */
    public double wireBytesIntra, wireBytesInter;
    /** CPU time before the first pipeline stage runs (engine overheads), seconds. */
    public double overheadS;
    /**
     * GPU time of each pipeline stage (its layers, plus the activation receive on later stages and the LM head on the
     * last); {@code overheadS + sum(stageS) = timeS}. Reused between steps (length = pp).
     */
    public double[] stageS = new double[1];

    public void clear() {
        prefillTokens = decodeSeqs = seqs = logitSeqs = prefillChunks = groupTokens = 0;
        decodeContextSum = prefillContextTokens = 0;
        prefillAttnPairs = prefillPairsMax = 0;
        decodeContextMax = 0;
        timeS = busyS = wireBytesIntra = wireBytesInter = overheadS = 0;
    }

    public int tokens() { return prefillTokens + decodeSeqs; }

    /** Tokens the MoE layers compute on: the lockstep group's, else this batch's. */
    public int moeTokens() { return groupTokens > 0 ? groupTokens : tokens(); }

    /** Adds one prefill chunk of {@code chunk} tokens after {@code cached} tokens already in the KV cache. */
    public void addPrefill(int cached, int chunk, boolean samples) {
        prefillTokens += chunk;
        double pairs = chunk * (cached + (chunk + 1) * 0.5);
        prefillAttnPairs += pairs;
        prefillPairsMax = Math.max(prefillPairsMax, pairs);
        prefillContextTokens += cached + chunk;
        prefillChunks++;
        seqs++;
        if (samples) logitSeqs++;
    }

    /** Adds one decoding sequence whose attention reads {@code context} tokens. */
    public void addDecode(int context) {
        decodeSeqs++;
        decodeContextSum += context;
        decodeContextMax = Math.max(decodeContextMax, context);
        seqs++;
        logitSeqs++;
    }
}
