package dev.thaw.analysis.coldstart;

import dev.thaw.analysis.agg.Aggregator;
import dev.thaw.analysis.agg.Columns;
import dev.thaw.analysis.agg.LongObjectMap;
import dev.thaw.analysis.agg.TextInterner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One pass over Huawei 2025 cold-start rows: per-group count, mean, quantiles and shares of the cold-start time
 * and its components for every requested grouping (always including the whole trace and per region), and, unless
 * disabled, per-region minute series, inter-arrival times and a fitting sample ({@link RegionSeries}).
 * Rows without a totalCost_cold_start are skipped and counted. See {@link ColdStartReport} for the results.
 */
public final class ColdStartAggregator implements Aggregator<ColdStartAggregator> {
    private static final long serialVersionUID = 1L;
    private static final int MAX_DIMS = 4;

    private final List<List<Dimension>> groupings;
    private final FunctionMeta meta;
    private final boolean series;
    private final int fitSample;
    private final List<TreeMap<List<String>, GroupStats>> groups = new ArrayList<>();
    private final TreeMap<String, RegionSeries> regions = new TreeMap<>();
    /** Cold starts per funcID (only when asked: one entry per function), for requests versus cold starts. */
    private final TreeMap<String, long[]> perFunction = new TreeMap<>();
    private boolean functionCounts;
    private long rows, skipped;

    // hot-path caches, rebuilt after deserialisation
    private transient TextInterner regionIds, poolIds, funcIds;
    private transient Map<String, Integer> metaLabelIds;
    private transient List<String> metaLabels;
    private transient int[] funcRuntime, funcTrigger;
    private transient List<LongObjectMap<GroupStats>> groupCache;
    private transient RegionSeries[] regionCache;
    private transient long[][] funcCountCache;

    /**
     * @param groupings groupings to report (each at most 4 dimensions); the whole trace and per region are added
     * @param meta function metadata for runtime and trigger ({@link FunctionMeta#NONE} if absent)
     * @param series whether to keep per-region series, IATs and fitting samples (the benchmark turns them off)
     */
    public ColdStartAggregator(List<List<Dimension>> groupings, FunctionMeta meta, boolean series) {
        this(groupings, meta, series, RegionSeries.FIT_SAMPLE);
    }

    /** @param fitSample rows kept per region for fitting (deterministic bottom-k sample) */
    public ColdStartAggregator(List<List<Dimension>> groupings, FunctionMeta meta, boolean series, int fitSample) {
        this(groupings, meta, series, fitSample, true);
    }

    /** Only the given grouping, no series: the plain summary the benchmark compares with SQL. */
    public static ColdStartAggregator summaryOnly(List<Dimension> grouping) {
        return new ColdStartAggregator(List.of(grouping), FunctionMeta.NONE, false, 1, false);
    }

    private ColdStartAggregator(List<List<Dimension>> groupings, FunctionMeta meta, boolean series, int fitSample, boolean defaults) {
        List<List<Dimension>> gs = new ArrayList<>();
        if (defaults) {
            gs.add(List.of());
            gs.add(List.of(Dimension.REGION));
        }
        for (List<Dimension> g : groupings) {
            if (g.size() > MAX_DIMS) throw new IllegalArgumentException("at most " + MAX_DIMS + " group-by columns, got " + g);
            if (!gs.contains(g)) gs.add(List.copyOf(g));
        }
        this.groupings = List.copyOf(gs);
        this.meta = meta;
        this.series = series;
        this.fitSample = fitSample;
        for (int i = 0; i < this.groupings.size(); i++) groups.add(new TreeMap<>(Labels.ORDER));
    }

    public ColdStartAggregator(List<List<Dimension>> groupings) { this(groupings, FunctionMeta.NONE, true); }

    public List<List<Dimension>> groupings() { return groupings; }

    /** Groups of grouping {@code g} (index into {@link #groupings()}), ordered by label. */
    public TreeMap<List<String>, GroupStats> groups(int g) { return groups.get(g); }

    public TreeMap<String, RegionSeries> regions() { return regions; }

    public long rows() { return rows; }

    public long skipped() { return skipped; }

    public boolean hasSeries() { return series; }

    public int fitSample() { return fitSample; }

