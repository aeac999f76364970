package dev.thaw.workload.population;

import dev.thaw.workload.arrival.ArrivalModel;

/**
 * One function of a synthetic population: how it is invoked, how long it runs (lognormal execution time), its
 * memory, runtime, trigger and pod size, and its cold-start time model (lognormal per pod size and runtime).
 */
public record FunctionProfile(int id, ArrivalModel arrivals, double execMu, double execSigma, double memoryMb, String runtime,
                              String trigger, boolean smallPod, double coldStartMu, double coldStartSigma) {
    public double execMedianS() { return Math.exp(execMu); }
}
