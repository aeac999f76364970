package dev.thaw.simulate.search;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers simulations of the current workload so that several searches over one workload (one per objective,
 * a Pareto pass, baselines) simulate each plan once. Keyed by everything that identifies a plan except its id;
 * switching to another workload instance clears the cache.
 */
public final class CachedEvaluator implements PlanEvaluator {
    private final PlanEvaluator inner;
    private Workload current;
    private Map<String, PlanOutcome> outcomes = new ConcurrentHashMap<>();

    public CachedEvaluator(PlanEvaluator inner) { this.inner = inner; }

    @Override public ModelShape model() { return inner.model(); }

    @Override public boolean modelsStageSplits() { return inner.modelsStageSplits(); }

    @Override public MemoryFit memory(Candidate c) { return inner.memory(c); }

    @Override public Figures lowerBounds(Candidate c, Workload w) { return inner.lowerBounds(c, w); }

    @Override public PlanOutcome evaluate(Candidate c, Workload w) {
        Map<String, PlanOutcome> cache;
        synchronized (this) {
            if (current != w) { current = w; outcomes = new ConcurrentHashMap<>(); }
            cache = outcomes;
        }
        String key = c.withId(0).label() + "|" + c.engine() + "|" + c.router();
        PlanOutcome o = cache.computeIfAbsent(key, k -> inner.evaluate(c, w));
        return o.candidate().id() == c.id() ? o : new PlanOutcome(c, o.figures(), o.timeByOpS(), o.weightsGibPerGpu(),
                o.kvCapacityTokens(), o.utilisation(), o.itlS(), o.preemptions(), o.simWallS());
    }
}
