package dev.thaw.workload.synth;

import dev.thaw.workload.arrival.ArrivalModel;

/**
 * One synthetic function of a region: identity (funcName, userID, pool), trigger, where it runs, how it is invoked,
 * and the parameters of its per-request costs. {@code coldStartLogEffect} is the function's own offset of log
 * cold-start time (pool size, trigger and a random effect; the runtime effect is added once runtimes are assigned).
 */
public record SyntheticFunction(int region, int funcName, int userID, Pool pool, int cpuRequest, String trigger, int cluster,
                                boolean hasDependencies, ArrivalModel arrivals, double expectedColdStartsPerDay,
                                double execMedianS, double execSigma, double workerShare, double cpuCores, double memoryMiB,
                                double bodyBytes, double coldStartLogEffect) {
    public String funcId() { return funcName + "---" + userID + "---" + pool.name(); }

    public boolean isTimer() { return trigger.contains("TIMER"); }
}
