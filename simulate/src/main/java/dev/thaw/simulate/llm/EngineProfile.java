package dev.thaw.simulate.llm;

import java.util.Locale;

/**
 * The scheduling behaviour of one serving engine, and its knobs. Three profiles, each named for what it imitates:
 * <ul>
 *   <li>{@code vllm-v0}: vLLM 0.5/0.6 default (V0 engine). Prefill-first: a step prefills whole prompts of waiting
 *   requests (FCFS, up to max_num_batched_tokens and max_num_seqs, only when all their KV blocks fit above a 1%
 *   watermark) or, if none can be admitted, decodes every running request. No chunked prefill, no prefix caching;
 *   CUDA graphs for decode only.</li>
 *   <li>{@code vllm-v1}: vLLM 0.8+ (V1 engine). One token budget per step, spent first on running requests (decode
 *   tokens and unfinished prefill chunks), then on waiting requests with chunked prefill; prefix caching by block
 *   hash on; CUDA graphs (piecewise) for every step.</li>
 *   <li>{@code sarathi}: Sarathi-Serve (OSDI'24): the same stall-free batching as v1 with a fixed token budget
 *   (chunk) of 512, no prefix caching.</li>
 * </ul>
 * All three preempt by recompute when KV blocks run out: the newest running request loses its blocks and goes back
 * to the front of the queue, and its prompt plus the tokens it already generated are prefilled again.
 *
 * <p>Time outside the GPU kernels is an {@link EngineOverheads} record (fixed per step, per sequence, per TP rank,
 * sampling over the vocabulary, prefill admission, eager launches, and a per-request fixed cost); the shipped
 * profiles carry values fitted on measured end-to-end runs where the data covers the engine generation
 * (simulate/README.md lists each constant, its source and its fit residual), and {@code thaw calibrate} fits them
 * to a user's own measurements ({@link EngineProfileFile}).
 */
