package dev.thaw.simulate.llm.perf.db;

import java.util.function.IntToDoubleFunction;

/**
 * A per-layer time by token count, memoised in an array for the token counts a step can have (the engine's token
 * budget), so the hot path is one array read. Filled lazily: racing threads compute the same value, so a lost
 * write costs only time.
 */
final class TokenCurve {
    static final int CACHED = 16385;
    private final IntToDoubleFunction f;
    private final double[] memo = new double[CACHED];

    TokenCurve(IntToDoubleFunction f) { this.f = f; }

    double at(int tokens) {
        if (tokens <= 0) return 0;
        if (tokens >= CACHED) return f.applyAsDouble(tokens);
        double v = memo[tokens];
        if (v == 0) memo[tokens] = v = f.applyAsDouble(tokens);
        return v;
    }
}
