package dev.thaw.analysis.agg;

import java.io.Serializable;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A one-pass, mergeable, serializable summary of Arrow batches: the contract a parallel or distributed run relies
 * on. Splitting the input into parts, aggregating each and merging must give the single-pass result: exactly for
 * counts, sums, moments and histograms (up to floating-point summation order), within each sketch's documented
 * bound otherwise. Memory must not grow with the number of rows, except for per-key state (per group, function,
 * pod...). Implementations are not thread-safe: one instance per thread or per file.
 *
 * <p>Each instance sees the rows of one input file (or a contiguous, time-ordered part of one) through
 * {@link #accept}; order-dependent statistics (inter-arrival times) treat a new instance as a new segment and
 * stitch segments in {@link #merge}.
 */
public interface Aggregator<S extends Aggregator<S>> extends Serializable {

    /** Folds in every row of the batch. The batch is only valid during the call. */
    void accept(VectorSchemaRoot batch);

    /** Folds {@code other} into this and returns this; {@code other} must not be used afterwards. */
    S merge(S other);
}