public record EngineProfile(String name, Scheduling scheduling, int maxNumSeqs, int maxBatchedTokens, boolean prefixCaching,
                            int blockSize, double gpuMemoryUtilization, double watermark, int maxModelLen, double reserveGib,
                            EngineOverheads overheads) {

    /** Prefill-first (vLLM v0) or a shared token budget with chunked prefill (vLLM v1, Sarathi). */
    public enum Scheduling { PREFILL_FIRST, TOKEN_BUDGET }

    public EngineProfile {
        if (maxNumSeqs < 1 || maxBatchedTokens < 1 || blockSize < 1) throw new IllegalArgumentException("engine " + name + ": max_num_seqs, max_num_batched_tokens and block size must be >= 1");
        if (!(gpuMemoryUtilization > 0 && gpuMemoryUtilization <= 1)) throw new IllegalArgumentException("gpu_memory_utilization must be in (0, 1], got " + gpuMemoryUtilization);
        if (watermark < 0 || watermark >= 1 || maxModelLen < 0 || reserveGib < 0)
            throw new IllegalArgumentException("engine " + name + ": watermark, max_model_len and reserve must be non-negative");
        if (overheads == null) throw new IllegalArgumentException("engine " + name + ": overheads must not be null");
    }

    /** Overheads of the vLLM V0 generation (0.5/0.6): not fitted (no V0 end-to-end runs are bundled); estimates. */
    static final EngineOverheads V0_OVERHEADS = new EngineOverheads(2.0e-3, 20e-6, 0, 0, 0, 60e-6, 0);
    /**
     * Overheads of the vLLM V1 generation (0.8+), fitted on the 127 usable H100 vLLM rows of AIConfigurator's
     * end-to-end file (Qwen3-32B BF16 on vLLM 0.12.0, Llama-3.1-70B FP8; TP 2/4/8) on top of the bundled H100
     * kernel database (perf_db): simulate/README.md lists each value with its fit residual and the command that reproduces it.
     */
    static final EngineOverheads V1_OVERHEADS = new EngineOverheads(1.02e-3, 34.1e-6, 44.4e-6, 0, 2.22e-3, 0, 0, 0.850e-3);
    static final EngineOverheads SARATHI_OVERHEADS = new EngineOverheads(1.0e-3, 10e-6, 0, 0, 0, 60e-6, 0);

    /** vLLM 0.6 V0 defaults: 256 seqs, 8192 batched tokens (max(max_model_len, 2048) with an 8K context), 0.9 utilization. */
    public static EngineProfile vllmV0() {
        return new EngineProfile("vllm-v0", Scheduling.PREFILL_FIRST, 256, 8192, false, 16, 0.90, 0.01, 0, 1.5, V0_OVERHEADS);
    }

    /** vLLM 0.8+ V1 defaults for the OpenAI server on data-center GPUs: 256 seqs, 8192-token budget, prefix caching. */
    public static EngineProfile vllmV1() {
        return new EngineProfile("vllm-v1", Scheduling.TOKEN_BUDGET, 256, 8192, true, 16, 0.90, 0.0, 0, 1.5, V1_OVERHEADS);
    }

    /** Sarathi-Serve with a 512-token chunk. */
    public static EngineProfile sarathi() {
        return new EngineProfile("sarathi", Scheduling.TOKEN_BUDGET, 256, 512, false, 16, 0.90, 0.0, 0, 1.5, SARATHI_OVERHEADS);
    }

    /**
     * vLLM 0.5/0.6 V0 with chunked prefill, which 0.6 turns on by default for models whose context exceeds 32K:
     * decodes first, then prefill chunks, in a budget of 512 tokens; V0 overheads.
     */
    public static EngineProfile vllmV0Chunked() {
        return new EngineProfile("vllm-v0-chunked", Scheduling.TOKEN_BUDGET, 256, 512, false, 16, 0.90, 0.0, 0, 1.5, V0_OVERHEADS);
    }

    /** A bundled profile by name, or an engine profile JSON written by {@code thaw calibrate} (a path ending in .json). */
    public static EngineProfile named(String s) {
        if (EngineProfileFile.looksLikeFile(s)) return EngineProfileFile.readCached(java.nio.file.Path.of(s)).profile();
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "vllm-v0-chunked", "vllm-0.6-chunked" -> vllmV0Chunked();
            case "vllm-v0", "vllm0", "vllm-0.6", "vllm-0.5", "v0" -> vllmV0();
            case "vllm-v1", "vllm1", "vllm", "v1" -> vllmV1();
            case "sarathi", "sarathi-serve" -> sarathi();
            default -> throw new IllegalArgumentException("unknown engine profile '" + s + "': expected vllm-v0, vllm-v0-chunked, vllm-v1, sarathi or a profile .json written by thaw calibrate");
        };
    }

    public boolean chunkedPrefill() { return scheduling == Scheduling.TOKEN_BUDGET; }

    public double stepOverheadS() { return overheads.stepS(); }
    public double perSeqOverheadS() { return overheads.perSeqS(); }
    public double eagerLaunchPerLayerS() { return overheads.eagerLaunchPerLayerS(); }

    public EngineProfile withName(String v) { return new EngineProfile(v, scheduling, maxNumSeqs, maxBatchedTokens, prefixCaching, blockSize, gpuMemoryUtilization, watermark, maxModelLen, reserveGib, overheads); }
    public EngineProfile withMaxNumSeqs(int v) { return new EngineProfile(name, scheduling, v, maxBatchedTokens, prefixCaching, blockSize, gpuMemoryUtilization, watermark, maxModelLen, reserveGib, overheads); }
    public EngineProfile withMaxBatchedTokens(int v) { return new EngineProfile(name, scheduling, maxNumSeqs, v, prefixCaching, blockSize, gpuMemoryUtilization, watermark, maxModelLen, reserveGib, overheads); }
    public EngineProfile withPrefixCaching(boolean v) { return new EngineProfile(name, scheduling, maxNumSeqs, maxBatchedTokens, v, blockSize, gpuMemoryUtilization, watermark, maxModelLen, reserveGib, overheads); }
    public EngineProfile withBlockSize(int v) { return new EngineProfile(name, scheduling, maxNumSeqs, maxBatchedTokens, prefixCaching, v, gpuMemoryUtilization, watermark, maxModelLen, reserveGib, overheads); }
    public EngineProfile withGpuMemoryUtilization(double v) { return new EngineProfile(name, scheduling, maxNumSeqs, maxBatchedTokens, prefixCaching, blockSize, v, watermark, maxModelLen, reserveGib, overheads); }
    public EngineProfile withOverheads(EngineOverheads v) { return new EngineProfile(name, scheduling, maxNumSeqs, maxBatchedTokens, prefixCaching, blockSize, gpuMemoryUtilization, watermark, maxModelLen, reserveGib, v); }
    /** Only these two overheads, per step and per sequence (every other term zero): kernel time plus a simple engine. */
    public EngineProfile withOverheads(double stepS, double perSeqS) {
        return withOverheads(new EngineOverheads(stepS, perSeqS, 0, 0, 0, 0, 0, 0));
    }
    public EngineProfile withMaxModelLen(int v) { return new EngineProfile(name, scheduling, maxNumSeqs, maxBatchedTokens, prefixCaching, blockSize, gpuMemoryUtilization, watermark, v, reserveGib, overheads); }
    public EngineProfile withEagerLaunchPerLayerS(double v) { return withOverheads(overheads.withEagerLaunchPerLayerS(v)); }
    public EngineProfile withReserveGib(double v) { return new EngineProfile(name, scheduling, maxNumSeqs, maxBatchedTokens, prefixCaching, blockSize, gpuMemoryUtilization, watermark, maxModelLen, v, overheads); }
}
