package dev.thaw.ingest.batch;

import dev.thaw.ingest.schema.ColumnType;
import dev.thaw.ingest.schema.TraceSchema;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes rows straight into the Arrow vectors of one reusable batch. Columns not set for a row stay null. A row
 * that fails half-way is discarded with {@link #abortRow()}.
 */
public final class RowAppender implements AutoCloseable {
    private final TraceSchema schema;
    private final VectorSchemaRoot root;
    private final Float8Vector[] doubles;
    private final BigIntVector[] longs;
    private final VarCharVector[] strings;
    private final int capacity;
    private int row;

    public RowAppender(TraceSchema schema, BufferAllocator allocator, int capacity) {
        this.schema = schema;
        this.capacity = capacity;
        this.root = VectorSchemaRoot.create(schema.toArrow(), allocator);
        int n = schema.size();
        doubles = new Float8Vector[n];
        longs = new BigIntVector[n];
        strings = new VarCharVector[n];
        for (int i = 0; i < n; i++) {
            FieldVector v = root.getVector(i);
            switch (schema.column(i).type()) {
                case FLOAT64 -> doubles[i] = (Float8Vector) v;
                case INT64 -> longs[i] = (BigIntVector) v;
                case STRING -> strings[i] = (VarCharVector) v;
            }
        }
        root.setRowCount(0);
        for (FieldVector v : root.getFieldVectors()) {
            if (v instanceof VarCharVector s) s.allocateNew(capacity * 24L, capacity);
            else { v.setInitialCapacity(capacity); v.allocateNew(); }
        }
    }

    public TraceSchema schema() { return schema; }
    public int rowCount() { return row; }
    /** Batches may overshoot the capacity by one input row (a wide row yields many output rows). */
    public boolean isFull() { return row >= capacity; }
    public boolean isEmpty() { return row == 0; }

    public void setDouble(int col, double v) { doubles[col].setSafe(row, v); }
    public void setLong(int col, long v) { longs[col].setSafe(row, v); }
    public void setString(int col, byte[] b, int off, int len) { strings[col].setSafe(row, b, off, len); }
    public void setString(int col, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        strings[col].setSafe(row, b, 0, b.length);
    }
    /** The value set in column {@code col} of the current row (derivations reuse parsed cells instead of reparsing). */
    public double getDouble(int col) { return doubles[col].get(row); }

    public void setNull(int col) {
        switch (schema.column(col).type()) {
            case FLOAT64 -> { if (row < doubles[col].getValueCapacity()) doubles[col].setNull(row); }
            case INT64 -> { if (row < longs[col].getValueCapacity()) longs[col].setNull(row); }
            case STRING -> { if (row < strings[col].getValueCapacity()) strings[col].setNull(row); }
        }
    }

    public ColumnType type(int col) { return schema.column(col).type(); }

    public void endRow() { row++; }

    /** Forgets whatever was set for the current row. */
    public void abortRow() {
        for (int c = 0; c < schema.size(); c++) setNull(c);
    }

    /**
     * Forgets every row from {@code mark} on (a wide input row that failed after some of its output rows were ended),
     * so a skipped input row leaves no partial output.
     */
    public void rollbackTo(int mark) {
        for (int r = row; r >= mark; r--)
            for (int c = 0; c < schema.size(); c++) setNullAt(c, r);
        for (VarCharVector s : strings) if (s != null && s.getLastSet() >= mark) s.setLastSet(mark - 1);
        row = mark;
    }

    private void setNullAt(int col, int r) {
        switch (schema.column(col).type()) {
            case FLOAT64 -> { if (r < doubles[col].getValueCapacity()) doubles[col].setNull(r); }
            case INT64 -> { if (r < longs[col].getValueCapacity()) longs[col].setNull(r); }
            case STRING -> { if (r < strings[col].getValueCapacity()) strings[col].setNull(r); }
        }
    }

    /** Seals the batch: the returned root holds {@link #rowCount()} rows until {@link #reset()}. */
    public VectorSchemaRoot finish() {
        root.setRowCount(row);
        return root;
    }

    /** Empties the batch, keeping its memory, for the next rows. */
    public void reset() {
        for (FieldVector v : root.getFieldVectors()) v.reset();
        root.setRowCount(0);
        row = 0;
    }

    public VectorSchemaRoot root() { return root; }

    @Override public void close() { root.close(); }
}
