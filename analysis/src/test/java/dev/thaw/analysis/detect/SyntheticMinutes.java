package dev.thaw.analysis.detect;

import dev.thaw.analysis.agg.BatchSource;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Per-minute metrics of steady functions, generated from per-request draws: Poisson requests around a diurnal
 * rate, each request with lognormal CPU (sd 0.3), execution time (sd 0.6) and response-writing time (sd 0.3)
 * around the function's own medians; the minute's value is the average over its requests. A planted change
 * multiplies per-request costs or the request rate from a given minute for a given length.
 */
final class SyntheticMinutes {
    final int functions;
    final double[] rate, cpu, exec, rsp, mem;

    SyntheticMinutes(int functions, long seed) {
        this.functions = functions;
        SplittableRandom r = new SplittableRandom(seed);
        rate = new double[functions]; cpu = new double[functions]; exec = new double[functions]; rsp = new double[functions]; mem = new double[functions];
        for (int f = 0; f < functions; f++) {
            rate[f] = 2 + 30 * r.nextDouble();
            cpu[f] = 0.05 + 0.5 * r.nextDouble();
            exec[f] = 0.01 * Math.exp(2 * r.nextDouble());
            rsp[f] = 1e-5 * (1 + r.nextDouble());
            mem[f] = 100 + 400 * r.nextDouble();
        }
    }

    /** A change applied to one function's minutes in [from, from + length). */
    record Change(int function, long from, long length, double loadFactor, double costFactor) {
        boolean covers(int f, long minute) { return f == function && minute >= from && minute < from + length; }
    }

    /** Fills {@code v} for function f at minute m (values by Metric ordinal). */
    void minute(int f, long m, SplittableRandom rng, double[] v, Change change) {
        Arrays.fill(v, Double.NaN);
        boolean changed = change != null && change.covers(f, m);
        double hour = (m % 1440) / 60.0;
        double lambda = rate[f] * (1 + 0.5 * Math.sin(2 * Math.PI * hour / 24)) * (changed ? change.loadFactor() : 1);
        int n = poisson(lambda, rng);
        v[Metric.REQUESTS.ordinal()] = n;
        if (n == 0) return;
        double c = 0, e = 0, p = 0, mm = 0, cost = changed ? change.costFactor() : 1;
        for (int i = 0; i < n; i++) {
            c += cpu[f] * Math.exp(0.3 * rng.nextGaussian()) * cost;
            e += exec[f] * Math.exp(0.6 * rng.nextGaussian()) * cost;
            p += rsp[f] * Math.exp(0.3 * rng.nextGaussian());
            mm += mem[f] * (1 + 0.05 * rng.nextGaussian());
        }
        v[Metric.CPU.ordinal()] = c / n;
        v[Metric.EXEC.ordinal()] = e / n;
        v[Metric.RESPONSE.ordinal()] = p / n;
        v[Metric.MEMORY.ordinal()] = mm / n;
        v[Metric.PODS.ordinal()] = Math.ceil(n * exec[f] * cost / 60 / 4) + 1;
    }

    static int poisson(double mean, SplittableRandom rng) {
        if (mean > 50) return (int) Math.max(0, Math.rint(mean + Math.sqrt(mean) * rng.nextGaussian()));
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do { k++; p *= rng.nextDouble(); } while (p > l);
        return k - 1;
    }

    static String id(int f) { return "fn" + f; }

    /** Long-form Arrow batches (funcID, time, one column per metric) of {@code days} days, one batch per hour. */
    BatchSource batches(int days, long seed, BufferAllocator allocator) {
        java.util.List<Field> fields = new java.util.ArrayList<>();
        fields.add(Field.nullable("funcID", new ArrowType.Utf8()));
        fields.add(Field.nullable("time", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)));
        for (Metric m : Metric.ALL) fields.add(Field.nullable(m.huawei2025Folder, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)));
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
        SplittableRandom rng = new SplittableRandom(seed);
        return new BatchSource() {
            long hour = 0;

            @Override public boolean next() {
                if (hour >= days * 24L) return false;
                root.allocateNew();
                double[] v = new double[Metric.ALL.size()];
                int row = 0;
                for (long m = hour * 60; m < hour * 60 + 60; m++) {
                    for (int f = 0; f < functions; f++) {
                        minute(f, m, rng, v, null);
                        ((VarCharVector) root.getVector(0)).setSafe(row, id(f).getBytes(StandardCharsets.UTF_8));
                        ((Float8Vector) root.getVector(1)).setSafe(row, m * 60.0);
                        for (Metric mt : Metric.ALL) {
                            Float8Vector vec = (Float8Vector) root.getVector(2 + mt.ordinal());
                            if (Double.isNaN(v[mt.ordinal()])) vec.setNull(row); else vec.setSafe(row, v[mt.ordinal()]);
                        }
                        row++;
                    }
                }
                root.setRowCount(row);
                hour++;
                return true;
            }

            @Override public VectorSchemaRoot root() { return root; }

            @Override public void close() { root.close(); }
        };
    }
}
