package dev.thaw.analysis.utility;

import dev.thaw.analysis.agg.Aggregator;
import dev.thaw.analysis.agg.Columns;
import dev.thaw.analysis.agg.QuantileSketch;
import dev.thaw.analysis.coldstart.Dimension;
import dev.thaw.analysis.coldstart.FunctionMeta;
import dev.thaw.analysis.table.ResultTable;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Pod utility ratio: joins cold-start rows and per-request rows on podID (batches of either kind, told apart by
 * their columns) and, per pod with both,
 * {@code utility = (t_last_request - t_cold_start) / totalCost_cold_start}.
 *
 * <p>Endpoints are parameters: the cold start at its timestamp ({@link ColdStartPoint#START}, default) or when it
 * finished (time + totalCost_cold_start); the last request at its end (time_worker + totalCost_worker,
 * {@link RequestPoint#END}, default) or its start (time_worker). The deletion time is estimated as last request +
 * keep-alive, so the estimated lifetime is (t_last + keepAlive - t_cold_start) and the useful lifetime
 * (lifetime - keepAlive) does not depend on the keep-alive: it only changes the reported lifetimes and idle
 * time. Per-pod state is kept until the end (memory grows with the number of pods, not rows).
 *
 * <p>Censoring: a pod whose last request + keep-alive falls after the last request of the log was still alive
 * when the data ends. It is counted with the useful lifetime seen so far (its utility is a lower bound) and the
 * number of such pods is reported ({@code pods_censored}); pods cold-started before the request log begins have
 * no requests in it and are left out ({@code pods_without_requests}).
 */
public final class UtilityAggregator implements Aggregator<UtilityAggregator> {
    private static final long serialVersionUID = 1L;

    public enum ColdStartPoint { START, READY }

    public enum RequestPoint { START, END }

    private final double keepAliveS;
    private final ColdStartPoint csPoint;
    private final RequestPoint reqPoint;
    private final FunctionMeta meta;
    private final HashMap<String, Pod> pods = new HashMap<>();
    private long coldStartRows, requestRows;

    static final class Pod implements Serializable {
        private static final long serialVersionUID = 1L;
        double tCold = Double.NaN, cost = Double.NaN, lastRequest = Double.NEGATIVE_INFINITY;
        long requests;
        String runtime, trigger, size, region;

        Pod merge(Pod o) {
            if (Double.isNaN(tCold) || (!Double.isNaN(o.tCold) && o.tCold < tCold)) {
                if (!Double.isNaN(o.tCold)) { tCold = o.tCold; cost = o.cost; runtime = o.runtime; trigger = o.trigger; size = o.size; region = o.region; }
            }
            lastRequest = Math.max(lastRequest, o.lastRequest);
            requests += o.requests;
            return this;
        }
    }

    public UtilityAggregator(double keepAliveS, ColdStartPoint csPoint, RequestPoint reqPoint, FunctionMeta meta) {
        this.keepAliveS = keepAliveS;
        this.csPoint = csPoint;
        this.reqPoint = reqPoint;
        this.meta = meta;
    }

    /** Defaults: keep-alive 60 s (Huawei), cold start at its timestamp, last request at its end, no metadata. */
    public UtilityAggregator() { this(60, ColdStartPoint.START, RequestPoint.END, FunctionMeta.NONE); }

    @Override public void accept(VectorSchemaRoot b) {
        FieldVector pod = Columns.find(b, "podID");
        if (pod == null) throw new IllegalArgumentException("pod utility needs a podID column");
        FieldVector cost = Columns.find(b, "totalCost_cold_start");
        int n = b.getRowCount();
        if (cost != null) {
            FieldVector time = Columns.require(b, "time"), func = Columns.find(b, "funcID");
            FieldVector cpu = Columns.find(b, "cpuLimitMillicores"), mem = Columns.find(b, "memLimitMb"), reg = Columns.find(b, "region");
            for (int i = 0; i < n; i++) {
                String id = Columns.text(pod, i);
                double t = Columns.num(time, i), c = Columns.num(cost, i);
                if (id == null || Double.isNaN(t) || Double.isNaN(c)) continue;
                coldStartRows++;
                Pod p = pods.computeIfAbsent(id, x -> new Pod());
                double at = csPoint == ColdStartPoint.START ? t : t + c;
                if (Double.isNaN(p.tCold) || at < p.tCold) {
                    p.tCold = at;
                    p.cost = c;
                    String f = Columns.text(func, i);
                    p.runtime = orUnknown(meta.runtime(f));
                    p.trigger = orUnknown(meta.trigger(f));
                    p.region = reg == null ? null : Columns.text(reg, i);
                    double cp = Columns.num(cpu, i), mb = Columns.num(mem, i);
                    p.size = Double.isNaN(cp) || Double.isNaN(mb) ? "unknown"
                            : cp <= Dimension.SMALL_MAX_MILLICORES && mb <= Dimension.SMALL_MAX_MB ? "small" : "large";
                }
            }
            return;
        }
        FieldVector time = Columns.find(b, "time_worker"), work = Columns.find(b, "totalCost_worker");
        if (time == null) throw new IllegalArgumentException("pod utility needs cold-start rows or per-request rows (time_worker)");
        for (int i = 0; i < n; i++) {
            String id = Columns.text(pod, i);
            double t = Columns.num(time, i);
            if (id == null || Double.isNaN(t)) continue;
            requestRows++;
            double w = Columns.num(work, i);
            double at = reqPoint == RequestPoint.START || Double.isNaN(w) ? t : t + w;
            Pod p = pods.computeIfAbsent(id, x -> new Pod());
            p.lastRequest = Math.max(p.lastRequest, at);
            p.requests++;
        }
    }

    private static String orUnknown(String s) { return s == null ? "unknown" : s; }

    @Override public UtilityAggregator merge(UtilityAggregator o) {
        o.pods.forEach((k, v) -> pods.merge(k, v, Pod::merge));
        coldStartRows += o.coldStartRows;
        requestRows += o.requestRows;
        return this;
    }

    /** Utility-ratio distribution per group (all, runtime, trigger, size): quantiles within 1% and share below 1. */
    public ResultTable table() {
        Map<List<String>, QuantileSketch> util = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        Map<List<String>, QuantileSketch> life = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        Map<List<String>, long[]> below = new HashMap<>();
        long[] unmatched = new long[3];
        // the request log ends at its last request: a pod whose keep-alive runs past it was still alive (censored)
        double end = Double.NEGATIVE_INFINITY;
        for (Pod p : pods.values()) if (p.requests > 0) end = Math.max(end, p.lastRequest);
        for (Pod p : pods.values()) {
            if (Double.isNaN(p.tCold)) { unmatched[0]++; continue; }
            if (p.requests == 0 || !(p.cost > 0)) { unmatched[1]++; continue; }
            // censored pods count with the useful life seen so far: their utility is a lower bound
            if (p.lastRequest + keepAliveS > end) unmatched[2]++;
            double u = Math.max(0, p.lastRequest - p.tCold) / p.cost;
            double lifetime = Math.max(0, p.lastRequest - p.tCold) + keepAliveS;
            List<List<String>> groups = new ArrayList<>(List.of(List.of("all", ""), List.of("runtime", p.runtime), List.of("trigger", p.trigger),
                    List.of("size", p.size)));
            if (p.region != null) groups.add(List.of("region", p.region));
            for (List<String> g : groups) {
                util.computeIfAbsent(g, x -> new QuantileSketch(1e3)).add(u);
                life.computeIfAbsent(g, x -> new QuantileSketch()).add(lifetime);
                below.computeIfAbsent(g, x -> new long[1])[0] += u < 1 ? 1 : 0;
            }
        }
        ResultTable t = new ResultTable("pod_utility", "by", "group", "pods", "utility_p10", "utility_p25", "utility_p50",
                "utility_p75", "utility_p90", "utility_mean", "share_below_1", "lifetime_p50_s", "keep_alive_s");
        util.forEach((g, s) -> t.add(g.get(0), g.get(1), s.count(), s.quantile(0.1), s.quantile(0.25), s.quantile(0.5),
                s.quantile(0.75), s.quantile(0.9), s.mean(), (double) below.get(g)[0] / s.count(), life.get(g).quantile(0.5), keepAliveS));
        this.lastUnmatched = unmatched;
        return t;
    }

    private transient long[] lastUnmatched;

    /** Summary for summary.json: pods joined, pods without a cold start row, pods without requests, p50, p90. */
    public Map<String, Object> summary() {
        ResultTable t = table();
        Map<String, Object> m = new LinkedHashMap<>();
        int all = t.find("all");
        m.put("pods", all < 0 ? 0L : (long) t.number(all, "pods"));
        m.put("pods_without_cold_start", lastUnmatched[0]);
        m.put("pods_without_requests", lastUnmatched[1]);
        m.put("pods_censored", lastUnmatched[2]);
        m.put("p50", all < 0 ? Double.NaN : t.number(all, "utility_p50"));
        m.put("p90", all < 0 ? Double.NaN : t.number(all, "utility_p90"));
        m.put("share_below_1", all < 0 ? Double.NaN : t.number(all, "share_below_1"));
        m.put("cold_start_rows", coldStartRows);
        m.put("request_rows", requestRows);
        return m;
    }

    public long pods() { return pods.size(); }

    /** Cold-start and per-request rows read. */
    public long rows() { return coldStartRows + requestRows; }

    /** Pods by id (for tests and exports), ordered. */
    public Map<String, double[]> podTimes() {
        Map<String, double[]> m = new TreeMap<>();
        pods.forEach((k, p) -> m.put(k, new double[] {p.tCold, p.cost, p.lastRequest, p.requests}));
        return m;
    }
}
