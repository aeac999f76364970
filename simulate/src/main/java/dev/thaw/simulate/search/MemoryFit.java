package dev.thaw.simulate.search;

/**
 * Static memory of one plan on its busiest device: weights in GiB, and the KV cache left for one replica in tokens
 * after weights, activation peak and reserves. {@code fits} is false when weights and activations alone exceed the
 * usable memory; {@code reason} says why.
 */
public record MemoryFit(boolean fits, double weightsGibPerGpu, long kvCapacityTokens, String reason) {
    public static MemoryFit ok(double weightsGib, long kvTokens) { return new MemoryFit(true, weightsGib, kvTokens, ""); }

    public static MemoryFit tooBig(double weightsGib, String reason) { return new MemoryFit(false, weightsGib, 0, reason); }
}
