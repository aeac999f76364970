package dev.thaw.simulate.faas.policy;

import dev.thaw.simulate.faas.ColdStartModel;
import dev.thaw.simulate.faas.FunctionCatalog;

/**
 * Greedy-Dual keep-alive (FaasCache, Fuerst and Sharma, ASPLOS 2021): warm pods are a cache bounded by a memory
 * budget and never expire by time; when a new pod does not fit, idle pods are evicted lowest priority first, where
 * priority = clock + frequency x cold-start cost / memory size, set when the pod was last used. The clock rises to
 * the priority of each evicted pod, so pods that have not been used for a long time age out.
 *
 * <p>Frequency is the function's invocation count in this replay (FaasCache's reset of the count when all of a
 * function's containers are gone is not modelled); cost is the mean cold-start time observed for the function so
 * far, or the cold-start model's mean before its first start.
 */
public final class GreedyDualPolicy implements KeepAlivePolicy {
    private final double budgetMb;
    private FunctionCatalog catalog;
    private ColdStartModel model;
    private long[] frequency;
    private double[] costSum;
    private int[] costCount;
    private double clock;

    public GreedyDualPolicy(double memoryBudgetMb) {
        if (!(memoryBudgetMb > 0)) throw new IllegalArgumentException("memory budget must be positive MB: " + memoryBudgetMb);
        this.budgetMb = memoryBudgetMb;
    }

    @Override public void start(FunctionCatalog catalog, ColdStartModel coldStarts) {
        this.catalog = catalog;
        this.model = coldStarts;
        frequency = new long[catalog.size()];
        costSum = new double[catalog.size()];
        costCount = new int[catalog.size()];
        clock = 0;
    }

    @Override public void onInvocation(int function, double timeS, double durationS) { frequency[function]++; }

    @Override public void window(int function, double idleFromS, KeepAliveWindow out) { out.set(0, Double.POSITIVE_INFINITY); }

    @Override public void onPodStart(int function, double coldStartS) {
        costSum[function] += coldStartS;
        costCount[function]++;
    }

    @Override public double memoryBudgetMb() { return budgetMb; }

    @Override public double evictionPriority(int function, double idleFromS) {
        double cost = costCount[function] > 0 ? costSum[function] / costCount[function] : model.mean(function, catalog);
        return clock + frequency[function] * cost / catalog.memoryMb(function);
    }

    @Override public void onEvict(int function, double priority) { if (priority > clock) clock = priority; }

    public double clock() { return clock; }

    @Override public String name() { return "greedy-dual:" + KeepAlivePolicies.formatMemory(budgetMb); }
}
