package dev.thaw.simulate.search;

/**
 * What the search minimises. {@link #score} is lower-is-better; objectives that are maximised (throughput, goodput)
 * return the negated value. Every implementation must be non-decreasing in each per-request time, the makespan,
 * energy and cost, and non-increasing in output tokens, so that a score of lower bounds bounds the real score.
 */
public interface Objective {
    String name();

    double score(Figures f);

    /** The objective in natural units (ms, tokens/s, J/token, $/M tokens) for tables. */
    double value(Figures f);

    /** Unit of {@link #value}, for tables. */
    String unit();

    /** True for objectives that are maximised (their score is the negated value). */
    default boolean maximised() { return false; }
}
