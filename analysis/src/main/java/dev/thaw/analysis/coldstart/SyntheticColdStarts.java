package dev.thaw.analysis.coldstart;

import dev.thaw.analysis.agg.BatchSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Deterministic cold-start rows in the ingest layer's huawei-2025-coldstart schema, for tests and benchmarks:
 * time-ordered over 31 days, regions R1..R5, five pools, lognormal components (dependency cost 0 for 70% of rows),
 * total = sum of the components. The same seed gives the same rows, whatever the batch size.
 */
public final class SyntheticColdStarts implements BatchSource {
    public static final List<String> POOLS = List.of("pool22-300-128", "pool23-400-256", "pool24-600-512", "pool25-1000-1024", "pool26-2000-2048");
    public static final Schema SCHEMA = new Schema(List.of(
            i64("day"), f64("time"), i64("clusterName"), i64("funcName"), i64("userID"), str("requestID"),
            f64("totalCost_cold_start"), f64("podAllocationCost"), f64("deployCodeCost"), f64("deployDependencyCost"),
            f64("schedulingCost"), str("podID"), str("region"), str("poolName"), i64("cpuLimitMillicores"),
            i64("memLimitMb"), str("funcID")));

    private static final List<String[]> POOL_PARTS = POOLS.stream().map(x -> x.split("-")).toList();

    private final long rows;
    private final int batchRows;
    private final SplittableRandom rng;
    private final VectorSchemaRoot root;
    private final double meanGap;
    private long produced;
    private double time;

    public SyntheticColdStarts(long rows, int batchRows, long seed, BufferAllocator allocator) {
        this.rows = rows;
        this.batchRows = batchRows;
        this.rng = new SplittableRandom(seed);
        this.root = VectorSchemaRoot.create(SCHEMA, allocator);
        root.getFieldVectors().forEach(v -> v.setInitialCapacity(batchRows));
        this.meanGap = 31 * 86_400.0 / Math.max(1, rows);
    }

    @Override public boolean next() {
        if (produced >= rows) return false;
        int n = (int) Math.min(batchRows, rows - produced);
        root.allocateNew();
        BigIntVector day = (BigIntVector) root.getVector("day"), cluster = (BigIntVector) root.getVector("clusterName");
        BigIntVector funcName = (BigIntVector) root.getVector("funcName"), user = (BigIntVector) root.getVector("userID");
        BigIntVector cpu = (BigIntVector) root.getVector("cpuLimitMillicores"), mem = (BigIntVector) root.getVector("memLimitMb");
        Float8Vector time = (Float8Vector) root.getVector("time"), total = (Float8Vector) root.getVector("totalCost_cold_start");
        Float8Vector alloc = (Float8Vector) root.getVector("podAllocationCost"), code = (Float8Vector) root.getVector("deployCodeCost");
        Float8Vector dep = (Float8Vector) root.getVector("deployDependencyCost"), sched = (Float8Vector) root.getVector("schedulingCost");
        VarCharVector req = (VarCharVector) root.getVector("requestID"), pod = (VarCharVector) root.getVector("podID");
        VarCharVector region = (VarCharVector) root.getVector("region"), pool = (VarCharVector) root.getVector("poolName");
        VarCharVector func = (VarCharVector) root.getVector("funcID");
        for (int i = 0; i < n; i++) {
            this.time += -Math.log(1 - rng.nextDouble()) * meanGap;
            double t = Math.round(this.time * 1000) / 1000.0;
            int r = rng.nextInt(5), p = rng.nextInt(5), c = 1 + rng.nextInt(4), f = rng.nextInt(2000), u = rng.nextInt(500);
            double a = logNormal(-7.4 + 0.3 * r, 0.5), cd = logNormal(-3 + 0.2 * p, 1.0);
            double d = rng.nextDouble() < 0.7 ? 0 : logNormal(-1, 1.2), s = logNormal(-1.5 - 0.3 * r, 1.3);
            String poolName = POOLS.get(p);
            String[] parts = POOL_PARTS.get(p);
            day.set(i, (long) Math.floor(t / 86_400));
            time.set(i, t);
            cluster.set(i, c);
            funcName.set(i, f);
            user.set(i, u);
            req.setSafe(i, bytes(Long.toHexString(rng.nextLong())));
            total.set(i, a + cd + d + s);
            alloc.set(i, a);
            code.set(i, cd);
            dep.set(i, d);
            sched.set(i, s);
            String seq = Long.toString(produced + i);
            pod.setSafe(i, bytes(poolName + "-" + "0000000000".substring(Math.min(10, seq.length())) + seq));
            region.setSafe(i, bytes("R" + (r + 1)));
            pool.setSafe(i, bytes(poolName));
            cpu.set(i, Long.parseLong(parts[1]));
            mem.set(i, Long.parseLong(parts[2]));
            func.setSafe(i, bytes(f + "---" + u + "---" + poolName));
        }
        root.setRowCount(n);
        produced += n;
        return true;
    }

    private double logNormal(double mu, double sigma) {
        // Box-Muller from two uniforms: deterministic given the seed
        double z = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
        return Math.exp(mu + sigma * z);
    }

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Override public VectorSchemaRoot root() { return root; }

    @Override public void close() { root.close(); }

    private static Field i64(String n) { return new Field(n, FieldType.nullable(new ArrowType.Int(64, true)), null); }

    private static Field f64(String n) { return new Field(n, FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null); }

    private static Field str(String n) { return new Field(n, FieldType.nullable(ArrowType.Utf8.INSTANCE), null); }
}
