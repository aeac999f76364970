package dev.thaw.workload.replay;

import dev.thaw.workload.llm.LlmRequest;
import java.util.ArrayList;
import java.util.List;

/** The replay transforms for LLM request traces (ids renumbered in arrival order, tokens and prefixes kept). */
public final class LlmReplay {
    private LlmReplay() {}

    public static List<LlmRequest> timeWarp(List<LlmRequest> reqs, double speedup) {
        if (!(speedup > 0) || Double.isInfinite(speedup)) throw new IllegalArgumentException("speed-up must be positive and finite, got " + speedup);
        double t0 = reqs.isEmpty() ? 0 : reqs.get(0).arrivalS();
        List<LlmRequest> out = new ArrayList<>(reqs.size());
        for (LlmRequest r : reqs) out.add(new LlmRequest(r.id(), t0 + (r.arrivalS() - t0) / speedup, r.promptTokens(), r.outputTokens(), r.prefixBlocks()));
        return out;
    }

    public static List<LlmRequest> window(List<LlmRequest> reqs, double fromS, double toS) {
        if (!(fromS <= toS)) throw new IllegalArgumentException("window start " + fromS + " is after its end " + toS);
        return reqs.stream().filter(r -> r.arrivalS() >= fromS && r.arrivalS() < toS).toList();
    }

    /** Thinning below 1, shifted replicas above 1 (see {@link RateScaler}); the whole trace is one group. */
    public static List<LlmRequest> rateScale(List<LlmRequest> reqs, double factor, long seed) {
        double[] t = new double[reqs.size()];
        for (int i = 0; i < t.length; i++) t[i] = reqs.get(i).arrivalS();
        RateScaler.Scaled sc = RateScaler.scale(t, new int[t.length], 1, factor, seed);
        List<LlmRequest> out = new ArrayList<>(sc.times().length);
        for (int j = 0; j < sc.times().length; j++) {
            LlmRequest r = reqs.get(sc.source()[j]);
            out.add(new LlmRequest(j, sc.times()[j], r.promptTokens(), r.outputTokens(), r.prefixBlocks()));
        }
        return out;
    }
}
