package dev.thaw.ingest.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.schema.TraceSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * The staged appender against a plain model of its contract, value by value: random rows with nulls, empty and
 * non-ASCII strings, cells overwritten within a row, aborted rows, rollbacks over several rows, batches far past
 * the initial capacity, and batches reused after reset. Null number cells read 0 as in a freshly reset vector.
 */
class RowAppenderTest {
    static final TraceSchema SCHEMA = new TraceSchema(List.of(
            ColumnSpec.float64("x", "a double"),
            ColumnSpec.int64("n", "a long"),
            ColumnSpec.string("s", "text"),
            ColumnSpec.string("t", "more text"),
            ColumnSpec.float64("y", "another double")));

    @Test
    void batchesEqualTheModelCellByCell() {
        Random r = new Random(11);
        try (BufferAllocator a = new RootAllocator(); RowAppender out = new RowAppender(SCHEMA, a, 100)) {
            for (int batch = 0; batch < 12; batch++) {
                out.reset();
                List<Object[]> model = new ArrayList<>();
                int target = batch % 3 == 0 ? 0 : batch % 3 == 1 ? 1 + r.nextInt(150) : 700 + r.nextInt(900);
                Object[] row = new Object[5];
                while (model.size() < target) {
                    int op = r.nextInt(100);
                    if (op < 60) { // set one cell (possibly again)
                        int c = r.nextInt(5);
                        Object v = value(c, r);
                        set(out, c, v);
                        row[c] = v;
                        if (c == 0 && v != null) assertEquals((double) v, out.getDouble(0));
                    } else if (op < 88) {
                        out.endRow();
                        model.add(row);
                        row = new Object[5];
                    } else if (op < 97) {
                        out.abortRow();
                        row = new Object[5];
                    } else if (op < 99 && !model.isEmpty()) { // forget the current row and up to 10 ended ones
                        int mark = Math.max(0, model.size() - r.nextInt(11));
                        out.rollbackTo(mark);
                        while (model.size() > mark) model.remove(model.size() - 1);
                        row = new Object[5];
                    }
                }
                out.abortRow(); // a half-set row at the end is not part of the batch
                VectorSchemaRoot root = out.finish();
                assertEquals(model.size(), out.rowCount());
                assertEquals(model.size(), root.getRowCount());
                for (int i = 0; i < model.size(); i++)
                    for (int c = 0; c < 5; c++) assertEquals(model.get(i)[c], read(root.getVector(c), i), "batch " + batch + " row " + i + " col " + c);
                for (int i = 0; i < model.size(); i++) { // null number cells hold 0, whatever the batch before held there
                    if (model.get(i)[0] == null) assertEquals(0L, root.getVector(0).getDataBuffer().getLong((long) i * 8));
                    if (model.get(i)[1] == null) assertEquals(0L, root.getVector(1).getDataBuffer().getLong((long) i * 8));
                }
            }
        }
    }

    @Test
    void stringsLeftUnsetAreNullAndOverwritesKeepTheLastValue() {
        try (BufferAllocator a = new RootAllocator(); RowAppender out = new RowAppender(SCHEMA, a, 4)) {
            out.setString(2, "first");
            out.setString(2, "second, longer");
            out.endRow();
            out.endRow();                 // nothing set: all null
            out.setString(3, "");         // empty, not null
            out.endRow();
            out.setString(2, "é✓");
            out.setNull(2);               // unset again in the same row
            out.endRow();
            out.setString(2, "after");
            out.endRow();
            VectorSchemaRoot root = out.finish();
            assertEquals(5, root.getRowCount());
            assertEquals(Arrays.asList("second, longer", null, null, null, "after"), List.of(0, 1, 2, 3, 4).stream().map(i -> read(root.getVector(2), i)).toList());
            assertEquals(Arrays.asList(null, null, "", null, null), List.of(0, 1, 2, 3, 4).stream().map(i -> read(root.getVector(3), i)).toList());
            assertEquals(0, root.getVector(2).getNullCount() - 3);
        }
    }

    private static Object value(int c, Random r) {
        if (r.nextInt(8) == 0) return null;
        return switch (c) {
            case 0, 4 -> r.nextInt(4) == 0 ? (double) r.nextInt(3) : r.nextGaussian() * 1e9;
            case 1 -> r.nextInt(4) == 0 ? Long.MIN_VALUE + r.nextInt(3) : r.nextLong();
            default -> {
                int len = r.nextInt(6) == 0 ? 0 : r.nextInt(4) == 0 ? 200 + r.nextInt(400) : r.nextInt(12);
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < len; k++) sb.append(r.nextInt(10) == 0 ? 'ü' : (char) ('a' + r.nextInt(26)));
                yield sb.toString();
            }
        };
    }

    private static void set(RowAppender out, int c, Object v) {
        if (v == null) { out.setNull(c); return; }
        switch (c) {
            case 0, 4 -> out.setDouble(c, (double) v);
            case 1 -> out.setLong(c, (long) v);
            default -> {
                if (((String) v).length() % 2 == 0) out.setString(c, (String) v);
                else { // through the byte-range setter, from the middle of a larger array
                    byte[] b = ("<<" + v + ">>").getBytes(StandardCharsets.UTF_8);
                    out.setString(c, b, 2, b.length - 4);
                }
            }
        }
    }

    private static Object read(FieldVector v, int i) {
        if (v.isNull(i)) return null;
        if (v instanceof Float8Vector f) return f.get(i);
        if (v instanceof BigIntVector b) return b.get(i);
        return new String(((VarCharVector) v).get(i), StandardCharsets.UTF_8);
    }
}
