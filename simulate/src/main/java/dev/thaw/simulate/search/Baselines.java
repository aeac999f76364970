package dev.thaw.simulate.search;

import dev.thaw.simulate.llm.Precision;

import java.util.ArrayList;
import java.util.List;

/**
 * The plans practitioners pick without searching, built on one cluster with fixed engine knobs:
 * <ul>
 *   <li>{@code tp-node-dp}: tensor parallel over the GPUs of a node, one replica per node;</li>
 *   <li>{@code min-tp-dp}: the smallest tensor-parallel degree whose replica fits in memory, replicas on the rest;</li>
 *   <li>{@code pp-nodes}: tensor parallel inside a node, pipeline across nodes, one replica.</li>
 * </ul>
 */
public final class Baselines {
    private Baselines() {}

    /** Knobs every baseline runs with (those of an untuned deployment). */
    public record Knobs(Precision weights, Precision kv, String engine, int maxNumSeqs, int maxBatchedTokens, String router) {}

    /** An unevaluated baseline: a candidate, or a reason why the heuristic has none. */
    public record Plan(String name, String description, Candidate candidate, String reason) {}

    public static List<Plan> plans(PlanEvaluator ev, ClusterChoice cluster, Knobs k) {
        ModelShape m = ev.model();
        int perNode = cluster.gpusPerNode(), nodes = cluster.nodes();
        List<Plan> out = new ArrayList<>();
        out.add(check(ev, "tp-node-dp", "TP = GPUs per node (" + perNode + "), DP across nodes (" + nodes + ")",
                make(m, cluster, nodes, perNode, 1, k)));
        Candidate minTp = null;
        String why = "no tensor-parallel degree up to " + perNode + " fits one replica in memory";
        for (int tp : PlanEnumerator.divisors(cluster.gpus())) {
            if (tp > perNode || !legalTp(m, tp)) continue;
            Candidate c = make(m, cluster, cluster.gpus() / tp, tp, 1, k);
            if (ev.memory(c).fits()) { minTp = c; break; }
        }
        out.add(minTp == null ? new Plan("min-tp-dp", "smallest TP that fits, then DP", null, why)
                : new Plan("min-tp-dp", "smallest TP that fits (" + minTp.tp() + "), DP = " + minTp.dp(), minTp, ""));
        out.add(check(ev, "pp-nodes", "TP = GPUs per node (" + perNode + "), PP across nodes (" + nodes + ")",
                make(m, cluster, 1, perNode, nodes, k)));
        return out;
    }

    private static Plan check(PlanEvaluator ev, String name, String desc, Candidate c) {
        if (!legalTp(ev.model(), c.tp())) return new Plan(name, desc, null, "TP " + c.tp() + " does not divide the attention heads");
        MemoryFit fit = ev.memory(c);
        if (!fit.fits()) return new Plan(name, desc, null, "does not fit in memory: " + fit.reason());
        return new Plan(name, desc, c, "");
    }

    static boolean legalTp(ModelShape m, int tp) {
        return m.attentionHeads() % tp == 0 && (m.kvHeads() % tp == 0 || tp % m.kvHeads() == 0);
    }

    private static Candidate make(ModelShape m, ClusterChoice cluster, int dp, int tp, int pp, Knobs k) {
        return new Candidate(-1, cluster, dp, tp, pp, 1, PipelineSplits.balanced(m.layers(), pp), k.weights(), k.kv(),
                k.engine(), k.maxNumSeqs(), k.maxBatchedTokens(), k.router());
    }
}
