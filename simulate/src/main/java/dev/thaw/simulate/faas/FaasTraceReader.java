package dev.thaw.simulate.faas;

import dev.thaw.ingest.BadInputException;
import dev.thaw.ingest.TraceReader;
import dev.thaw.ingest.Traces;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads invocation-level traces into a {@link FaasTrace} through the ingest module's readers: Azure Functions 2021
 * (arrival = {@code start} = end_timestamp - duration, function = app/func, app = app) and the Huawei 2025
 * per-request log (arrival = time_worker, function = funcID = funcName---userID---poolName, app = userID, pod size
 * from the pool name, execution = totalCost_worker). Missing values in a needed column are bad input.
 *
 * <p>For the Huawei log the per-pod concurrency limit (a platform setting, the same for every function) is estimated
 * as the most requests any one pod ran at once, and the number of distinct pods is kept as the trace's own
 * cold-start count. Azure traces get a limit of 1.
 */
public final class FaasTraceReader {
    public static final String AZURE_2021 = "azure-2021", HUAWEI_REQUEST = "huawei-2025-request", AZURE_2019 = "azure-2019-invocations";

    private final int defaultMemoryMb, defaultCpuMillicores;

    /** Pod size for formats that do not give one (Azure 2021). */
    public FaasTraceReader(int defaultCpuMillicores, int defaultMemoryMb) {
        this.defaultCpuMillicores = defaultCpuMillicores;
        this.defaultMemoryMb = defaultMemoryMb;
    }

    public FaasTraceReader() { this(400, 256); }

    public FaasTrace read(Path path) throws IOException {
        return read(path, null);
    }

    /**
     * Reads through the ingest module ({@link Traces#open(Path, String)}: CSV, .gz, .zip, folders, thaw Parquet or
     * Arrow output). {@code formatId} forces a format; null detects it from the header.
     */
    public FaasTrace read(Path path, String formatId) {
        Rows rows = new Rows();
        String format;
        try (TraceReader r = Traces.open(path, formatId)) {
            format = r.format().id();
            if (format.equals(AZURE_2019)) return readAzure2019(path, null, null);
            if (!format.equals(AZURE_2021) && !format.equals(HUAWEI_REQUEST))
                throw BadInputException.ofFile(path, "is " + format + ": thaw faas replays invocation traces (" + AZURE_2021 + ", " + HUAWEI_REQUEST + ", " + AZURE_2019 + ")");
            while (r.next()) {
                VectorSchemaRoot root = r.root();
                if (format.equals(AZURE_2021)) readAzure(path, root, rows); else readHuawei(path, root, rows);
            }
        }
        return rows.build(format);
    }

    /**
     * Azure Functions 2019: per-minute invocation counts ({@code invocations}), spread evenly over their minute
     * (arrival {@code ((day - 1) x 1440 + minute - 1) x 60 + (k + 0.5) x 60 / count}; the trace counts executions
     * when they end, which is ignored); execution time = the function's {@code Average} from {@code durations} (ms),
     * else 1 s; pod memory = the app's {@code AverageAllocatedMb} from {@code memory}, else the default. Every
     * invocation is held in memory: use a day or a subset of functions of the full trace.
     */
    /** Most invocations a replay holds (about 24 bytes each): a larger trace is refused with a message, not an OutOfMemoryError. */
    public static final long MAX_INVOCATIONS = 100_000_000L;

