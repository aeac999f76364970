package dev.thaw.workload.llm;

import dev.thaw.workload.replay.InvocationTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which serverless functions are LLM endpoints and with which length profile: each function is an endpoint with
 * probability {@code share}, assigned profile i with probability {@code profileWeights[i]}. Invocations of
 * endpoints become LLM requests with lengths from their profile (and prefix blocks when a prefix model is given).
 */
public final class LlmEndpoints {
    private final int[] profileOf; // -1: not an LLM endpoint
    private final List<TokenLengthModel> profiles;

    public LlmEndpoints(int functions, double share, List<TokenLengthModel> profiles, double[] profileWeights, long seed) {
        if (!(share >= 0 && share <= 1)) throw new IllegalArgumentException("endpoint share must be in [0, 1], got " + share);
        if (profiles.isEmpty() || profiles.size() != profileWeights.length) throw new IllegalArgumentException("one weight per length profile");
        this.profiles = List.copyOf(profiles);
        SplittableRandom rng = new SplittableRandom(seed);
        double total = 0;
        for (double w : profileWeights) total += w;
        profileOf = new int[functions];
        for (int f = 0; f < functions; f++) {
            if (rng.nextDouble() >= share) { profileOf[f] = -1; continue; }
            double u = rng.nextDouble() * total;
            int p = 0;
            while (p < profileWeights.length - 1 && (u -= profileWeights[p]) >= 0) p++;
            profileOf[f] = p;
        }
    }

    public boolean isEndpoint(int function) { return profileOf[function] >= 0; }

    public int profileOf(int function) { return profileOf[function]; }

    /** LLM requests for the endpoint invocations of {@code trace}, ids in arrival order. */
    public List<LlmRequest> requests(InvocationTrace trace, PrefixBlocks prefixes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<LlmRequest> out = new ArrayList<>();
        int[] len = new int[2];
        for (int i = 0; i < trace.size(); i++) {
            int p = profileOf[trace.function(i)];
            if (p < 0) continue;
            profiles.get(p).sample(rng, len);
            long[] blocks = prefixes == null ? null : prefixes.assign(len[0], rng);
            out.add(new LlmRequest(out.size(), trace.time(i), len[0], len[1], blocks));
        }
        return out;
    }

    /** LLM requests at the given arrival times from one profile (no serverless mapping). */
    public static List<LlmRequest> requests(double[] arrivalS, TokenLengthModel lengths, PrefixBlocks prefixes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<LlmRequest> out = new ArrayList<>(arrivalS.length);
        int[] len = new int[2];
        for (double t : arrivalS) {
            lengths.sample(rng, len);
            out.add(new LlmRequest(out.size(), t, len[0], len[1], prefixes == null ? null : prefixes.assign(len[0], rng)));
        }
        return out;
    }
}
