package dev.thaw.analysis.arrivals;

import dev.thaw.analysis.agg.BatchSource;
import dev.thaw.analysis.agg.Columns;
import dev.thaw.analysis.agg.TraceInputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The arrival times of a per-request trace and the function of each, in memory: what a calibrated arrival model
 * is fitted to (the one-pass aggregators keep summaries, not times). Capped: beyond {@code cap} arrivals the rest
 * are not read, and {@link #truncated()} says so.
 *
 * @param times     sorted arrival times (s)
 * @param function  index into {@code functions} per arrival (in time order), or -1 when the trace names none
 * @param functions function names (funcID, app/func, ...) in first-seen order
 */
public record ArrivalTimes(double[] times, int[] function, List<String> functions, boolean truncated) {
    /** Per-request formats whose rows are single arrivals. */
    public static final Set<String> EVENT_FORMATS = Set.of("huawei-2025-request", "azure-2021", "azure-llm", "mooncake", "burstgpt", "vidur", "apex");

    public static ArrivalTimes collect(List<TraceInputs.Input> inputs, int cap) throws Exception {
        double[] t = new double[1024];
        int[] f = new int[1024];
        int n = 0;
        Map<String, Integer> ids = new HashMap<>();
        List<String> names = new ArrayList<>();
        boolean truncated = false;
        outer:
        for (TraceInputs.Input in : inputs) {
            if (!EVENT_FORMATS.contains(in.formatId())) continue;
            try (BatchSource src = TraceInputs.open(in)) {
                while (src.next()) {
                    VectorSchemaRoot b = src.root();
                    FieldVector time = first(b, "arrival_s", "time_worker", "start");
                    if (time == null) continue;
                    FieldVector[] key = keyColumns(b);
                    for (int i = 0; i < b.getRowCount(); i++) {
                        double v = Columns.num(time, i);
                        if (Double.isNaN(v)) continue;
                        if (n == cap) { truncated = true; break outer; }
                        if (n == t.length) { t = Arrays.copyOf(t, n * 2); f = Arrays.copyOf(f, n * 2); }
                        t[n] = v;
                        f[n] = key == null ? -1 : ids.computeIfAbsent(label(key, i), k -> { names.add(k); return names.size() - 1; });
                        n++;
                    }
                }
            }
        }
        // sort times, carrying each arrival's function along
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        final double[] tt = t;
        Arrays.sort(order, (a, b) -> Double.compare(tt[a], tt[b]));
        double[] times = new double[n];
        int[] fn = new int[n];
        for (int i = 0; i < n; i++) { times[i] = t[order[i]]; fn[i] = f[order[i]]; }
        return new ArrivalTimes(times, fn, List.copyOf(names), truncated);
    }

    private static FieldVector first(VectorSchemaRoot b, String... names) {
        for (String s : names) { FieldVector v = Columns.find(b, s); if (v != null) return v; }
        return null;
    }

    /** The columns that name a function, as {@link KeyKind#FUNCTION} reads them. */
    private static FieldVector[] keyColumns(VectorSchemaRoot b) {
        for (String[] set : new String[][] {{"funcID"}, {"HashApp", "HashFunction"}, {"app", "func"}, {"function"}}) {
            FieldVector[] v = new FieldVector[set.length];
            boolean all = true;
            for (int i = 0; i < set.length && all; i++) all = (v[i] = Columns.find(b, set[i])) != null;
            if (all) return v;
        }
        return null;
    }

    private static String label(FieldVector[] cols, int i) {
        if (cols.length == 1) return String.valueOf(Columns.text(cols[0], i));
        StringBuilder s = new StringBuilder();
        for (int p = 0; p < cols.length; p++) { if (p > 0) s.append('/'); s.append(Columns.text(cols[p], i)); }
        return s.toString();
    }
}
