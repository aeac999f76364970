package dev.thaw.simulate.search;

import dev.thaw.workload.llm.LlmRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded synthetic workloads for tests: Poisson arrivals, log-uniform prompt and output lengths. */
final class Workloads {
    private Workloads() {}

    static Workload poisson(int n, double ratePerS, int maxPrompt, int maxOutput, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LlmRequest> out = new ArrayList<>();
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += -Math.log(1 - rnd.nextDouble()) / ratePerS;
            int p = (int) Math.round(Math.exp(rnd.nextDouble() * Math.log(maxPrompt)));
            int o = (int) Math.round(Math.exp(rnd.nextDouble() * Math.log(maxOutput)));
            out.add(new LlmRequest(i, t, Math.max(1, p), Math.max(1, o)));
        }
        return new Workload("poisson-" + ratePerS, out);
    }
}
