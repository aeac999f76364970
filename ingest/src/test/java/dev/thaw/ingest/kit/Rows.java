package dev.thaw.ingest.kit;

import dev.thaw.ingest.TraceReader;
import dev.thaw.ingest.Traces;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A whole (small) trace as plain Java rows: Long, Double, String or null per cell, for exact comparisons in tests. */
public record Rows(String formatId, List<String> columns, List<List<Object>> rows) {

    public static Rows read(Path path) {
        try (TraceReader r = Traces.open(path)) { return read(r); }
    }

    public static Rows read(Path path, String formatId) {
        try (TraceReader r = Traces.open(path, formatId)) { return read(r); }
    }

    public static Rows read(TraceReader r) {
        List<String> cols = r.schema().getFields().stream().map(f -> f.getName()).toList();
        List<List<Object>> out = new ArrayList<>();
        while (r.next()) {
            VectorSchemaRoot root = r.root();
            for (int i = 0; i < root.getRowCount(); i++) {
                List<Object> row = new ArrayList<>(cols.size());
                for (String c : cols) row.add(cell(root.getVector(c), i));
                out.add(row);
            }
        }
        return new Rows(r.format().id(), cols, out);
    }

    static Object cell(FieldVector v, int i) {
        if (v.isNull(i)) return null;
        if (v instanceof Float8Vector f) return f.get(i);
        if (v instanceof BigIntVector b) return b.get(i);
        return new String(((VarCharVector) v).get(i), StandardCharsets.UTF_8);
    }

    public int size() { return rows.size(); }

    public Object get(int row, String column) {
        int c = columns.indexOf(column);
        if (c < 0) throw new IllegalArgumentException("no column " + column + " in " + columns);
        return rows.get(row).get(c);
    }

    public List<Object> column(String column) {
        int c = columns.indexOf(column);
        return rows.stream().map(r -> r.get(c)).toList();
    }

    /** The rows in a canonical order, for comparing outputs whose row order may differ (partitioned writes). */
    public List<List<Object>> sorted() {
        List<List<Object>> s = new ArrayList<>(rows);
        s.sort(Comparator.comparing(Object::toString));
        return s;
    }
}
