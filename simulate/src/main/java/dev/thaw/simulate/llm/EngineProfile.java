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
 * <p>Overheads are the CPU/launch time the GPU waits per step: {@code stepOverheadS} plus {@code perSeqOverheadS}
 * per scheduled request (scheduling, input preparation, sampling, detokenization in the engine process). Their
 * defaults are estimates (see simulate/README.md) and the main calibration knobs. Steps that run without CUDA
 * graphs add {@code eagerLaunchPerLayerS} per layer (kernel launches from Python): in the V0-style engines every
 * step that carries prefill tokens (V0 captures graphs for decode batches only); 0 for vLLM v1, whose piecewise
 * CUDA graphs cover every step.
 */
public record EngineProfile(String name, Scheduling scheduling, int maxNumSeqs, int maxBatchedTokens, boolean prefixCaching,
                            int blockSize, double gpuMemoryUtilization, double stepOverheadS, double perSeqOverheadS,
                            double watermark, int maxModelLen, double reserveGib, double eagerLaunchPerLayerS) {

    /** Prefill-first (vLLM v0) or a shared token budget with chunked prefill (vLLM v1, Sarathi). */
    public enum Scheduling { PREFILL_FIRST, TOKEN_BUDGET }

    public EngineProfile {
        if (maxNumSeqs < 1 || maxBatchedTokens < 1 || blockSize < 1) throw new IllegalArgumentException("engine " + name + ": max_num_seqs, max_num_batched_tokens and block size must be >= 1");
        if (!(gpuMemoryUtilization > 0 && gpuMemoryUtilization <= 1)) throw new IllegalArgumentException("gpu_memory_utilization must be in (0, 1], got " + gpuMemoryUtilization);
        if (stepOverheadS < 0 || perSeqOverheadS < 0 || eagerLaunchPerLayerS < 0 || watermark < 0 || watermark >= 1 || maxModelLen < 0 || reserveGib < 0)
            throw new IllegalArgumentException("engine " + name + ": overheads, watermark, max_model_len and reserve must be non-negative");
    }

    /** vLLM 0.6 V0 defaults: 256 seqs, 8192 batched tokens (max(max_model_len, 2048) with an 8K context), 0.9 utilization. */
    public static EngineProfile vllmV0() {
        return new EngineProfile("vllm-v0", Scheduling.PREFILL_FIRST, 256, 8192, false, 16, 0.90, 2.0e-3, 20e-6, 0.01, 0, 1.5, 60e-6);
    }

    /** vLLM 0.8+ V1 defaults for the OpenAI server on data-center GPUs: 256 seqs, 8192-token budget, prefix caching. */
    public static EngineProfile vllmV1() {
        return new EngineProfile("vllm-v1", Scheduling.TOKEN_BUDGET, 256, 8192, true, 16, 0.90, 0.6e-3, 5e-6, 0.0, 0, 1.5, 0);
    }

    /** Sarathi-Serve with a 512-token chunk. */
    public static EngineProfile sarathi() {
        return new EngineProfile("sarathi", Scheduling.TOKEN_BUDGET, 256, 512, false, 16, 0.90, 1.0e-3, 10e-6, 0.0, 0, 1.5, 60e-6);
    }

    /**
     * vLLM 0.5/0.6 V0 with chunked prefill, which 0.6 turns on by default for models whose context exceeds 32K:
     * decodes first, then prefill chunks, in a budget of 512 tokens; V0 overheads.
     */
    public static EngineProfile vllmV0Chunked() {
        return new EngineProfile("vllm-v0-chunked", Scheduling.TOKEN_BUDGET, 256, 512, false, 16, 0.90, 2.0e-3, 20e-6, 0.0, 0, 1.5, 60e-6);
    }

    public static EngineProfile named(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "vllm-v0-chunked", "vllm-0.6-chunked" -> vllmV0Chunked();
            case "vllm-v0", "vllm0", "vllm-0.6", "vllm-0.5", "v0" -> vllmV0();
            case "vllm-v1", "vllm1", "vllm", "v1" -> vllmV1();
            case "sarathi", "sarathi-serve" -> sarathi();
            default -> throw new IllegalArgumentException("unknown engine profile '" + s + "': expected vllm-v0, vllm-v0-chunked, vllm-v1 or sarathi");
        };
    }

    public boolean chunkedPrefill() { return scheduling == Scheduling.TOKEN_BUDGET; }

    public EngineProfile withMaxNumSeqs(int v) { return new EngineProfile(name, scheduling, v, maxBatchedTokens, prefixCaching, blockSize, gpuMemoryUtilization, stepOverheadS, perSeqOverheadS, watermark, maxModelLen, reserveGib, eagerLaunchPerLayerS); }
    public EngineProfile withMaxBatchedTokens(int v) { return new EngineProfile(name, scheduling, maxNumSeqs, v, prefixCaching, blockSize, gpuMemoryUtilization, stepOverheadS, perSeqOverheadS, watermark, maxModelLen, reserveGib, eagerLaunchPerLayerS); }
    public EngineProfile withPrefixCaching(boolean v) { return new EngineProfile(name, scheduling, maxNumSeqs, maxBatchedTokens, v, blockSize, gpuMemoryUtilization, stepOverheadS, perSeqOverheadS, watermark, maxModelLen, reserveGib, eagerLaunchPerLayerS); }
    public EngineProfile withBlockSize(int v) { return new EngineProfile(name, scheduling, maxNumSeqs, maxBatchedTokens, prefixCaching, v, gpuMemoryUtilization, stepOverheadS, perSeqOverheadS, watermark, maxModelLen, reserveGib, eagerLaunchPerLayerS); }
    public EngineProfile withGpuMemoryUtilization(double v) { return new EngineProfile(name, scheduling, maxNumSeqs, maxBatchedTokens, prefixCaching, blockSize, v, stepOverheadS, perSeqOverheadS, watermark, maxModelLen, reserveGib, eagerLaunchPerLayerS); }
    public EngineProfile withOverheads(double stepS, double perSeqS) { return new EngineProfile(name, scheduling, maxNumSeqs, maxBatchedTokens, prefixCaching, blockSize, gpuMemoryUtilization, stepS, perSeqS, watermark, maxModelLen, reserveGib, eagerLaunchPerLayerS); }
    public EngineProfile withMaxModelLen(int v) { return new EngineProfile(name, scheduling, maxNumSeqs, maxBatchedTokens, prefixCaching, blockSize, gpuMemoryUtilization, stepOverheadS, perSeqOverheadS, watermark, v, reserveGib, eagerLaunchPerLayerS); }
    public EngineProfile withEagerLaunchPerLayerS(double v) { return new EngineProfile(name, scheduling, maxNumSeqs, maxBatchedTokens, prefixCaching, blockSize, gpuMemoryUtilization, stepOverheadS, perSeqOverheadS, watermark, maxModelLen, reserveGib, v); }
    public EngineProfile withReserveGib(double v) { return new EngineProfile(name, scheduling, maxNumSeqs, maxBatchedTokens, prefixCaching, blockSize, gpuMemoryUtilization, stepOverheadS, perSeqOverheadS, watermark, maxModelLen, v, eagerLaunchPerLayerS); }
}
