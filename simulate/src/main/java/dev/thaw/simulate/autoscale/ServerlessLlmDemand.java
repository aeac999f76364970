package dev.thaw.simulate.autoscale;

import dev.thaw.workload.llm.LlmRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Bursty, serverless-shaped LLM demand for autoscaling studies: a two-state on/off modulated Poisson process
 * (bursts of mean {@code burstS} at {@code burstFactor} times the mean rate, quiet spells in between whose rate
 * keeps the long-run mean) under a diurnal profile ({@code 1 + 0.6 sin}, peak mid-day), with log-normal prompt
 * (median 1,020 tokens) and output (median 129) lengths like the Azure 2023 conversation trace. Seeded and
 * reproducible; a stand-in until the workload module's fitted MMPP and length models are wired in.
 */
public final class ServerlessLlmDemand {
    private ServerlessLlmDemand() {}

    public static List<LlmRequest> generate(long seed, double durationS, double meanRatePerS) {
        return generate(seed, durationS, meanRatePerS, 5, 120, 0.15);
    }

    /**
     * @param burstFactor rate during a burst over the mean rate
     * @param burstS mean burst length, seconds
     * @param burstShare long-run share of time in bursts (burstFactor x burstShare must be below 1)
     */
    public static List<LlmRequest> generate(long seed, double durationS, double meanRatePerS, double burstFactor, double burstS, double burstShare) {
        if (!(durationS > 0) || !(meanRatePerS > 0) || !(burstFactor >= 1) || !(burstS > 0) || !(burstShare > 0 && burstShare < 1) || burstFactor * burstShare >= 1)
            throw new IllegalArgumentException("need duration > 0, rate > 0, burst factor >= 1, burst length > 0, 0 < share < 1 and factor x share < 1");
        SplittableRandom r = new SplittableRandom(seed);
        double onRate = meanRatePerS * burstFactor;
        double offRate = meanRatePerS * (1 - burstFactor * burstShare) / (1 - burstShare);
        double offS = burstS * (1 - burstShare) / burstShare;
        double peak = 1.6 * onRate;
        List<LlmRequest> out = new ArrayList<>();
        boolean on = false;
        double t = 0, switchAt = exp(r, offS);
        long id = 0;
        while (true) {
            t += exp(r, 1 / peak);
            while (t >= switchAt) {
                on = !on;
                switchAt += exp(r, on ? burstS : offS);
            }
            if (t >= durationS) break;
            double rate = (on ? onRate : offRate) * (1 + 0.6 * Math.sin(2 * Math.PI * (t / 86_400 - 0.25)));
            if (r.nextDouble() * peak > rate) continue;  // thinning
            int prompt = (int) Math.max(16, Math.min(8000, Math.exp(Math.log(1020) + 1.0 * r.nextGaussian())));
            int output = (int) Math.max(1, Math.min(2000, Math.exp(Math.log(129) + 0.9 * r.nextGaussian())));
            out.add(new LlmRequest(id++, t, prompt, output));
        }
        return out;
    }

    private static double exp(SplittableRandom r, double mean) { return -Math.log(1 - r.nextDouble()) * mean; }
}
