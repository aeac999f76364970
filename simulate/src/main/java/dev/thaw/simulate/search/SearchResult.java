package dev.thaw.simulate.search;

import java.util.List;
import java.util.Map;

/**
 * What a search found. {@code ranking} holds every simulated plan, best first under the first objective (plans
 * that rejected fewer requests first, then by score, then enumeration order). {@code removedByRule} counts plans
 * removed by each rule before simulation, ending with {@code bound} (analytic bounds proved them worse than a
 * simulated plan). {@code failures} lists plans whose simulation threw, with the message.
 */
public record SearchResult(int enumerated, Map<String, Integer> removedByRule, int simulated, List<Objective> objectives,
                           List<PlanOutcome> ranking, List<Baseline> baselines, List<String> failures, double wallS) {
    public int pruned() { return removedByRule.values().stream().mapToInt(Integer::intValue).sum(); }

    /** The best plan under the first objective, or null when nothing was simulated. */
    public PlanOutcome best() { return ranking.isEmpty() ? null : ranking.get(0); }

    /** The best simulated plan under objective {@code k} (same ordering rules as the ranking). */
    public PlanOutcome best(Objective o) {
        PlanOutcome best = null;
        for (PlanOutcome p : ranking) if (best == null || PlanSearch.better(p, best, o)) best = p;
        return best;
    }

    /** The search's best plan under {@code o} against each feasible baseline. */
    public List<Gain> gains(Objective o) {
        PlanOutcome b = best(o);
        if (b == null) return List.of();
        return baselines.stream().filter(Baseline::feasible).map(x -> Gain.of(o, x.name(), b.figures(), x.outcome().figures())).toList();
    }
}
