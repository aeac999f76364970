package dev.thaw.simulate.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Rules applied before any simulation, in order; each counts the plans it removed. The first group makes plans
 * illegal (a serving engine would refuse them); {@code router-irrelevant} removes exact duplicates (with one
 * replica the router never chooses); {@code kv-below-longest-request} is the only heuristic and runs only with
 * pruning on: a plan whose KV cache cannot hold the longest request rejects it, and a plan that rejects requests
 * ranks below every plan that rejects none.
 */
public final class PlanRules {
    private PlanRules() {}

    public record Filtered(List<Candidate> kept, Map<String, Integer> removedByRule) {}

    private record Rule(String name, Predicate<Candidate> keep) {}

    public static Filtered apply(List<Candidate> all, PlanSpace space, PlanEvaluator ev, Workload w, boolean pruning) {
        ModelShape m = ev.model();
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule("tp-divides-heads", c -> m.attentionHeads() % c.tp() == 0
                && (m.kvHeads() % c.tp() == 0 || c.tp() % m.kvHeads() == 0)));
        rules.add(new Rule("pp-at-most-layers", c -> c.pp() <= m.layers()));
        rules.add(new Rule("uneven-pipeline-off", c -> space.unevenPipeline() || m.layers() % c.pp() == 0));
        rules.add(new Rule("ep-divides-experts", c -> c.ep() == 1 || (m.isMoe() && m.experts() % c.ep() == 0
                && (c.tp() % c.ep() == 0 || (c.ep() % c.tp() == 0 && (c.dp() * c.tp()) % c.ep() == 0)))));
        rules.add(new Rule("tp-within-node", c -> !space.tensorWithinNode() || c.tp() <= c.cluster().gpusPerNode()));
        rules.add(new Rule("router-irrelevant", c -> c.dp() > 1 || c.router().equals(space.routers().get(0))));
        rules.add(new Rule("memory", c -> ev.memory(c).fits()));
        if (pruning) {
            int longest = w.longestRequestTokens();
            rules.add(new Rule("kv-below-longest-request", c -> ev.memory(c).kvCapacityTokens() >= longest));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<Candidate> kept = new ArrayList<>(all);
        for (Rule r : rules) {
            List<Candidate> next = new ArrayList<>(kept.size());
            for (Candidate c : kept) if (r.keep().test(c)) next.add(c);
            counts.put(r.name(), kept.size() - next.size());
            kept = next;
        }
        return new Filtered(List.copyOf(kept), counts);
    }
}
