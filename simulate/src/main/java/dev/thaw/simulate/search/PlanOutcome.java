package dev.thaw.simulate.search;

import java.util.Map;

/**
 * One simulated plan: the figures objectives read, and the breakdown a report shows (device time by op type in
 * seconds, memory, KV capacity, utilisation as busy share of the makespan, inter-token latency, wall time of the
 * simulation itself).
 */
public record PlanOutcome(Candidate candidate, Figures figures, Map<String, Double> timeByOpS, double weightsGibPerGpu,
                          long kvCapacityTokens, double utilisation, Stats itlS, int preemptions, double simWallS) implements java.io.Serializable {
    public PlanOutcome {
        timeByOpS = Map.copyOf(timeByOpS);
    }
}
