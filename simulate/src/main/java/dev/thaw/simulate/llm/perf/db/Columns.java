package dev.thaw.simulate.llm.perf.db;

import dev.thaw.ingest.BadInputException;
import dev.thaw.ingest.parquet.ParquetTableReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Named columns of a whole table, numbers as doubles and text as strings (the tables are small: about 10^5 rows). */
final class Columns {
    private final String file;
    private final List<String> names;
    private final Object[] values; // double[] or String[] per column
    final int rows;

    private Columns(String file, List<String> names, Object[] values, int rows) {
        this.file = file;
        this.names = names;
        this.values = values;
        this.rows = rows;
    }

    /** Reads these columns of a Parquet file; a missing column is a {@link BadInputException} naming the file. */
    static Columns parquet(Path path, List<String> names) {
        try (ParquetTableReader r = new ParquetTableReader(path, names, 1 << 16); BufferAllocator alloc = new RootAllocator();
             VectorSchemaRoot root = r.newRoot(alloc)) {
            int n = (int) r.rowCount();
            Object[] vals = new Object[names.size()];
            int at = 0;
            while (r.next(root)) {
                int k = root.getRowCount();
                for (int c = 0; c < vals.length; c++) {
                    FieldVector v = root.getVector(c);
                    if (v instanceof VarCharVector s) {
                        String[] out = (String[]) (vals[c] == null ? vals[c] = new String[n] : vals[c]);
                        for (int i = 0; i < k; i++) out[at + i] = s.isNull(i) ? "" : new String(s.get(i), java.nio.charset.StandardCharsets.UTF_8);
                    } else {
                        double[] out = (double[]) (vals[c] == null ? vals[c] = new double[n] : vals[c]);
                        for (int i = 0; i < k; i++) {
                            if (v.isNull(i)) out[at + i] = Double.NaN;
                            else if (v instanceof BigIntVector b) out[at + i] = b.get(i);
                            else out[at + i] = ((Float8Vector) v).get(i);
                        }
                    }
                }
                at += k;
            }
            for (int c = 0; c < vals.length; c++) if (vals[c] == null) vals[c] = new double[0];
            return new Columns(path.toString(), names, vals, at);
        }
    }

    /** Columns already parsed (CSV readers). */
    static Columns of(String file, List<String> names, Object[] values, int rows) { return new Columns(file, names, values, rows); }

    double[] num(String name) {
        Object v = values[index(name)];
        if (!(v instanceof double[] d)) throw BadInputException.ofFile(file, "column '" + name + "' must be numeric", null);
        return d;
    }

    String[] text(String name) {
        Object v = values[index(name)];
        if (v instanceof String[] s) return s;
        double[] d = (double[]) v;
        String[] s = new String[d.length];
        for (int i = 0; i < d.length; i++) s[i] = Double.toString(d[i]);
        return s;
    }

    boolean has(String name) { return names.contains(name); }

    private int index(String name) {
        int i = names.indexOf(name);
        if (i < 0) throw BadInputException.ofFile(file, "no column '" + name + "' (columns: " + names + ")", null);
        return i;
    }

    @Override public String toString() { return file + " " + Arrays.toString(names.toArray()); }
}
