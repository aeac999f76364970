package dev.thaw.workload.llm;

import java.util.List;
import java.util.SplittableRandom;

/** Resamples observed (prompt, output) pairs together: the joint distribution, correlation included, is the trace's. */
public final class EmpiricalJointTokens implements TokenLengthModel {
    private final int[] prompt, output;

    public EmpiricalJointTokens(int[] prompt, int[] output) {
        if (prompt.length != output.length || prompt.length == 0) throw new IllegalArgumentException("need equally many (>0) prompt and output lengths");
        this.prompt = prompt.clone();
        this.output = output.clone();
    }

    public static EmpiricalJointTokens of(List<LlmRequest> reqs) {
        return new EmpiricalJointTokens(reqs.stream().mapToInt(LlmRequest::promptTokens).toArray(), reqs.stream().mapToInt(LlmRequest::outputTokens).toArray());
    }

    @Override public void sample(SplittableRandom rng, int[] out) {
        int i = rng.nextInt(prompt.length);
        out[0] = Math.max(1, prompt[i]);
        out[1] = Math.max(1, output[i]);
    }
}
