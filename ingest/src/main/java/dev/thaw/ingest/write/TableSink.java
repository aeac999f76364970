package dev.thaw.ingest.write;

import org.apache.arrow.vector.VectorSchemaRoot;

/** Where batches go: a file or a set of partitions. Nothing is visible at the destination until {@link #commit()}. */
public interface TableSink extends AutoCloseable {
    void write(VectorSchemaRoot batch);

    /** Finishes the output and moves it into place. */
    void commit();

    /** Discards everything written (also what {@link #close()} does without a commit). */
    void abort();

    @Override default void close() { abort(); }
}
