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
    /** Sequences in the batch (decodes plus prefill chunks). */
    public int seqs;
    /** Sequences that sample a token this step (decodes plus chunks that finish a prompt). */
    public int logitSeqs;
    /** Prefill (or recompute) chunks in the step. */
    public int prefillChunks;

    // ---- outputs ----
    /** Wall time of the step (seconds): the latency from launch to sampled tokens. */
    public double timeS;
    /** Per GPU: max(FLOPs / peak, bytes / peak bandwidth), the busy time that sets dynamic power (seconds). */
    public double busyS;
    /** Bytes the whole replica sends over intra-node and inter-node links this step. */
    public double wireBytesIntra, wireBytesInter;

    public void clear() {
        prefillTokens = decodeSeqs = seqs = logitSeqs = prefillChunks = 0;
        decodeContextSum = prefillContextTokens = 0;
        prefillAttnPairs = 0;
        timeS = busyS = wireBytesIntra = wireBytesInter = 0;
    }

    public int tokens() { return prefillTokens + decodeSeqs; }

    /** Adds one prefill chunk of {@code chunk} tokens after {@code cached} tokens already in the KV cache. */
    public void addPrefill(int cached, int chunk, boolean samples) {
        prefillTokens += chunk;
        prefillAttnPairs += chunk * (cached + (chunk + 1) * 0.5);
        prefillContextTokens += cached + chunk;
        prefillChunks++;
        seqs++;
        if (samples) logitSeqs++;
    }

    /** Adds one decoding sequence whose attention reads {@code context} tokens. */
    public void addDecode(int context) {
        decodeSeqs++;
        decodeContextSum += context;
        seqs++;
        logitSeqs++;
    }
}
