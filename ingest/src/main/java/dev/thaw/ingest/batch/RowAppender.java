package dev.thaw.ingest.batch;

import dev.thaw.ingest.schema.ColumnType;
import dev.thaw.ingest.schema.TraceSchema;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Collects rows for one reusable Arrow batch. Columns not set for a row stay null. A row that fails half-way is
 * discarded with {@link #abortRow()}.
 * <p>
 * Values are staged in heap arrays laid out as Arrow lays out its buffers (little-endian 64-bit values, 32-bit string
 * offsets, a validity bit per row) and copied into the vectors in one bulk copy per buffer by {@link #finish()}: a
 * cell then costs an array store, where Arrow's {@code setSafe} checks capacity, fills holes and sets the validity bit
 * in off-heap memory for every cell (a third of the CSV parse time, measured on the cold-start table).
 */
public final class RowAppender implements AutoCloseable {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLES = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final TraceSchema schema;
    private final VectorSchemaRoot root;
    private final FieldVector[] vectors;
    private final ColumnType[] types;
    private final int capacity;
    /** Numbers: 8 bytes a row. Strings: the UTF-8 bytes of the rows, back to back. */
    private final byte[][] values;
    /** Strings: Arrow's offsets (row r spans [offset r, offset r+1)), valid up to entry {@code lastSet + 1}. */
    private final byte[][] offsets;
    private final int[] lastSet;
    /** A bit per row: set when the cell holds a value. */
    private final long[][] valid;
    private int rowCapacity;
    private int row;

    public RowAppender(TraceSchema schema, BufferAllocator allocator, int capacity) {
        this.schema = schema;
        this.capacity = capacity;
        this.root = VectorSchemaRoot.create(schema.toArrow(), allocator);
        int n = schema.size();
        vectors = new FieldVector[n];
        types = new ColumnType[n];
        values = new byte[n][];
        offsets = new byte[n][];
        lastSet = new int[n];
        valid = new long[n][];
        rowCapacity = Math.max(64, capacity + 1);
        for (int i = 0; i < n; i++) {
            vectors[i] = root.getVector(i);
            types[i] = schema.column(i).type();
            valid[i] = new long[(rowCapacity >>> 6) + 1];
            if (types[i] == ColumnType.STRING) {
                values[i] = new byte[rowCapacity * 24];
                offsets[i] = new byte[(rowCapacity + 1) << 2];
                lastSet[i] = -1;
            } else {
                values[i] = new byte[rowCapacity << 3];
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

    public void setDouble(int col, double v) {
        DOUBLES.set(values[col], row << 3, v);
        valid[col][row >>> 6] |= 1L << row;
    }

    public void setLong(int col, long v) {
        LONGS.set(values[col], row << 3, v);
        valid[col][row >>> 6] |= 1L << row;
    }

    public void setString(int col, byte[] b, int off, int len) {
        byte[] o = offsets[col];
        int last = lastSet[col];
        if (row > last) { // rows not set since the last one are empty (null) strings
            int end = (int) INTS.get(o, (last + 1) << 2);
            for (int r = last + 2; r <= row; r++) INTS.set(o, r << 2, end);
        }
        int start = (int) INTS.get(o, row << 2);
        byte[] data = values[col];
        if (start + len > data.length) {
            if ((long) start + len > Integer.MAX_VALUE - 16) throw new IllegalStateException("a batch of more than 2 GB of text in one column");
            data = values[col] = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(start + (long) len, data.length * 2L)));
        }
        System.arraycopy(b, off, data, start, len);
        INTS.set(o, (row + 1) << 2, start + len);
        lastSet[col] = row;
        valid[col][row >>> 6] |= 1L << row;
    }

    public void setString(int col, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        setString(col, b, 0, b.length);
    }

    /** The value set in column {@code col} of the current row (derivations reuse parsed cells instead of reparsing). */
    public double getDouble(int col) { return (double) DOUBLES.get(values[col], row << 3); }

    public void setNull(int col) { setNullAt(col, row); }

    public ColumnType type(int col) { return types[col]; }

    public void endRow() {
        if (++row >= rowCapacity) grow();
    }

    private void grow() {
        int cap = rowCapacity * 2;
        for (int c = 0; c < types.length; c++) {
            valid[c] = Arrays.copyOf(valid[c], (cap >>> 6) + 1);
            if (types[c] == ColumnType.STRING) offsets[c] = Arrays.copyOf(offsets[c], (cap + 1) << 2);
            else values[c] = Arrays.copyOf(values[c], cap << 3);
        }
        rowCapacity = cap;
    }

    /** Forgets whatever was set for the current row. */
    public void abortRow() {
        for (int c = 0; c < types.length; c++) setNullAt(c, row);
    }

    /**
     * Forgets every row from {@code mark} on (a wide input row that failed after some of its output rows were ended),
     * so a skipped input row leaves no partial output.
     */
    public void rollbackTo(int mark) {
        for (int r = Math.min(row, rowCapacity - 1); r >= mark; r--)
            for (int c = 0; c < types.length; c++) setNullAt(c, r);
        row = mark;
    }

    private void setNullAt(int col, int r) {
        valid[col][r >>> 6] &= ~(1L << r);
        if (types[col] != ColumnType.STRING) {
            LONGS.set(values[col], r << 3, 0L);
        } else if (lastSet[col] >= r) { // drop the row's bytes: the next row's string starts where this one did
            lastSet[col] = r - 1;
        }
    }

    /** Seals the batch: the returned root holds {@link #rowCount()} rows until {@link #reset()}. */
    public VectorSchemaRoot finish() {
        int n = row;
        for (int c = 0; c < types.length; c++) {
            FieldVector v = vectors[c];
            if (types[c] == ColumnType.STRING) {
                BaseVariableWidthVector s = (BaseVariableWidthVector) v;
                byte[] o = offsets[c];
                int end = (int) INTS.get(o, (lastSet[c] + 1) << 2);
                for (int r = lastSet[c] + 2; r <= n; r++) INTS.set(o, r << 2, end);
                lastSet[c] = n - 1;
                while (s.getValueCapacity() < n) s.reallocValidityAndOffsetBuffers();
                while (s.getDataBuffer().capacity() < end) s.reallocDataBuffer();
                s.getOffsetBuffer().setBytes(0, o, 0, (long) (n + 1) << 2);
                s.getDataBuffer().setBytes(0, values[c], 0, end);
                copyValidity(c, v.getValidityBuffer(), n);
                s.setLastSet(n - 1);
            } else {
                while (v.getValueCapacity() < n) v.reAlloc();
                zeroNullSlots(c, n);
                v.getDataBuffer().setBytes(0, values[c], 0, (long) n << 3);
                copyValidity(c, v.getValidityBuffer(), n);
            }
            v.setValueCount(n);
        }
        root.setRowCount(n);
        return root;
    }

    /** Null cells read as 0, as in a freshly reset Arrow vector (rows never set still hold the last batch's values). */
    private void zeroNullSlots(int c, int n) {
        long[] bits = valid[c];
        byte[] v = values[c];
        for (int w = 0, words = (n + 63) >>> 6; w < words; w++) {
            long unset = ~bits[w];
            if ((w + 1) << 6 > n) unset &= (1L << (n & 63)) - 1;
            for (; unset != 0; unset &= unset - 1) LONGS.set(v, ((w << 6) + Long.numberOfTrailingZeros(unset)) << 3, 0L);
        }
    }

    private void copyValidity(int c, ArrowBuf to, int n) {
        long[] bits = valid[c];
        if ((n & 63) != 0) bits[n >>> 6] &= (1L << (n & 63)) - 1; // nothing past the last row
        int bytes = (n + 7) >>> 3, words = bytes >>> 3;
        for (int w = 0; w < words; w++) to.setLong((long) w << 3, bits[w]);
        for (int b = words << 3; b < bytes; b++) to.setByte(b, (byte) (bits[b >>> 3] >>> ((b & 7) << 3)));
    }

    /** Empties the batch, keeping its memory, for the next rows. */
    public void reset() {
        int words = (row >>> 6) + 1;
        for (int c = 0; c < types.length; c++) {
            Arrays.fill(valid[c], 0, Math.min(words, valid[c].length), 0L);
            if (types[c] == ColumnType.STRING) lastSet[c] = -1;
        }
        root.setRowCount(0);
        row = 0;
    }

    public VectorSchemaRoot root() { return root; }

    @Override public void close() { root.close(); }
}
