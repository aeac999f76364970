package dev.thaw.simulate.llm;

/**
 * Disaggregated prefill and decode (Splitwise / DistServe style): of the plan's {@code dp} replicas the first
 * {@code prefillReplicas} only prefill; when a prompt is done (its first token sampled) its KV moves to a decode
 * replica, taking {@code latency + KV bytes per GPU / link bandwidth} over the link between the two replicas
 * (inter-node when a pair of replicas does not fit in one node, else the intra-node link), every GPU sending its
 * own shard in parallel. The decode replica then decodes it without recomputing the prompt.
 */
public record Disaggregation(int prefillReplicas) {
    public static final Disaggregation NONE = new Disaggregation(0);

    public Disaggregation {
        if (prefillReplicas < 0) throw new IllegalArgumentException("prefill replicas must be >= 0");
    }

    public boolean enabled() { return prefillReplicas > 0; }
}
