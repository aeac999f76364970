package dev.thaw.analysis.arrivals;

import dev.thaw.analysis.agg.Aggregator;
import dev.thaw.analysis.agg.ArrivalSegments;
import dev.thaw.analysis.agg.BottomKSample;
import dev.thaw.analysis.agg.Columns;
import dev.thaw.analysis.agg.LongObjectMap;
import dev.thaw.analysis.agg.QuantileSketch;
import dev.thaw.analysis.agg.TextInterner;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One pass over request arrivals, from per-request logs (Huawei 2025 per-request: time_worker; Azure 2021: start;
 * LLM traces: arrival_s; cold starts: time) or per-minute counts (Azure 2019 long form: day, minute, count;
 * Huawei 2025 minute / Huawei 2023 long form: time, value where the metric is requests / requests_minute).
 *
 * <p>Whole trace: counts per second (events) and per minute, inter-arrival times (events; exact when each file
 * is time-ordered), execution time, CPU, memory and token distributions. Per function, app, user and region
 * (where the columns exist): {@link KeyStats}. See {@link ArrivalReport} for the results.
 */
public final class ArrivalAggregator implements Aggregator<ArrivalAggregator> {
    private static final long serialVersionUID = 1L;
    public static final int FIT_SAMPLE = 20_000;
    /** Default bin of the per-key series (also the smoothing of peak-to-trough). */
    public static final double KEY_SERIES_BIN_S = 600;

    private final double keySeriesBinS;
    private final int fitSample;
    long rows, skipped;
    boolean eventsSeen, countsSeen;
    final BinnedCounts perSecond = new BinnedCounts(1), perMinute = new BinnedCounts(60);
    final ArrivalSegments iats;
    final QuantileSketch execS = new QuantileSketch(), cpuCores = new QuantileSketch(), memoryMib = new QuantileSketch(1e3);
    final QuantileSketch promptTokens = new QuantileSketch(1), outputTokens = new QuantileSketch(1);
    final BottomKSample tokenSample, execSample;
    final EnumMap<KeyKind, TreeMap<String, KeyStats>> keys = new EnumMap<>(KeyKind.class);

    private transient EnumMap<KeyKind, LongObjectMap<KeyStats>> cache;
    private transient TextInterner[] interners;

    public ArrivalAggregator() { this(KEY_SERIES_BIN_S, FIT_SAMPLE); }

    public ArrivalAggregator(double keySeriesBinS, int fitSample) {
        this.keySeriesBinS = keySeriesBinS;
        this.fitSample = fitSample;
        this.iats = new ArrivalSegments(fitSample);
        this.tokenSample = new BottomKSample(fitSample, 2);
        this.execSample = new BottomKSample(fitSample, 1);
        for (KeyKind k : KeyKind.values()) keys.put(k, new TreeMap<>());
    }

    public long rows() { return rows; }

    public int fitSample() { return fitSample; }

    /** Where a batch keeps its times, counts and keys. */
    private final class Layout {
        FieldVector time, count, day, minute, metric, exec, cpu, mem, prompt, output;
        FieldVector[][] keyCols = new FieldVector[KeyKind.values().length][];
        boolean counts;

        Layout(VectorSchemaRoot b) {
            time = first(b, "arrival_s", "time_worker", "start");
            if (time == null && Columns.find(b, "minute") != null && Columns.find(b, "count") != null) {
                counts = true;
                day = Columns.find(b, "day");
                minute = Columns.find(b, "minute");
                count = Columns.find(b, "count");
            } else if (time == null && Columns.find(b, "value") != null && Columns.find(b, "metric") != null) {
                counts = true;
                time = Columns.find(b, "time");
                count = Columns.find(b, "value");
                metric = Columns.find(b, "metric");
            } else if (time == null) {
                time = Columns.find(b, "time");
            }
            if (time == null && !counts)
                throw new IllegalArgumentException("no arrival time column (arrival_s, time_worker, start, time) nor per-minute counts in " + b.getSchema().getFields());
            exec = first(b, "totalCost_worker", "duration");
            cpu = Columns.find(b, "cpu_usage");
            mem = Columns.find(b, "memory_usage");
            prompt = Columns.find(b, "prompt_tokens");
            output = Columns.find(b, "output_tokens");
            keyCols[KeyKind.FUNCTION.ordinal()] = firstSet(b, new String[][] {{"funcID"}, {"HashApp", "HashFunction"}, {"app", "func"}, {"function"}});
            keyCols[KeyKind.APP.ordinal()] = firstSet(b, new String[][] {{"HashApp"}, {"app"}});
            keyCols[KeyKind.USER.ordinal()] = firstSet(b, new String[][] {{"userID"}, {"HashOwner"}});
            keyCols[KeyKind.REGION.ordinal()] = firstSet(b, new String[][] {{"region"}});
        }

        private FieldVector first(VectorSchemaRoot b, String... names) {
            for (String n : names) { FieldVector v = Columns.find(b, n); if (v != null) return v; }
            return null;
        }

        private FieldVector[] firstSet(VectorSchemaRoot b, String[][] sets) {
            outer:
            for (String[] set : sets) {
                FieldVector[] v = new FieldVector[set.length];
                for (int i = 0; i < set.length; i++) if ((v[i] = Columns.find(b, set[i])) == null) continue outer;
                return v;
            }
            return null;
        }
    }