    private void caches() {
        if (groupCache != null) return;
        regionIds = new TextInterner();
        poolIds = new TextInterner();
        funcIds = new TextInterner();
        metaLabelIds = new HashMap<>();
        metaLabels = new ArrayList<>();
        funcRuntime = new int[0];
        funcTrigger = new int[0];
        groupCache = new ArrayList<>();
        for (int i = 0; i < groupings.size(); i++) groupCache.add(new LongObjectMap<>());
        regionCache = new RegionSeries[0];
        funcCountCache = new long[0][];
    }

    @Override public void accept(VectorSchemaRoot b) {
        caches();
        int n = b.getRowCount();
        Float8Vector total = (Float8Vector) Columns.require(b, Component.TOTAL.column());
        Float8Vector alloc = (Float8Vector) Columns.require(b, Component.POD_ALLOCATION.column());
        Float8Vector code = (Float8Vector) Columns.require(b, Component.DEPLOY_CODE.column());
        Float8Vector dep = (Float8Vector) Columns.require(b, Component.DEPLOY_DEPENDENCY.column());
        Float8Vector sched = (Float8Vector) Columns.require(b, Component.SCHEDULING.column());
        FieldVector time = series ? Columns.require(b, "time") : null;
        Row r = new Row(b);
        int ng = groupings.size();
        Dimension[][] dims = new Dimension[ng][];
        @SuppressWarnings("unchecked") LongObjectMap<GroupStats>[] caches = new LongObjectMap[ng];
        for (int g = 0; g < ng; g++) { dims[g] = groupings.get(g).toArray(new Dimension[0]); caches[g] = groupCache.get(g); }
        for (int i = 0; i < n; i++) {
            if (total.isNull(i)) { skipped++; continue; }
            double tot = total.get(i);
            double a = alloc.isNull(i) ? 0 : alloc.get(i), c = code.isNull(i) ? 0 : code.get(i);
            double d = dep.isNull(i) ? 0 : dep.get(i), s = sched.isNull(i) ? 0 : sched.get(i);
            rows++;
            r.row = i;
            for (int g = 0; g < ng; g++) {
                Dimension[] ds = dims[g];
                long key = 0;
                for (Dimension dim : ds) key = (key << 16) | r.id(dim);
                LongObjectMap<GroupStats> cache = caches[g];
                GroupStats st = cache.get(key);
                if (st == null) {
                    st = groups.get(g).computeIfAbsent(r.labels(groupings.get(g)), x -> new GroupStats());
                    cache.put(key, st);
                }
                st.add(tot, a, c, d, s);
            }
            if (series) {
                regionSeries((int) r.id(Dimension.REGION)).add(Columns.num(time, i), tot, a, c, d, s);
                if (functionCounts && r.func != null && !r.func.isNull(i)) functionCount(funcIds.id(r.func, i))[0]++;
            }
        }
    }

    private long[] functionCount(int id) {
        if (id >= funcCountCache.length) funcCountCache = java.util.Arrays.copyOf(funcCountCache, Math.max(16, id * 2));
        long[] c = funcCountCache[id];
        if (c == null) {
            c = perFunction.computeIfAbsent(funcIds.string(id), x -> new long[1]);
            funcCountCache[id] = c;
        }
        return c;
    }

    /** Also count cold starts per funcID (memory grows with the number of functions); call before the first batch. */
    public ColdStartAggregator withFunctionCounts() {
        functionCounts = true;
        return this;
    }

    /** Cold starts per funcID (empty unless {@link #withFunctionCounts()} and series are on). */
    public TreeMap<String, long[]> perFunction() { return perFunction; }

    private RegionSeries regionSeries(int id) {
        if (id >= regionCache.length) regionCache = java.util.Arrays.copyOf(regionCache, id + 4);
        RegionSeries rs = regionCache[id];
        if (rs == null) {
            String label = id == 0 ? Labels.NULL : regionIds.string(id - 1);
            rs = regions.computeIfAbsent(label, x -> new RegionSeries(fitSample));
            regionCache[id] = rs;
        }
        return rs;
    }

    /** Resolves dimension ids (value + 1, 0 for null, at most 16 bits) and labels for the current row. */
    private final class Row {
        final VarCharVector region, pool, func;
        final FieldVector cluster, day, time, cpu, mem;
        int row;

