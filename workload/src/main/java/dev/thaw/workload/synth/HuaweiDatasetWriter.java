package dev.thaw.workload.synth;

import dev.thaw.workload.io.AtomicTextFile;
import dev.thaw.workload.io.Fixed;
import dev.thaw.workload.synth.HuaweiSyntheticDataset.FunctionRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a {@link HuaweiSyntheticDataset} in the exact Huawei 2025 layout and headers (docs/trace-formats.md §1):
 * {@code cold_start/R<n>/day_NN.csv}, {@code per_request/R<n>/part-*.csv} (last day only),
 * {@code quantiles/R<n>/requests/day_NN.csv} and {@code runtime_triggerType/df_funcID_runtime_triggerType.csv}
 * (Region 2). Times are written with millisecond resolution, costs in seconds with microsecond resolution; each file
 * goes to a temporary name first.
 */
public final class HuaweiDatasetWriter {
    public static final String COLD_START_HEADER = "day,time,clusterName,funcName,userID,requestID,totalCost_cold_start,podAllocationCost,deployCodeCost,deployDependencyCost,schedulingCost,podID";
    public static final String REQUEST_HEADER = "time_worker,time_frontend,requestID,clusterName,funcName,podID,userID,totalCost_worker,workerCost,runtimeCost,totalCost_frontend,frontendCost,busCost,readBodyCost,writeRspCost,cpu_usage,memory_usage,requestBodySize";
    public static final String META_HEADER = "funcID,cpu_request,runtime,triggerType-invocationType";
    static final int PARTS = 4;
    static final double FRONTEND_MISSING = 0.02;

    private HuaweiDatasetWriter() {}

    public static void write(HuaweiSyntheticDataset d, Path out) throws IOException {
        for (int r = 0; r < d.regions.size(); r++) {
            String region = d.regions.get(r).name();
            List<FunctionRun> runs = d.runs.get(r);
            for (int day = d.options.firstDay(); day <= d.options.lastDay(); day++) {
                writeColdStarts(d, runs, day, out.resolve("cold_start").resolve(region).resolve(dayFile(day)));
                writeMinuteRequests(runs, day, out.resolve("quantiles").resolve(region).resolve("requests").resolve(dayFile(day)));
            }
            writeRequests(d, r, runs, d.options.lastDay(), out.resolve("per_request").resolve(region));
        }
        writeMetadata(d.runs.get(1), out.resolve("runtime_triggerType").resolve("df_funcID_runtime_triggerType.csv"));
        MinuteMetricsWriter.write(d, out);
    }

    static String dayFile(int day) { return String.format("day_%02d.csv", day); }

    /** A stable 32-hex-digit request id, a function of the seed, region, function and request index. */
    static String requestId(long seed, int region, int funcName, int index) {
        long a = mix(seed * 0x9E3779B97F4A7C15L + region * 0x632BE59BD9B4E019L + ((long) funcName << 32) + index);
        long b = mix(a ^ 0xD1B54A32D192ED03L);
        return hex16(a) + hex16(b);
    }

    private static String hex16(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** (function, request) pairs with arrivals in [fromS, toS), in time order (ties: function order, request order). */
    private static List<int[]> eventsBetween(List<FunctionRun> runs, double fromS, double toS, boolean coldOnly) {
        List<int[]> ev = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            FunctionRun fr = runs.get(i);
            for (int k = 0; k < fr.arrivalS.length; k++) {
                double t = fr.arrivalS[k];
                if (t >= fromS && t < toS && (!coldOnly || fr.pods.coldStart()[k])) ev.add(new int[] {i, k});
            }
        }
        ev.sort(Comparator.<int[]>comparingDouble(e -> runs.get(e[0]).arrivalS[e[1]]).thenComparingInt(e -> e[0]).thenComparingInt(e -> e[1]));
        return ev;
    }

    private static void writeColdStarts(HuaweiSyntheticDataset d, List<FunctionRun> runs, int day, Path file) throws IOException {
        try (AtomicTextFile f = new AtomicTextFile(file)) {
            f.line(COLD_START_HEADER);
            StringBuilder sb = new StringBuilder(256);
            for (int[] e : eventsBetween(runs, day * 86400.0, (day + 1) * 86400.0, true)) {
                FunctionRun fr = runs.get(e[0]);
                SyntheticFunction fn = fr.function;
                long[] c = fr.coldCostsUs[e[1]];
                long total = c[0] + c[1] + c[2] + c[3];
                sb.setLength(0);
                sb.append(day).append(',');
                Fixed.append(sb, Math.round(fr.arrivalS[e[1]] * 1000), 3);
                sb.append(',').append(fn.cluster()).append(',').append(fn.funcName()).append(',').append(fn.userID()).append(',')
                        .append(requestId(d.options.seed(), fn.region(), fn.funcName(), e[1])).append(',');
                Fixed.append(sb, total, 6);
                for (long part : c) { sb.append(','); Fixed.append(sb, part, 6); }
                sb.append(',').append(fr.podId(fr.pods.pod()[e[1]]));
                f.line(sb);
            }
            f.commit();
        }
    }

