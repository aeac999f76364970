package dev.thaw.simulate.faas.policy;

import dev.thaw.simulate.faas.ColdStartModel;
import dev.thaw.simulate.faas.FunctionCatalog;

/**
 * Decides how long an idle pod stays warm, whether to pre-warm one, and which idle pod to evict when memory is
 * short. A policy is stateful for one replay: the simulator calls {@link #start} first, then the callbacks in
 * time order. Every policy passes {@code KeepAlivePolicyConformanceTest}.
 */
public interface KeepAlivePolicy {

    /** Resets all state for a replay over {@code catalog}. */
    void start(FunctionCatalog catalog, ColdStartModel coldStarts);

    /** An invocation of {@code function} arrives (before it is placed on a pod). */
    void onInvocation(int function, double timeS, double durationS);

    /**
     * A pod of {@code function} will be idle from {@code idleFromS} unless another request reaches it first: fill
     * {@code out}. Called after every placement, so the latest call for a pod wins.
     */
    void window(int function, double idleFromS, KeepAliveWindow out);

    /** A pod of {@code function} was started (on demand or pre-warmed) and took {@code coldStartS} to be ready. */
    default void onPodStart(int function, double coldStartS) {}

    /** Memory (MB) the warm pods may hold in all; starting a pod beyond it evicts idle pods first. */
    default double memoryBudgetMb() { return Double.POSITIVE_INFINITY; }

    /**
     * Eviction order under memory pressure: the idle pod with the lowest value goes first (default: least recently
     * used). Asked after every use of a pod; the value must not decrease from one use of a pod to the next (true of
     * LRU and Greedy-Dual), which lets the simulator update its eviction heap lazily.
     */
    default double evictionPriority(int function, double idleFromS) { return idleFromS; }

    /** An idle pod of {@code function} with {@code priority} was evicted for memory. */
    default void onEvict(int function, double priority) {}

    /** The name used in reports and on the command line, e.g. {@code fixed:60s}. */
    String name();
}
