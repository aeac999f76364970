package dev.thaw.simulate.llm.perf.db;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Measured attention times of one layer by batch and length (prefill: prompt length; decode: context tokens each
 * sequence reads), for each measured (query heads, KV heads, head dim, KV dtype) per GPU; full attention only
 * (no sliding window). {@link #slice} picks the surface for a model's heads per GPU: the KV dtype asked for if
 * measured (else 16-bit), the nearest head dim scaled by its ratio, KV heads beyond the measured range by
 * splitting the layer into equal measured groups (time x groups), and query heads interpolated in log heads
 * between the two measured neighbours (scaled linearly above the largest).
 */
public final class AttentionTable {
    /** One measured (heads, kv heads, head dim, dtype) combination. */
    private record Combo(int heads, int kvHeads, int headDim, String kvDtype) {}

    private final Map<Combo, LogGrid> grids;

    private AttentionTable(Map<Combo, LogGrid> grids) { this.grids = grids; }

    /** Collects (batch, length, heads, kv heads, head dim, kv dtype, seconds) points; repeats keep the fastest. */
    public static final class Builder {
        private final Map<Combo, TreeMap<Double, TreeMap<Double, Double>>> points = new HashMap<>();

        public Builder add(double batch, double length, int heads, int kvHeads, int headDim, String kvDtype, double seconds) {
            if (!(batch >= 1 && length >= 1 && heads >= 1 && kvHeads >= 1 && headDim >= 1 && seconds > 0)) return this;
            points.computeIfAbsent(new Combo(heads, kvHeads, headDim, kvDtype), c -> new TreeMap<>())
                    .computeIfAbsent(batch, b -> new TreeMap<>()).merge(length, seconds, Math::min);
            return this;
        }

        public boolean isEmpty() { return points.isEmpty(); }

        public AttentionTable build() {
            Map<Combo, LogGrid> grids = new HashMap<>();
            points.forEach((combo, byBatch) -> {
                TreeSet<Double> lengths = new TreeSet<>();
                byBatch.values().forEach(m -> lengths.addAll(m.keySet()));
                double[] a = byBatch.keySet().stream().mapToDouble(Double::doubleValue).toArray();
                double[] b = lengths.stream().mapToDouble(Double::doubleValue).toArray();
                double[][] t = new double[a.length][b.length];
                int i = 0;
                for (TreeMap<Double, Double> row : byBatch.values()) {
                    for (int j = 0; j < b.length; j++) t[i][j] = row.getOrDefault(b[j], Double.NaN);
                    i++;
                }
                grids.put(combo, new LogGrid(a, b, t));
            });
            return new AttentionTable(grids);
        }
    }

    /** Time of one layer's attention for batch x length, for this many heads per GPU. */
    public Surface slice(double heads, double kvHeads, int headDim, String kvDtype) {
        List<Combo> pool = new ArrayList<>();
        for (Combo c : grids.keySet()) if (c.kvDtype.equals(kvDtype)) pool.add(c);
        if (pool.isEmpty()) for (Combo c : grids.keySet()) if (c.kvDtype.equals("bfloat16")) pool.add(c);
        if (pool.isEmpty()) pool.addAll(grids.keySet());
        int hd = nearest(pool.stream().mapToInt(Combo::headDim).distinct().toArray(), headDim);
        pool.removeIf(c -> c.headDim != hd);
        double scale = (double) headDim / hd;
        int maxKv = pool.stream().mapToInt(Combo::kvHeads).max().orElseThrow();
        if (kvHeads > maxKv) { // equal groups of the largest measured KV-head count
            double groups = kvHeads / maxKv;
            scale *= groups;
            heads /= groups;
            kvHeads = maxKv;
        }
        int kv = nearest(pool.stream().mapToInt(Combo::kvHeads).distinct().toArray(), kvHeads);
        pool.removeIf(c -> c.kvHeads != kv);
        TreeMap<Integer, LogGrid> byHeads = new TreeMap<>();
        for (Combo c : pool) byHeads.put(c.heads, grids.get(c));
        Map.Entry<Integer, LogGrid> lo = byHeads.floorEntry((int) Math.floor(heads)), hi = byHeads.ceilingEntry((int) Math.ceil(heads));
        if (lo == null) return new Surface(hi.getValue(), hi.getValue(), 0, scale); // fewer heads than measured: the floor
        if (hi == null) return new Surface(lo.getValue(), lo.getValue(), 0, scale * heads / lo.getKey());
        double f = hi.getKey().equals(lo.getKey()) ? 0 : Math.log(heads / lo.getKey()) / Math.log((double) hi.getKey() / lo.getKey());
        return new Surface(lo.getValue(), hi.getValue(), f, scale);
    }

    private static int nearest(int[] values, double v) {
        int best = values[0];
        for (int x : values) if (Math.abs(Math.log(x / v)) < Math.abs(Math.log(best / v)) || (Math.abs(Math.log(x / v)) == Math.abs(Math.log(best / v)) && x > best)) best = x;
        return best;
    }

    /** Time by (batch, length) of one layer: two measured surfaces mixed in log time, times a work ratio. */
    public record Surface(LogGrid lower, LogGrid upper, double mix, double scale) {
        /** The same surface with each measured grid made monotone ({@link LogGrid#monotone()}). */
        public Surface monotone() { return new Surface(lower.monotone(), upper == lower ? lower.monotone() : upper.monotone(), mix, scale); }

        public double at(double batch, double length) {
            double t = lower.at(batch, length);
            if (mix > 0) t = Math.exp(Math.log(t) * (1 - mix) + Math.log(upper.at(batch, length)) * mix);
            return scale * t;
        }
    }
}