    private static void writeRequests(HuaweiSyntheticDataset d, int r, List<FunctionRun> runs, int day, Path dir) throws IOException {
        List<int[]> ev = eventsBetween(runs, day * 86400.0, (day + 1) * 86400.0, false);
        SplittableRandom rng = new SplittableRandom(d.options.seed() * 31 + r);
        int per = (ev.size() + PARTS - 1) / PARTS;
        StringBuilder sb = new StringBuilder(320);
        for (int p = 0; p < PARTS; p++) {
            Path file = dir.resolve(String.format("part-%05d-7b1c9e2a-synthetic-c000.csv", p));
            try (AtomicTextFile f = new AtomicTextFile(file)) {
                f.line(REQUEST_HEADER);
                for (int j = p * per; j < Math.min(ev.size(), (p + 1) * per); j++) {
                    int[] e = ev.get(j);
                    FunctionRun fr = runs.get(e[0]);
                    requestRow(sb, d, fr, e[1], rng);
                    f.line(sb);
                }
                f.commit();
            }
        }
    }

    private static void requestRow(StringBuilder sb, HuaweiSyntheticDataset d, FunctionRun fr, int k, SplittableRandom rng) {
        SyntheticFunction fn = fr.function;
        long tMs = Math.round(fr.arrivalS[k] * 1000);
        long exec = fr.execUs[k], worker = Math.round(exec * fn.workerShare()), runtime = exec - worker;
        long frontend = lognormalUs(500, 0.5, rng), bus = lognormalUs(600, 0.8, rng);
        long readBody = 10 + Math.round(fn.bodyBytes() / 500) + rng.nextInt(20), writeRsp = 5 + rng.nextInt(10);
        long[] cold = fr.coldCostsUs[k];
        long coldUs = cold == null ? 0 : cold[0] + cold[1] + cold[2] + cold[3];
        long e2e = exec + frontend + bus + readBody + writeRsp + 250 + rng.nextInt(100) + coldUs;
        boolean frontendMissing = rng.nextDouble() < FRONTEND_MISSING;
        double cpu = rng.nextDouble() < 0.2 ? 0 : Math.min(fn.pool().cpuMillicores() / 1000.0, fn.cpuCores() * Math.exp(HuaweiFunctionPopulation.PER_REQUEST_CPU_LOG_SD * rng.nextGaussian()));
        double mem = Math.max(1, Math.min(fn.pool().memoryMb(), fn.memoryMiB() * (1 + 0.05 * rng.nextGaussian())));
        sb.setLength(0);
        Fixed.append(sb, tMs, 3);
        sb.append(',');
        if (!frontendMissing) Fixed.append(sb, tMs + 1 + rng.nextInt(3), 3);
        sb.append(',').append(requestId(d.options.seed(), fn.region(), fn.funcName(), k)).append(',').append(fn.cluster()).append(',')
                .append(fn.funcName()).append(',').append(fr.podId(fr.pods.pod()[k])).append(',').append(fn.userID()).append(',');
        Fixed.append(sb, exec, 6); sb.append(',');
        Fixed.append(sb, worker, 6); sb.append(',');
        Fixed.append(sb, runtime, 6); sb.append(',');
        if (!frontendMissing) {
            Fixed.append(sb, e2e, 6); sb.append(',');
            Fixed.append(sb, frontend, 6); sb.append(',');
            Fixed.append(sb, bus, 6); sb.append(',');
            Fixed.append(sb, readBody, 6); sb.append(',');
            Fixed.append(sb, writeRsp, 6); sb.append(',');
        } else {
            sb.append(",,,,,");
        }
        sb.append(Fixed.of(cpu, 6)).append(',').append(Fixed.of(mem, 6)).append(',');
        if (!frontendMissing) sb.append(Fixed.of(fn.bodyBytes(), 1));
    }

    private static long lognormalUs(double medianUs, double sigma, SplittableRandom rng) {
        return Math.max(1, Math.round(medianUs * Math.exp(sigma * rng.nextGaussian())));
    }

    private static void writeMinuteRequests(List<FunctionRun> runs, int day, Path file) throws IOException {
        List<FunctionRun> cols = new ArrayList<>(runs);
        cols.sort(Comparator.comparingInt(fr -> fr.function.funcName()));
        int[][] counts = new int[cols.size()][1440];
        double from = day * 86400.0;
        for (int c = 0; c < cols.size(); c++) {
            for (double t : cols.get(c).arrivalS) if (t >= from && t < from + 86400) counts[c][(int) ((t - from) / 60)]++;
        }
        try (AtomicTextFile f = new AtomicTextFile(file)) {
            StringBuilder sb = new StringBuilder("day,time");
            for (FunctionRun fr : cols) sb.append(',').append(fr.function.funcId());
            f.line(sb);
            for (int m = 0; m < 1440; m++) {
                sb.setLength(0);
                sb.append(day).append(',').append((long) from + 60L * m);
                for (int[] c : counts) {
                    sb.append(',');
                    if (c[m] > 0) sb.append(c[m]).append(".0");
                }
                f.line(sb);
            }
            f.commit();
        }
    }

    private static void writeMetadata(List<FunctionRun> region2, Path file) throws IOException {
        List<FunctionRun> rows = new ArrayList<>(region2);
        rows.sort(Comparator.comparingInt(fr -> fr.function.funcName()));
        try (AtomicTextFile f = new AtomicTextFile(file)) {
            f.line(META_HEADER);
            for (FunctionRun fr : rows) {
                SyntheticFunction fn = fr.function;
                f.line(fn.funcId() + "," + fn.cpuRequest() + "," + fr.runtime + "," + fn.trigger());
            }
            f.commit();
        }
    }
}