        Row(VectorSchemaRoot b) {
            region = (VarCharVector) Columns.find(b, "region");
            pool = (VarCharVector) Columns.find(b, "poolName");
            func = (VarCharVector) Columns.find(b, "funcID");
            cluster = Columns.find(b, "clusterName");
            day = Columns.find(b, "day");
            time = Columns.find(b, "time");
            cpu = Columns.find(b, "cpuLimitMillicores");
            mem = Columns.find(b, "memLimitMb");
        }

        long id(Dimension d) {
            switch (d) {
                case REGION: return region == null ? 0 : regionIds.id(region, row) + 1;
                case POOL: return pool == null ? 0 : poolIds.id(pool, row) + 1;
                case CLUSTER: return small(Columns.num(cluster, row));
                case DAY: {
                    double v = Columns.num(day, row);
                    if (Double.isNaN(v)) v = Math.floor(Columns.num(time, row) / 86_400);
                    return small(v);
                }
                case HOUR: {
                    double t = Columns.num(time, row);
                    return Double.isNaN(t) ? 0 : small(Math.floorMod((long) Math.floor(t / 3600), 24L));
                }
                case SIZE: {
                    double c = Columns.num(cpu, row), m = Columns.num(mem, row);
                    if (Double.isNaN(c) || Double.isNaN(m)) return 0;
                    return c <= Dimension.SMALL_MAX_MILLICORES && m <= Dimension.SMALL_MAX_MB ? 1 : 2;
                }
                case RUNTIME: return metaId(true);
                case TRIGGER: return metaId(false);
                default: throw new IllegalStateException(d.toString());
            }
        }

        private long small(double v) {
            if (Double.isNaN(v)) return 0;
            if (v < 0 || v > 65_000) throw new IllegalArgumentException("group value out of range [0, 65000]: " + v);
            return (long) v + 1;
        }

        private long metaId(boolean runtime) {
            if (func == null) return 0;
            int f = funcIds.id(func, row);
            if (f < 0) return 0;
            if (f >= funcRuntime.length) {
                int old = funcRuntime.length;
                funcRuntime = java.util.Arrays.copyOf(funcRuntime, Math.max(16, f * 2));
                funcTrigger = java.util.Arrays.copyOf(funcTrigger, funcRuntime.length);
                java.util.Arrays.fill(funcRuntime, old, funcRuntime.length, -1);
                java.util.Arrays.fill(funcTrigger, old, funcTrigger.length, -1);
            }
            int[] arr = runtime ? funcRuntime : funcTrigger;
            if (arr[f] < 0) {
                String id = funcIds.string(f);
                String v = runtime ? meta.runtime(id) : meta.trigger(id);
                arr[f] = v == null ? 0 : metaLabelIds.computeIfAbsent(v, x -> { metaLabels.add(x); return metaLabels.size(); });
            }
            return arr[f];
        }

        List<String> labels(List<Dimension> dims) {
            List<String> out = new ArrayList<>(dims.size());
            for (Dimension d : dims) {
                long id = id(d);
                String s;
                if (id == 0) s = Labels.NULL;
                else s = switch (d) {
                    case REGION -> regionIds.string((int) id - 1);
                    case POOL -> poolIds.string((int) id - 1);
                    case SIZE -> id == 1 ? "small" : "large";
                    case RUNTIME, TRIGGER -> metaLabels.get((int) id - 1);
                    default -> Long.toString(id - 1);
                };
                out.add(s);
            }
            return out;
        }
    }

    @Override public ColdStartAggregator merge(ColdStartAggregator o) {
        if (!o.groupings.equals(groupings) || o.series != series || o.fitSample != fitSample || o.functionCounts != functionCounts) throw new IllegalArgumentException("cannot merge differently configured cold-start aggregators");
        for (int g = 0; g < groups.size(); g++) {
            TreeMap<List<String>, GroupStats> mine = groups.get(g);
            o.groups.get(g).forEach((k, v) -> mine.merge(k, v, GroupStats::merge));
        }
        o.regions.forEach((k, v) -> regions.merge(k, v, RegionSeries::merge));
        o.perFunction.forEach((k, v) -> perFunction.merge(k, v, (x, y) -> { x[0] += y[0]; return x; }));
        rows += o.rows;
        skipped += o.skipped;
        return this;
    }
}
