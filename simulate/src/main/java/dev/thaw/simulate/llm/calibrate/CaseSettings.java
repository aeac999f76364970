package dev.thaw.simulate.llm.calibrate;

import dev.thaw.simulate.llm.ParallelPlan;

/**
 * What a measurement file does not say about the server and the user gives as options: model, GPU, plan, weight and
 * KV formats, engine generation and knobs (vLLM's benchmark result holds none of them). AIConfigurator rows carry
 * their own; there these act as filters (model and GPU).
 */
public record CaseSettings(String model, String gpu, ParallelPlan plan, String weights, String kv, String engine,
                           int maxNumSeqs, int maxBatchedTokens) {
    public static final CaseSettings NONE = new CaseSettings(null, null, null, "bf16", "bf16", "vllm-v1", 0, 0);

    /** Fails with a clear message when a file needs a setting the user did not give. */
    String require(String what, String value, String file) {
        if (value == null || value.isBlank())
            throw new IllegalArgumentException(file + ": the file does not say which " + what + " ran; give --" + what);
        return value;
    }
}
