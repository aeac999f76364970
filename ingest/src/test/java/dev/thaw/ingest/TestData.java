package dev.thaw.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;

/** Locates the bundled datasets and reads whole columns for assertions. */
public final class TestData {
    private TestData() {}

    public static Path repo() {
        String p = System.getProperty("thaw.repo");
        Path base = p != null ? Paths.get(p) : Paths.get("").toAbsolutePath();
        while (base != null && !Files.isDirectory(base.resolve("datasets"))) base = base.getParent();
        if (base == null) throw new IllegalStateException("cannot find the repository's datasets/ folder");
        return base;
    }

    public static Path dataset(String relative) { return repo().resolve("datasets").resolve(relative); }

    /** Every value of a column, as doubles (null as NaN) or strings, over the whole trace. */
    public static List<Object> column(TraceReader r, String name) {
        List<Object> out = new ArrayList<>();
        while (r.next()) {
            FieldVector v = r.root().getVector(name);
            for (int i = 0; i < r.root().getRowCount(); i++) {
                if (v.isNull(i)) out.add(null);
                else if (v instanceof Float8Vector f) out.add(f.get(i));
                else if (v instanceof BigIntVector b) out.add(b.get(i));
                else out.add(new String(((VarCharVector) v).get(i), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    public static double[] doubles(Path p, String column) {
        try (TraceReader r = Traces.open(p)) {
            return column(r, column).stream().mapToDouble(o -> o == null ? Double.NaN : ((Number) o).doubleValue()).toArray();
        }
    }
}
