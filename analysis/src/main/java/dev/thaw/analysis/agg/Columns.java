package dev.thaw.analysis.agg;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Fast null-aware reads from the ingest layer's vectors (int64, float64, utf8), by column name. */
public final class Columns {
    private Columns() {}

    /** The named vector, or null when the batch has no such column. */
    public static FieldVector find(VectorSchemaRoot root, String name) {
        return root.getVector(name); // null when absent (Schema.findField would throw)
    }

    public static FieldVector require(VectorSchemaRoot root, String name) {
        FieldVector v = find(root, name);
        if (v == null) throw new IllegalArgumentException("input has no column '" + name + "' (columns: " + root.getSchema().getFields() + ")");
        return v;
    }

    /** A numeric value as double, NaN when null or when the vector is absent. */
    public static double num(FieldVector v, int i) {
        if (v == null || v.isNull(i)) return Double.NaN;
        if (v instanceof Float8Vector f) return f.getDataBuffer().getDouble((long) i * 8);
        if (v instanceof BigIntVector b) return b.getDataBuffer().getLong((long) i * 8);
        if (v instanceof IntVector n) return n.get(i);
        if (v instanceof VarCharVector s) {
            try { return Double.parseDouble(new String(s.get(i), StandardCharsets.UTF_8)); }
            catch (NumberFormatException e) { return Double.NaN; }
        }
        Object o = v.getObject(i);
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** Text value, null when null or absent. */
    public static String text(FieldVector v, int i) {
        if (v == null || v.isNull(i)) return null;
        if (v instanceof VarCharVector s) return new String(s.get(i), StandardCharsets.UTF_8);
        Object o = v.getObject(i);
        return o == null ? null : o.toString();
    }
}
