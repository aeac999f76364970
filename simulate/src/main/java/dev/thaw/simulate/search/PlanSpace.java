package dev.thaw.simulate.search;

import dev.thaw.simulate.llm.Precision;

import java.util.List;

/**
 * The axes the search crosses. Every cluster choice is used whole (dp x tp x pp = its GPU count); give several
 * choices to make device type and count part of the question. {@code tensorWithinNode} keeps tensor parallelism
 * on NVLink (practice; all-reduce every layer over InfiniBand is never competitive). {@code unevenPipeline}
 * allows stage splits that are not all equal: balanced splits when pp does not divide the layer count, and (when
 * the evaluator models them) a split that gives the first and last stages fewer layers to make room for the
 * embedding and LM head. {@code disaggregation} also tries every split of the dp replicas into prefill-only and
 * decode-only ones (1 .. dp-1 prefill replicas) next to colocated serving.
 */
public record PlanSpace(List<ClusterChoice> clusters, List<Precision> weights, List<Precision> kv, List<String> engines,
                        List<Integer> maxNumSeqs, List<Integer> maxBatchedTokens, List<String> routers,
                        boolean tensorWithinNode, boolean unevenPipeline, boolean disaggregation) {
    public PlanSpace {
        clusters = List.copyOf(clusters);
        weights = List.copyOf(weights);
        kv = List.copyOf(kv);
        engines = List.copyOf(engines);
        maxNumSeqs = List.copyOf(maxNumSeqs);
        maxBatchedTokens = List.copyOf(maxBatchedTokens);
        routers = List.copyOf(routers);
        for (List<?> axis : List.of(clusters, weights, kv, engines, maxNumSeqs, maxBatchedTokens, routers))
            if (axis.isEmpty()) throw new IllegalArgumentException("every axis of the plan space needs at least one value");
        for (int n : maxNumSeqs) if (n < 1) throw new IllegalArgumentException("max_num_seqs must be positive, got " + n);
        for (int n : maxBatchedTokens) if (n < 1) throw new IllegalArgumentException("max_num_batched_tokens must be positive, got " + n);
    }

    /** Colocated prefill and decode only. */
    public PlanSpace(List<ClusterChoice> clusters, List<Precision> weights, List<Precision> kv, List<String> engines,
                     List<Integer> maxNumSeqs, List<Integer> maxBatchedTokens, List<String> routers,
                     boolean tensorWithinNode, boolean unevenPipeline) {
        this(clusters, weights, kv, engines, maxNumSeqs, maxBatchedTokens, routers, tensorWithinNode, unevenPipeline, false);
    }

    /** Only the parallel layout varies: BF16 weights and KV, one engine setting, round-robin routing. */
    public static PlanSpace layoutsOnly(ClusterChoice cluster, String engine, int maxNumSeqs, int maxBatchedTokens) {
        return new PlanSpace(List.of(cluster), List.of(Precision.BF16), List.of(Precision.BF16), List.of(engine),
                List.of(maxNumSeqs), List.of(maxBatchedTokens), List.of("round-robin"), true, true);
    }

    /**
     * The default search: layouts x {BF16, FP8} weights x {BF16, FP8} KV x max_num_seqs {64, 256} x token budget
     * {2048, 8192} x router {round-robin, least-outstanding}.
     */
    public static PlanSpace standard(List<ClusterChoice> clusters, String engine) {
        return new PlanSpace(clusters, List.of(Precision.BF16, Precision.FP8), List.of(Precision.BF16, Precision.FP8),
                List.of(engine), List.of(64, 256), List.of(2048, 8192), List.of("round-robin", "least-outstanding"), true, true);
    }

    public PlanSpace withWeights(List<Precision> w) { return new PlanSpace(clusters, w, kv, engines, maxNumSeqs, maxBatchedTokens, routers, tensorWithinNode, unevenPipeline, disaggregation); }

    public PlanSpace withKv(List<Precision> k) { return new PlanSpace(clusters, weights, k, engines, maxNumSeqs, maxBatchedTokens, routers, tensorWithinNode, unevenPipeline, disaggregation); }

    public PlanSpace withEngineKnobs(List<Integer> seqs, List<Integer> tokens) { return new PlanSpace(clusters, weights, kv, engines, seqs, tokens, routers, tensorWithinNode, unevenPipeline, disaggregation); }

    public PlanSpace withDisaggregation(boolean on) { return new PlanSpace(clusters, weights, kv, engines, maxNumSeqs, maxBatchedTokens, routers, tensorWithinNode, unevenPipeline, on); }

    public PlanSpace withRouters(List<String> r) { return new PlanSpace(clusters, weights, kv, engines, maxNumSeqs, maxBatchedTokens, r, tensorWithinNode, unevenPipeline, disaggregation); }
}
