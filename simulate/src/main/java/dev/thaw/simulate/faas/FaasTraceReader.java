package dev.thaw.simulate.faas;

import dev.thaw.ingest.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads invocation-level traces into a {@link FaasTrace} until the ingest module's readers can be used here:
 * Azure Functions 2021 ({@code app,func,end_timestamp,duration}; arrival = end - duration) and the Huawei 2025
 * per-request log ({@code time_worker, funcName, podID, userID, totalCost_worker, ...}; arrival = time_worker,
 * function = funcName---userID---poolName, pod size from the pool name). A path may be a CSV file, a {@code .gz}, or
 * a folder (every {@code *.csv} / {@code *.csv.gz} below it, e.g. the Spark part files). Columns are bound by header
 * name; values of {@code NaN}, {@code nan}, {@code null} or empty in a needed column are bad input.
 *
 * <p>For the Huawei log the per-pod concurrency limit of each function is estimated as the most requests one pod of
 * that function ran at once, and the number of distinct pods is kept as the trace's own cold-start count.
 */
public final class FaasTraceReader {
    public static final String AZURE_2021 = "azure-2021", HUAWEI_REQUEST = "huawei-2025-request";

    private final int defaultMemoryMb, defaultCpuMillicores;

    /** Pod size for formats that do not give one (Azure 2021). */
    public FaasTraceReader(int defaultCpuMillicores, int defaultMemoryMb) {
        this.defaultCpuMillicores = defaultCpuMillicores;
        this.defaultMemoryMb = defaultMemoryMb;
    }

    public FaasTraceReader() { this(400, 256); }

    public FaasTrace read(Path path) throws IOException {
        List<Path> files = files(path);
        if (files.isEmpty()) throw BadInputException.ofFile(path, "no CSV files found");
        Rows rows = new Rows();
        String format = null;
        for (Path f : files) {
            String fmt = readFile(f, rows);
            if (format != null && !format.equals(fmt)) throw BadInputException.ofFile(f, "mixes formats " + format + " and " + fmt);
            format = fmt;
        }
        return rows.build(format);
    }

    private static List<Path> files(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            if (!Files.isRegularFile(path)) throw BadInputException.ofFile(path, "no such file or folder");
            return List.of(path);
        }
        try (Stream<Path> s = Files.walk(path)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".csv") || n.endsWith(".csv.gz");
            }).sorted().toList();
        }
    }

    private String readFile(Path file, Rows rows) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String header = r.readLine();
            if (header == null) throw BadInputException.ofFile(file, "empty file: expected a header row");
            Map<String, Integer> col = new HashMap<>();
            String[] names = header.split(",", -1);
            for (int i = 0; i < names.length; i++) col.put(names[i].trim(), i);
            if (col.keySet().containsAll(List.of("app", "func", "end_timestamp", "duration"))) {
                readAzure(file, r, col, rows);
                return AZURE_2021;
            }
            if (col.keySet().containsAll(List.of("time_worker", "funcName", "podID", "userID", "totalCost_worker"))) {
                readHuawei(file, r, col, rows);
                return HUAWEI_REQUEST;
            }
            throw BadInputException.ofFile(file, "unknown header: expected Azure 2021 (app,func,end_timestamp,duration) or the Huawei 2025 per-request log (time_worker,...,podID,...)");
        }
    }

    private void readAzure(Path file, BufferedReader r, Map<String, Integer> col, Rows rows) throws IOException {
        int app = col.get("app"), func = col.get("func"), end = col.get("end_timestamp"), dur = col.get("duration");
        String line;
        long lineNo = 1;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isEmpty()) continue;
            String[] v = line.split(",", -1);
            double e = number(file, lineNo, "end_timestamp", v, end);
            double d = number(file, lineNo, "duration", v, dur);
            if (d < 0) throw new BadInputException(file.toString(), lineNo, "duration", v[dur], "a duration >= 0");
            String appId = text(file, lineNo, "app", v, app);
            int f = rows.function(appId + "/" + text(file, lineNo, "func", v, func), appId, defaultCpuMillicores, defaultMemoryMb);
            rows.add(e - d, f, d, null);
        }
    }

    private void readHuawei(Path file, BufferedReader r, Map<String, Integer> col, Rows rows) throws IOException {
        int time = col.get("time_worker"), fn = col.get("funcName"), pod = col.get("podID"), user = col.get("userID"), cost = col.get("totalCost_worker");
        String line;
        long lineNo = 1;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isEmpty()) continue;
            String[] v = line.split(",", -1);
            double t = number(file, lineNo, "time_worker", v, time);
            double d = number(file, lineNo, "totalCost_worker", v, cost);
            if (d < 0) throw new BadInputException(file.toString(), lineNo, "totalCost_worker", v[cost], "an execution time >= 0");
            String podId = text(file, lineNo, "podID", v, pod);
            String[] parts = podId.split("-");
            if (parts.length < 4) throw new BadInputException(file.toString(), lineNo, "podID", podId, "pool<idx>-<cpuMillicores>-<memMB>-<seq>");
            int cpu, mem;
            try {
                cpu = Integer.parseInt(parts[1]);
                mem = Integer.parseInt(parts[2]);
            } catch (NumberFormatException ex) {
                throw new BadInputException(file.toString(), lineNo, "podID", podId, "pool<idx>-<cpuMillicores>-<memMB>-<seq>");
            }
            String poolName = parts[0] + "-" + parts[1] + "-" + parts[2];
            String userId = integerText(file, lineNo, "userID", v, user);
            String funcId = integerText(file, lineNo, "funcName", v, fn) + "---" + userId + "---" + poolName;
            int f = rows.function(funcId, userId, cpu, mem);
            rows.add(t, f, d, podId);
        }
    }

    private static String text(Path file, long line, String name, String[] v, int i) {
        if (i >= v.length) throw new BadInputException(file.toString(), line, name, null, "a value (row has only " + v.length + " columns)");
        String s = v[i].trim();
        if (s.isEmpty() || s.equals("NaN") || s.equals("nan") || s.equals("null")) throw new BadInputException(file.toString(), line, name, s, "a value, not missing");
        return s;
    }

    /** Ids are written as {@code 411} or {@code 411.0} in different copies: normalise to the integer. */
    private static String integerText(Path file, long line, String name, String[] v, int i) {
        String s = text(file, line, name, v, i);
        if (s.endsWith(".0")) s = s.substring(0, s.length() - 2);
        return s;
    }

    private static double number(Path file, long line, String name, String[] v, int i) {
        String s = text(file, line, name, v, i);
        try {
            double d = Double.parseDouble(s);
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new BadInputException(file.toString(), line, name, s, "a finite number");
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
            int[] conc = pods.isEmpty() ? null : concurrencyPerFunction(t, f, d, p, functions.size(), pods.size());
            String[] names = new String[functions.size()];
            functions.forEach((k, v) -> names[v] = k);
            for (int i = 0; i < names.length; i++) {
                int[] s = sizes.get(i);
                catalog.add(names[i], s[0], s[1], conc == null ? 1 : Math.max(1, conc[i]), s[2], "unknown");
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
