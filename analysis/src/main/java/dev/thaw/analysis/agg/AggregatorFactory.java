package dev.thaw.analysis.agg;

import java.io.Serializable;
import java.util.function.Supplier;

/** Makes a fresh aggregator; serializable so a cluster can make the same aggregator in every task. */
@FunctionalInterface
public interface AggregatorFactory<S extends Aggregator<S>> extends Supplier<S>, Serializable {}
