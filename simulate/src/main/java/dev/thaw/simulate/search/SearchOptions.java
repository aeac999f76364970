package dev.thaw.simulate.search;

/**
 * How a search runs. {@code threads} only changes speed: plans are simulated in waves of {@code waveSize} in a
 * fixed order, and pruning decisions are taken between waves, so results do not depend on it. {@code pruning}
 * off simulates every legal plan (the brute force the pruned search is checked against). {@code pareto} prunes
 * only plans that some simulated plan strictly beats on every objective, which keeps the whole Pareto front
 * instead of just each objective's best. {@code boundSlack} (at most 1) multiplies analytic lower bounds as a
 * safety margin.
 */
public record SearchOptions(int threads, boolean pruning, boolean pareto, int waveSize, double boundSlack) {
    public SearchOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be positive");
        if (waveSize < 1) throw new IllegalArgumentException("wave size must be positive");
        if (!(boundSlack > 0 && boundSlack <= 1)) throw new IllegalArgumentException("bound slack must be in (0, 1]");
    }

    public static SearchOptions defaults() {
        return new SearchOptions(Math.max(1, Runtime.getRuntime().availableProcessors()), true, false, 8, 0.98);
    }

    public SearchOptions withPruning(boolean on) { return new SearchOptions(threads, on, pareto, waveSize, boundSlack); }

    public SearchOptions withPareto(boolean on) { return new SearchOptions(threads, pruning, on, waveSize, boundSlack); }

    public SearchOptions withThreads(int n) { return new SearchOptions(n, pruning, pareto, waveSize, boundSlack); }
}