    public FaasTrace readAzure2019(Path invocations, Path durations, Path memory) {
        long total = 0;
        Map<String, Double> durationS = new HashMap<>();
        if (durations != null) {
            try (TraceReader r = Traces.open(durations, "azure-2019-durations")) {
                while (r.next()) {
                    VectorSchemaRoot root = r.root();
                    VarCharVector fn = (VarCharVector) root.getVector("HashFunction"), app = (VarCharVector) root.getVector("HashApp");
                    FieldVector avg = root.getVector("Average");
                    for (int i = 0; i < root.getRowCount(); i++)
                        if (!fn.isNull(i) && !app.isNull(i) && !avg.isNull(i))
                            durationS.put(str(app, i) + "/" + str(fn, i), Math.max(0, num(avg, i)) / 1000);
                }
            }
        }
        Map<String, Integer> memoryMb = new HashMap<>();
        if (memory != null) {
            try (TraceReader r = Traces.open(memory, "azure-2019-memory")) {
                while (r.next()) {
                    VectorSchemaRoot root = r.root();
                    VarCharVector app = (VarCharVector) root.getVector("HashApp");
                    FieldVector avg = root.getVector("AverageAllocatedMb");
                    for (int i = 0; i < root.getRowCount(); i++)
                        if (!app.isNull(i) && !avg.isNull(i)) memoryMb.put(str(app, i), (int) Math.max(1, Math.ceil(num(avg, i))));
                }
            }
        }
        Rows rows = new Rows();
        double[] execOf = new double[16];
        try (TraceReader r = Traces.open(invocations, AZURE_2019)) {
            while (r.next()) {
                VectorSchemaRoot root = r.root();
                VarCharVector fn = (VarCharVector) root.getVector("HashFunction"), app = (VarCharVector) root.getVector("HashApp");
                FieldVector day = root.getVector("day"), minute = root.getVector("minute"), count = root.getVector("count");
                for (int i = 0; i < root.getRowCount(); i++) {
                    if (fn.isNull(i) || app.isNull(i) || minute.isNull(i) || count.isNull(i))
                        throw BadInputException.ofFile(invocations, "an Azure 2019 row without app, function, minute or count (batch row " + i + ")");
                    String appId = str(app, i), key = appId + "/" + str(fn, i);
                    int before = rows.functions.size();
                    int f = rows.function(key, appId, defaultCpuMillicores, memoryMb.getOrDefault(appId, defaultMemoryMb));
                    if (f == before) {
                        if (f == execOf.length) execOf = Arrays.copyOf(execOf, f * 2);
                        execOf[f] = durationS.getOrDefault(key, 1.0);
                    }
                    long c = (long) num(count, i);
                    total += c;
                    if (c < 0 || total > MAX_INVOCATIONS)  // expanded one by one below: refuse before memory runs out
                        throw new BadInputException(invocations.toString(), 0, "minute " + (long) num(minute, i) + " of function " + str(fn, i), Long.toString(c),
                                "at most " + MAX_INVOCATIONS + " invocations in all are replayed (each is simulated one by one); this trace holds more: replay a window or a sample of it");
                    double d = day.isNull(i) ? 1 : num(day, i);
                    double t0 = ((d - 1) * 1440 + num(minute, i) - 1) * 60;
                    for (long k = 0; k < c; k++) rows.add(t0 + (k + 0.5) * 60.0 / c, f, execOf[f], null);
                }
            }
        }
        return rows.build(AZURE_2019);
    }

    private static String str(VarCharVector v, int i) { return new String(v.get(i), StandardCharsets.UTF_8); }

    private static double num(FieldVector v, int i) {
        if (v instanceof Float8Vector d) return d.get(i);
        if (v instanceof BigIntVector b) return b.get(i);
        throw new IllegalStateException("column " + v.getName() + " is neither int64 nor float64");
    }

    private void readAzure(Path path, VectorSchemaRoot root, Rows rows) {
        VarCharVector app = (VarCharVector) root.getVector("app"), func = (VarCharVector) root.getVector("func");
        Float8Vector start = (Float8Vector) root.getVector("start"), dur = (Float8Vector) root.getVector("duration");
        for (int i = 0; i < root.getRowCount(); i++) {
            if (app.isNull(i) || func.isNull(i) || start.isNull(i) || dur.isNull(i))
                throw BadInputException.ofFile(path, "an Azure 2021 row without app, func, end_timestamp or duration (batch row " + i + ")");
            double d = dur.get(i);
            if (!(d >= 0)) throw BadInputException.ofFile(path, "negative duration " + d);
            String appId = new String(app.get(i), StandardCharsets.UTF_8);
            int f = rows.function(appId + "/" + new String(func.get(i), StandardCharsets.UTF_8), appId, defaultCpuMillicores, defaultMemoryMb);
            rows.add(start.get(i), f, d, null);
        }
    }

