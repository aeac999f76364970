package dev.thaw.ingest;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A stream of Arrow record batches from one trace, whatever its source (CSV, JSON lines, zip, gz, Parquet, Arrow).
 * The root returned by {@link #root()} is owned by the reader and valid until the next {@link #next()}.
 */
public interface TraceReader extends AutoCloseable {
    TraceFormat format();

    Schema schema();

    /** Loads the next batch; false when the trace is exhausted. */
    boolean next();

    VectorSchemaRoot root();

    /** Rows delivered so far. */
    long rowsRead();

    /** Rows skipped (with {@code --on-error skip}) and identity violations seen so far. */
    ReadStats stats();

    @Override void close();
}
