package dev.thaw.analysis.agg;

import java.util.List;

/**
 * Runs one aggregation pass: every input through a fresh aggregator, the parts merged in the {@link MergeTree}
 * shape. {@link #local} uses this JVM's threads; thaw-spark runs the same pass as Spark tasks, with the same result.
 */
public interface PassRunner {
    <S extends Aggregator<S>> S run(List<TraceInputs.Input> inputs, AggregatorFactory<S> factory, AggregationRunner.Progress progress) throws Exception;

    static PassRunner local(int threads) {
        return new PassRunner() {
            @Override public <S extends Aggregator<S>> S run(List<TraceInputs.Input> inputs, AggregatorFactory<S> factory,
                                                            AggregationRunner.Progress progress) throws Exception {
                return AggregationRunner.run(inputs, TraceInputs::open, factory, threads, progress);
            }
        };
    }
}
