package dev.thaw.simulate.search;

import dev.thaw.simulate.llm.Precision;

import java.util.List;

/**
 * One point of the plan space: hardware, parallel degrees (data x tensor x pipeline, expert parallel inside the
 * data x tensor group), the layers each pipeline stage holds, quantization and engine knobs, and
 * {@code prefillReplicas}: how many of the dp replicas only prefill (disaggregated prefill/decode; 0 = colocated).
 * {@code id} is the enumeration order; it breaks ties so that results never depend on thread timing.
 */
public record Candidate(int id, ClusterChoice cluster, int dp, int tp, int pp, int ep, List<Integer> stageLayers,
                        Precision weights, Precision kv, String engine, int maxNumSeqs, int maxBatchedTokens,
                        String router, int prefillReplicas) implements java.io.Serializable {
    public Candidate {
        if (dp < 1 || tp < 1 || pp < 1 || ep < 1) throw new IllegalArgumentException("parallel degrees must be positive");
        stageLayers = List.copyOf(stageLayers);
        if (stageLayers.size() != pp) throw new IllegalArgumentException("need one layer count per pipeline stage");
        if (prefillReplicas < 0 || (prefillReplicas > 0 && prefillReplicas >= dp))
            throw new IllegalArgumentException("prefill replicas must leave at least one decode replica: " + prefillReplicas + " of dp=" + dp);
    }

    /** A colocated plan (every replica prefills and decodes). */
    public Candidate(int id, ClusterChoice cluster, int dp, int tp, int pp, int ep, List<Integer> stageLayers, Precision weights,
                     Precision kv, String engine, int maxNumSeqs, int maxBatchedTokens, String router) {
        this(id, cluster, dp, tp, pp, ep, stageLayers, weights, kv, engine, maxNumSeqs, maxBatchedTokens, router, 0);
    }

    public int gpus() { return dp * tp * pp; }

    /** True when the pipeline stages do not all hold the same number of layers. */
    public boolean unevenPipeline() { return stageLayers.stream().distinct().count() > 1; }

    /** The plan in {@code thaw simulate --plan} syntax. */
    public String plan() {
        return "dp=" + dp + ",tp=" + tp + ",pp=" + pp + (ep > 1 ? ",ep=" + ep : "");
    }

    /** Everything that distinguishes this candidate, for tables and logs. */
    public String label() {
        StringBuilder b = new StringBuilder(plan());
        if (unevenPipeline()) b.append(",layers=").append(String.join("/", stageLayers.stream().map(String::valueOf).toList()));
        b.append(' ').append(weights.id()).append("/kv-").append(kv.id())
                .append(" seqs=").append(maxNumSeqs).append(" tokens=").append(maxBatchedTokens);
        if (dp > 1) b.append(" router=").append(router);
        if (prefillReplicas > 0) b.append(" prefill:decode=").append(prefillReplicas).append(':').append(dp - prefillReplicas);
        b.append(" on ").append(cluster);
        return b.toString();
    }

    /** A copy with another id (used when a baseline is built outside the enumeration). */
    public Candidate withId(int newId) {
        return new Candidate(newId, cluster, dp, tp, pp, ep, stageLayers, weights, kv, engine, maxNumSeqs, maxBatchedTokens, router, prefillReplicas);
    }

    /** Same plan, other knobs: the identity of everything but the id, for finding a baseline inside an enumeration. */
    public boolean sameAs(Candidate o) {
        return cluster.equals(o.cluster) && dp == o.dp && tp == o.tp && pp == o.pp && ep == o.ep
                && stageLayers.equals(o.stageLayers) && weights == o.weights && kv == o.kv && engine.equals(o.engine)
                && maxNumSeqs == o.maxNumSeqs && maxBatchedTokens == o.maxBatchedTokens
                && (dp == 1 || router.equals(o.router)) && prefillReplicas == o.prefillReplicas;
    }
}
