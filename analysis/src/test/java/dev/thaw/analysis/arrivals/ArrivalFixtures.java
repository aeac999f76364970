package dev.thaw.analysis.arrivals;

import dev.thaw.analysis.agg.BatchSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Seeded request streams as Arrow batches: a Poisson process split among functions, with execution times. */
public final class ArrivalFixtures {
    private ArrivalFixtures() {}

    static final Schema SCHEMA = new Schema(List.of(
            new Field("time_worker", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
            new Field("funcID", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("region", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("totalCost_worker", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null)));

    /** Poisson arrivals at {@code rate} per s; function f_k chosen with probability proportional to 1/(k+1). */
    public static BatchSource poisson(double rate, long n, int batch, long seed, BufferAllocator allocator) {
        SplittableRandom r = new SplittableRandom(seed);
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        double[] cum = new double[20];
        double s = 0;
        for (int k = 0; k < 20; k++) { s += 1.0 / (k + 1); cum[k] = s; }
        final double total = s;
        return new BatchSource() {
            long made;
            double t;

            @Override public boolean next() {
                if (made >= n) return false;
                int m = (int) Math.min(batch, n - made);
                root.allocateNew();
                Float8Vector time = (Float8Vector) root.getVector("time_worker"), exec = (Float8Vector) root.getVector("totalCost_worker");
                VarCharVector func = (VarCharVector) root.getVector("funcID"), region = (VarCharVector) root.getVector("region");
                for (int i = 0; i < m; i++) {
                    t += -Math.log(1 - r.nextDouble()) / rate;
                    double u = r.nextDouble() * total;
                    int k = 0;
                    while (cum[k] < u) k++;
                    time.setSafe(i, t);
                    exec.setSafe(i, 0.01 * (k + 1));
                    func.setSafe(i, ("f" + k).getBytes(StandardCharsets.UTF_8));
                    region.setSafe(i, ("R" + (1 + k % 2)).getBytes(StandardCharsets.UTF_8));
                }
                root.setRowCount(m);
                made += m;
                return true;
            }

            @Override public VectorSchemaRoot root() { return root; }

            @Override public void close() { root.close(); }
        };
    }
}
