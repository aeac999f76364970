package dev.thaw.workload.llm;

/**
 * One LLM inference request as every part of thaw sees it: when it arrives and how many tokens go in and come out.
 * {@code prefixBlocks} holds Mooncake-style prefix block hashes (512-token blocks; equal ids share KV), or an empty
 * array when the trace has none.
 */
public record LlmRequest(long id, double arrivalS, int promptTokens, int outputTokens, long[] prefixBlocks) {
    private static final long[] NONE = new long[0];

    public LlmRequest {
        if (promptTokens < 0 || outputTokens < 0) throw new IllegalArgumentException("negative token count in request " + id);
        if (prefixBlocks == null) prefixBlocks = NONE;
    }

    public LlmRequest(long id, double arrivalS, int promptTokens, int outputTokens) {
        this(id, arrivalS, promptTokens, outputTokens, NONE);
    }
}