    private void caches() {
        if (cache != null) return;
        cache = new EnumMap<>(KeyKind.class);
        for (KeyKind k : KeyKind.values()) cache.put(k, new LongObjectMap<>());
        interners = new TextInterner[KeyKind.values().length * 2];
        for (int i = 0; i < interners.length; i++) interners[i] = new TextInterner();
    }

    @Override public void accept(VectorSchemaRoot b) {
        caches();
        Layout l = new Layout(b);
        int n = b.getRowCount();
        double[] tok = new double[2], one = new double[1];
        for (int i = 0; i < n; i++) {
            double t;
            long c = 1;
            if (l.counts) {
                if (l.metric != null) {
                    String m = Columns.text(l.metric, i);
                    if (m == null || !(m.equals("requests") || m.equals("requests_minute"))) { skipped++; continue; }
                }
                if (l.minute != null) {
                    // Azure 2019: day from the file name (1..14; a file without dNN in its name counts as day 1)
                    double day = Columns.num(l.day, i);
                    t = ((Double.isNaN(day) ? 1 : day) - 1) * 86_400 + (Columns.num(l.minute, i) - 1) * 60;
                } else {
                    t = Columns.num(l.time, i);
                }
                double v = Columns.num(l.count, i);
                if (Double.isNaN(t) || !(v >= 0)) { skipped++; continue; }
                c = Math.round(v);
                countsSeen = true;
            } else {
                t = Columns.num(l.time, i);
                if (Double.isNaN(t)) { skipped++; continue; }
                eventsSeen = true;
                perSecond.add(t, 1);
                iats.add(t);
            }
            rows++;
            perMinute.add(t, c);
            double ex = Columns.num(l.exec, i);
            if (!Double.isNaN(ex)) { execS.add(ex); one[0] = ex; execSample.offer(BottomKSample.mix(t, ex), one); }
            if (l.cpu != null) { double v = Columns.num(l.cpu, i); if (!Double.isNaN(v)) cpuCores.add(v); }
            if (l.mem != null) { double v = Columns.num(l.mem, i); if (!Double.isNaN(v)) memoryMib.add(v); }
            if (l.prompt != null) {
                tok[0] = Columns.num(l.prompt, i);
                tok[1] = Columns.num(l.output, i);
                if (!Double.isNaN(tok[0])) promptTokens.add(tok[0]);
                if (!Double.isNaN(tok[1])) outputTokens.add(tok[1]);
                tokenSample.offer(BottomKSample.mix(t, tok[0] * 1e6 + tok[1]), tok);
            }
            for (KeyKind k : KeyKind.values()) {
                FieldVector[] cols = l.keyCols[k.ordinal()];
                if (cols == null) continue;
                KeyStats ks = key(k, cols, i);
                if (ks == null) continue;
                if (l.counts) ks.counts(t, c); else ks.event(t);
                ks.exec(ex);
            }
        }
    }

    private KeyStats key(KeyKind k, FieldVector[] cols, int i) {
        long id = 0;
        for (int p = 0; p < cols.length; p++) {
            FieldVector v = cols[p];
            long part;
            if (v.isNull(i)) return null;
            if (v instanceof VarCharVector s) part = interners[k.ordinal() * 2 + p].id(s, i);
            else if (v instanceof BigIntVector bi) part = bi.get(i) ^ Long.MIN_VALUE;
            else part = Double.doubleToLongBits(Columns.num(v, i));
            id = p == 0 ? part : id * 0x9E3779B97F4A7C15L + part;
        }
        LongObjectMap<KeyStats> m = cache.get(k);
        KeyStats ks = m.get(id);
        if (ks == null) {
            StringBuilder label = new StringBuilder();
            for (int p = 0; p < cols.length; p++) {
                if (p > 0) label.append('/');
                label.append(cols[p] instanceof BigIntVector bi ? Long.toString(bi.get(i)) : Columns.text(cols[p], i));
            }
            ks = keys.get(k).computeIfAbsent(label.toString(), x -> new KeyStats(keySeriesBinS));
            m.put(id, ks);
        }
        return ks;
    }

    @Override public ArrivalAggregator merge(ArrivalAggregator o) {
        if (o.keySeriesBinS != keySeriesBinS || o.fitSample != fitSample) throw new IllegalArgumentException("cannot merge differently configured arrival aggregators");
        rows += o.rows;
        skipped += o.skipped;
        eventsSeen |= o.eventsSeen;
        countsSeen |= o.countsSeen;
        perSecond.merge(o.perSecond);
        perMinute.merge(o.perMinute);
        iats.merge(o.iats);
        execS.merge(o.execS);
        cpuCores.merge(o.cpuCores);
        memoryMib.merge(o.memoryMib);
        promptTokens.merge(o.promptTokens);
        outputTokens.merge(o.outputTokens);
        tokenSample.merge(o.tokenSample);
        execSample.merge(o.execSample);
        for (KeyKind k : KeyKind.values()) {
            TreeMap<String, KeyStats> mine = keys.get(k);
            o.keys.get(k).forEach((key, v) -> mine.merge(key, v, KeyStats::merge));
        }
        return this;
    }

    /** Keys of one kind with their state, ordered by key. */
    public Map<String, KeyStats> keys(KeyKind k) { return keys.get(k); }

    List<KeyKind> presentKinds() {
        List<KeyKind> out = new ArrayList<>();
        for (KeyKind k : KeyKind.values()) if (!keys.get(k).isEmpty()) out.add(k);
        return out;
    }
}
