package dev.thaw.simulate.llm;

import java.util.Locale;

/**
 * How a model is laid out on GPUs: {@code dp} data-parallel replicas, each of {@code tp} x {@code pp} GPUs (tensor
 * parallel inside a pipeline stage, {@code pp} stages); {@code ep} is the expert-parallel degree of MoE layers.
 * Two layouts: {@code ep} dividing {@code tp} splits experts inside the tensor-parallel group (1 = experts are
 * tensor-sliced; ep = tp = each GPU holds whole experts); {@code ep} a multiple of {@code tp} that divides
 * {@code dp x tp} is vLLM's {@code --enable-expert-parallel} with data-parallel attention: attention runs per replica
 * (tp-sharded), the MoE layers of {@code ep / tp} replicas form one expert-parallel group of {@code ep} GPUs holding
 * whole experts, and those replicas step in lockstep (vLLM: EP = DP x TP).
 * Text form (the CLI's {@code --plan}): {@code dp=D,tp=T,pp=P[,ep=E]}, missing keys default to 1.
 */
public record ParallelPlan(int dp, int tp, int pp, int ep) implements java.io.Serializable {
    public ParallelPlan {
        if (dp < 1 || tp < 1 || pp < 1 || ep < 1) throw new IllegalArgumentException("plan degrees must be >= 1: " + format(dp, tp, pp, ep));
        if (tp % ep != 0 && (ep % tp != 0 || (dp * tp) % ep != 0))
            throw new IllegalArgumentException("ep must divide tp (experts split inside a replica) or be a multiple of tp dividing dp x tp"
                    + " (expert parallelism across data-parallel replicas, as vLLM's --enable-expert-parallel): " + format(dp, tp, pp, ep));
    }

    public ParallelPlan(int dp, int tp, int pp) { this(dp, tp, pp, 1); }

    public static ParallelPlan parse(String text) {
        int dp = 1, tp = 1, pp = 1, ep = 1;
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty plan: expected dp=D,tp=T,pp=P[,ep=E]");
        for (String part : text.trim().toLowerCase(Locale.ROOT).split("\\s*,\\s*")) {
            String[] kv = part.split("\\s*=\\s*");
            if (kv.length != 2) throw new IllegalArgumentException("bad plan part '" + part + "' in '" + text + "': expected dp=D,tp=T,pp=P[,ep=E]");
            int v;
            try { v = Integer.parseInt(kv[1]); } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad plan degree '" + kv[1] + "' in '" + text + "': expected a positive integer");
            }
            switch (kv[0]) {
                case "dp" -> dp = v;
                case "tp" -> tp = v;
                case "pp" -> pp = v;
                case "ep" -> ep = v;
                default -> throw new IllegalArgumentException("unknown plan key '" + kv[0] + "' in '" + text + "': expected dp, tp, pp or ep");
            }
        }
        return new ParallelPlan(dp, tp, pp, ep);
    }

    /** True when the expert-parallel group spans several data-parallel replicas (vLLM's DP attention + EP). */
    public boolean expertsAcrossReplicas() { return ep > tp; }

    /** Replicas whose MoE layers form one expert-parallel group and step in lockstep (1 when ep <= tp). */
    public int replicasPerExpertGroup() { return ep > tp ? ep / tp : 1; }

    /** GPUs one routed expert's weights are spread over, and the divisor of the routed experts' memory: max(tp, ep). */
    public int expertShards() { return Math.max(tp, ep); }

    /** GPUs of one replica. */
    public int gpusPerReplica() { return tp * pp; }

    /** GPUs of the whole plan. */
    public int gpus() { return dp * tp * pp; }

    @Override public String toString() { return format(dp, tp, pp, ep); }

    private static String format(int dp, int tp, int pp, int ep) {
        return "dp=" + dp + ",tp=" + tp + ",pp=" + pp + (ep > 1 ? ",ep=" + ep : "");
    }
}
