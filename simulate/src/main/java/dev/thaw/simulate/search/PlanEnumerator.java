package dev.thaw.simulate.search;

import dev.thaw.simulate.llm.Precision;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists every combination of the plan space in a fixed order: for each cluster, every factorisation
 * dp x tp x pp of its GPU count (tp outer, then pp), every pipeline split, for MoE models the expert-parallel
 * degrees vLLM can run ({@link #expertDegrees}: ep = 1 slices every expert over tp GPUs, ep = tp gives each GPU of
 * a replica whole experts, and with dp &gt; 1 ep = dp x tp is {@code --enable-expert-parallel} with data-parallel
 * attention, experts over every GPU of a stage, replicas in lockstep), then quantization, engine knobs, router and (when the space asks for
 * disaggregation) the number of prefill-only replicas. Splits other than the
 * balanced one are listed only when {@code headAwareSplits} is set (the evaluator must model them). Illegal combinations are listed too; the
 * {@link PlanRules} remove them and count how many each rule removed.
 */
public final class PlanEnumerator {
    private PlanEnumerator() {}

    public static List<Candidate> enumerate(ModelShape model, PlanSpace space) { return enumerate(model, space, false); }

    public static List<Candidate> enumerate(ModelShape model, PlanSpace space, boolean headAwareSplits) {
        List<Candidate> out = new ArrayList<>();
        for (ClusterChoice cluster : space.clusters()) {
            int g = cluster.gpus();
            for (int tp : divisors(g)) {
                for (int pp : divisors(g / tp)) {
                    int dp = g / tp / pp;
                    List<Integer> eps = model.isMoe() ? expertDegrees(dp, tp) : List.of(1);
                    for (List<Integer> split : splits(model, pp, space.unevenPipeline() && headAwareSplits)) {
                        for (int ep : eps) {
                            for (Precision w : space.weights())
                                for (Precision kv : space.kv())
                                    for (String engine : space.engines())
                                        for (int seqs : space.maxNumSeqs())
                                            for (int tokens : space.maxBatchedTokens())
                                                for (String router : space.routers())
                                                    for (int pre = 0; pre < (space.disaggregation() ? Math.max(1, dp) : 1); pre++)
                                                        out.add(new Candidate(out.size(), cluster, dp, tp, pp, ep, split, w, kv,
                                                                engine, seqs, tokens, router, pre));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The stage splits tried for one pipeline degree (see {@link PlanSpace}). */
    static List<List<Integer>> splits(ModelShape model, int pp, boolean headAware) {
        int layers = model.layers();
        if (pp > layers) return List.of(fill(pp, 0, layers));  // illegal; kept so the rule can count it
        List<List<Integer>> out = new ArrayList<>();
        out.add(PipelineSplits.balanced(layers, pp));
        if (headAware && pp > 1) {
            List<Integer> head = PipelineSplits.headAware(layers, pp, model.layerParams(), model.headParams());
            if (!out.contains(head)) out.add(head);
        }
        return out;
    }

    private static List<Integer> fill(int pp, int value, int layers) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < pp; i++) l.add(i < layers ? 1 : value);
        return l;
    }

    /**
     * Expert-parallel degrees tried, those a vLLM deployment can express: 1 (experts sliced over TP), tp (each
     * replica its own server with {@code --enable-expert-parallel}) and, with several replicas, dp x tp (one server
     * with data-parallel attention and {@code --enable-expert-parallel}). Degrees strictly between 1 and tp split
     * experts in a way no engine offers and are left out.
     */
    static List<Integer> expertDegrees(int dp, int tp) {
        List<Integer> eps = new ArrayList<>(List.of(1));
        if (tp > 1) eps.add(tp);
        if (dp > 1) eps.add(dp * tp);
        return eps;
    }

    static List<Integer> divisors(int n) {
        List<Integer> d = new ArrayList<>();
        for (int i = 1; i <= n; i++) if (n % i == 0) d.add(i);
        return d;
    }
}
