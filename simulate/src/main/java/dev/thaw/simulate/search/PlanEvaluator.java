package dev.thaw.simulate.search;

/**
 * What the search needs from a serving model. Implementations must be thread-safe and deterministic: the same
 * candidate and workload give bit-for-bit the same figures on any thread, in any order.
 */
public interface PlanEvaluator {
    /** Shape of the model being placed, for the legality rules. */
    ModelShape model();

    /**
     * True when {@link #memory} and {@link #evaluate} honour {@link Candidate#stageLayers()} exactly; otherwise the
     * search only offers the balanced split of each pipeline degree.
     */
    default boolean modelsStageSplits() { return false; }

    /** Static memory of the plan; never simulates. */
    MemoryFit memory(Candidate c);

    /**
     * Analytic lower bounds: per request, TTFT, TPOT and E2E on an otherwise idle replica (queueing and batching
     * can only add), with makespan, energy and cost bounded accordingly (see {@link Bounds}). Must never exceed what
     * {@link #evaluate} returns for any request.
     */
    Figures lowerBounds(Candidate c, Workload w);

    /** Simulates the workload on the plan. */
    PlanOutcome evaluate(Candidate c, Workload w);
}
