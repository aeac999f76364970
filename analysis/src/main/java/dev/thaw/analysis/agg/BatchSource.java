package dev.thaw.analysis.agg;

import org.apache.arrow.vector.VectorSchemaRoot;

/** A stream of Arrow batches from one input (the ingest layer's trace reader, or a test fixture). */
public interface BatchSource extends AutoCloseable {
    /** Loads the next batch; false at the end. */
    boolean next() throws Exception;

    /** The current batch, valid until the next {@link #next()}; owned by the source. */
    VectorSchemaRoot root();

    @Override void close() throws Exception;
}
