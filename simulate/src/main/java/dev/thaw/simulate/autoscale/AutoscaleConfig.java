package dev.thaw.simulate.autoscale;

import dev.thaw.simulate.faas.policy.KeepAlivePolicies;

/**
 * How one LLM endpoint scales: between {@code minReplicas} (0 = scale to zero) and {@code maxReplicas} replicas of
 * {@code gpusPerReplica} GPUs each; a new replica takes {@code coldStartS} to become ready; an idle replica is
 * removed when the keep-alive policy ({@code thaw faas} names: {@code fixed:10m}, {@code hybrid}, ...) says so.
 * A request that finds every replica at its concurrency starts a new replica (if allowed) and waits for it.
 */
public record AutoscaleConfig(String keepAlive, int minReplicas, int maxReplicas, double coldStartS, int gpusPerReplica,
                              double pricePerGpuHour, double sloTtftS, double sloTpotS) {
    public AutoscaleConfig {
        KeepAlivePolicies.parse(keepAlive);
        if (minReplicas < 0 || maxReplicas < Math.max(1, minReplicas)) throw new IllegalArgumentException("need 0 <= min <= max and max >= 1, got " + minReplicas + ".." + maxReplicas);
        if (!(coldStartS >= 0) || gpusPerReplica < 1 || !(pricePerGpuHour >= 0) || !(sloTtftS > 0) || !(sloTpotS > 0))
            throw new IllegalArgumentException("cold start >= 0, GPUs >= 1, price >= 0 and SLOs > 0 required");
    }

    public String label() { return keepAlive + ",min=" + minReplicas + ",max=" + maxReplicas; }
}
