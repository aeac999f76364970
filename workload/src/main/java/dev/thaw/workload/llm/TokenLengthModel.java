package dev.thaw.workload.llm;

import java.util.SplittableRandom;

/** Joint model of (prompt tokens, output tokens) for one request; implementations keep their correlation. */
public interface TokenLengthModel {
    /** Draws one request's lengths into {@code out[0]} (prompt) and {@code out[1]} (output), both >= 1. */
    void sample(SplittableRandom rng, int[] out);
}
