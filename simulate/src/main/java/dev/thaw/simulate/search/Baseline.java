package dev.thaw.simulate.search;

/**
 * A practitioner's heuristic plan and how it did. {@code outcome} is null when the heuristic gives no legal plan
 * that fits in memory; {@code reason} then says why.
 */
public record Baseline(String name, String description, Candidate candidate, PlanOutcome outcome, String reason) {
    public boolean feasible() { return outcome != null; }
}