    private void readHuawei(Path path, VectorSchemaRoot root, Rows rows) {
        Float8Vector time = (Float8Vector) root.getVector("time_worker"), cost = (Float8Vector) root.getVector("totalCost_worker");
        VarCharVector pod = (VarCharVector) root.getVector("podID"), funcId = (VarCharVector) root.getVector("funcID");
        BigIntVector user = (BigIntVector) root.getVector("userID"), cpu = (BigIntVector) root.getVector("cpuLimitMillicores"),
                mem = (BigIntVector) root.getVector("memLimitMb");
        for (int i = 0; i < root.getRowCount(); i++) {
            if (time.isNull(i) || cost.isNull(i) || pod.isNull(i) || funcId.isNull(i) || cpu.isNull(i) || mem.isNull(i))
                throw BadInputException.ofFile(path, "a per-request row without time_worker, totalCost_worker or a well-formed podID (batch row " + i + ")");
            double d = cost.get(i);
            if (!(d >= 0)) throw BadInputException.ofFile(path, "negative totalCost_worker " + d);
            String app = user.isNull(i) ? "?" : Long.toString(user.get(i));
            int f = rows.function(new String(funcId.get(i), StandardCharsets.UTF_8), app, (int) cpu.get(i), (int) mem.get(i));
            rows.add(time.get(i), f, d, new String(pod.get(i), StandardCharsets.UTF_8));
        }
    }

    /** Rows as they are read, then sorted by arrival into a trace. */
    private static final class Rows {
        final Map<String, Integer> functions = new HashMap<>();
        final Map<String, Integer> apps = new HashMap<>();
        final FunctionCatalog.Builder catalog = FunctionCatalog.builder();
        final List<int[]> sizes = new ArrayList<>();
        final Map<String, Integer> pods = new HashMap<>();
        double[] time = new double[1024], dur = new double[1024];
        int[] fn = new int[1024], pod = new int[1024];
        int n;

        int function(String id, String app, int cpu, int mem) {
            Integer f = functions.get(id);
            if (f != null) return f;
            int a = apps.computeIfAbsent(app, k -> apps.size());
            int idx = functions.size();
            functions.put(id, idx);
            sizes.add(new int[] {cpu, mem, a});
            return idx;
        }

        void add(double t, int f, double d, String podId) {
            if (n == time.length) {
                time = Arrays.copyOf(time, n * 2); dur = Arrays.copyOf(dur, n * 2); fn = Arrays.copyOf(fn, n * 2); pod = Arrays.copyOf(pod, n * 2);
            }
            time[n] = t;
            dur[n] = d;
            fn[n] = f;
            pod[n] = podId == null ? -1 : pods.computeIfAbsent(podId, k -> pods.size());
            n++;
        }

        FaasTrace build(String format) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> time[a] != time[b] ? Double.compare(time[a], time[b]) : Integer.compare(a, b));
            double[] t = new double[n], d = new double[n];
            int[] f = new int[n], p = new int[n];
            for (int i = 0; i < n; i++) {
                int j = order[i];
                t[i] = time[j]; d[i] = dur[j]; f[i] = fn[j]; p[i] = pod[j];
            }
            // the concurrency limit is a platform setting: take the most requests any pod ran at once, for every
            // function (a per-function maximum underestimates the limit of functions that never filled a pod)
            int limit = 1;
            if (!pods.isEmpty()) for (int c : concurrencyPerFunction(t, f, d, p, functions.size(), pods.size())) limit = Math.max(limit, c);
            String[] names = new String[functions.size()];
            functions.forEach((k, v) -> names[v] = k);
            for (int i = 0; i < names.length; i++) {
                int[] s = sizes.get(i);
                catalog.add(names[i], s[0], s[1], limit, s[2], "unknown");
            }
            return new FaasTrace(format, catalog.build(), t, f, d, pods.isEmpty() ? -1 : pods.size());
        }

        /** Per function, the most requests one of its pods had in flight at once ([arrival, arrival + duration)). */
        static int[] concurrencyPerFunction(double[] t, int[] f, double[] d, int[] p, int functions, int pods) {
            int n = t.length;
            // end times still running, per pod, kept as a small sorted list scanned from the arrival order
            double[][] running = new double[pods][];
            int[] runningSize = new int[pods];
            int[] best = new int[functions];
            for (int i = 0; i < n; i++) {
                int q = p[i];
                double[] r = running[q];
                if (r == null) r = running[q] = new double[4];
                int k = 0;
                for (int j = 0; j < runningSize[q]; j++) if (r[j] > t[i]) r[k++] = r[j];
                if (k == r.length) r = running[q] = Arrays.copyOf(r, k * 2);
                r[k++] = t[i] + d[i];
                runningSize[q] = k;
                if (k > best[f[i]]) best[f[i]] = k;
            }
            return best;
        }
    }
}
