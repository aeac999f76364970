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
 * Writes the per-minute metric families that {@code thaw detect} reads, in the published wide layout
 * ({@code quantiles/R<n>/<metric>/day_NN.csv}, one column per funcID, empty = no data), from the same simulation
 * as the request counts: {@code totalCost_avg} is the mean execution time of the minute's requests (exactly those of
 * the per-request log), {@code num_pods} counts the pods alive in the minute (from the cold-starting request to 60 s
 * after the end of its last request, the keep-alive of {@link PodLifecycle}) and {@code num_cold_starts} the pods
 * started in it. CPU, memory, response-writing time and body size are per-request draws from the per-request log's
 * model (20% of requests report 0 CPU, CPU lognormal sd 0.3 capped at the pod limit, memory +-5%, response written
 * in 5-14 us, a fixed body size per function), averaged over the minute's requests. Every region gets these
 * families: with requests in seconds-long sessions, only about 28 of Region 1's functions are invoked in the 30+
 * minutes a day that make a function a detection target, too few to evaluate four scenarios on. Draws come from
 * their own seeded stream per region, so the other files do not change.
 */
public final class MinuteMetricsWriter {
    /** Regions (0 = R1) that get the metric families. */
    static final int[] REGIONS = {0, 1, 2, 3, 4};
    static final String[] FOLDERS = {"cpu_usage_avg", "memory_usage_avg", "totalCost_avg", "writeRspCost_avg", "requestBodySize_avg", "num_pods", "num_cold_starts"};
    private static final int[] DECIMALS = {4, 2, 6, 7, 1, 1, 1};

    private MinuteMetricsWriter() {}

    public static void write(HuaweiSyntheticDataset d, Path out) throws IOException {
        for (int r : REGIONS) {
            List<FunctionRun> cols = new ArrayList<>(d.runs.get(r));
            cols.sort(Comparator.comparingInt(fr -> fr.function.funcName()));
            SplittableRandom rng = new SplittableRandom(d.options.seed() * 0x9E3779B97F4A7C15L + 7919L * (r + 1));
            for (int day = d.options.firstDay(); day <= d.options.lastDay(); day++) {
                double[][][] v = new double[FOLDERS.length][cols.size()][1440];
                for (int c = 0; c < cols.size(); c++) minuteValues(cols.get(c), day, d.options.keepAliveS(), rng.split(), v, c);
                Path dir = out.resolve("quantiles").resolve(d.regions.get(r).name());
                for (int k = 0; k < FOLDERS.length; k++)
                    writeWide(cols, day, v[k], DECIMALS[k], dir.resolve(FOLDERS[k]).resolve(HuaweiDatasetWriter.dayFile(day)));
            }
        }
    }

    /** Fills column c of every family for one day; NaN = empty cell. */
    private static void minuteValues(FunctionRun fr, int day, double keepAliveS, SplittableRandom rng, double[][][] v, int c) {
        SyntheticFunction fn = fr.function;
        double from = day * 86400.0;
        double[] n = new double[1440], cpu = new double[1440], mem = new double[1440], exec = new double[1440], rsp = new double[1440];
        for (int k = 0; k < fr.arrivalS.length; k++) {
            double t = fr.arrivalS[k];
            if (t < from || t >= from + 86400) continue;
            int m = (int) ((t - from) / 60);
            n[m]++;
            exec[m] += fr.execUs[k] / 1e6;
            cpu[m] += rng.nextDouble() < 0.2 ? 0 : Math.min(fn.pool().cpuMillicores() / 1000.0, fn.cpuCores() * Math.exp(HuaweiFunctionPopulation.PER_REQUEST_CPU_LOG_SD * rng.nextGaussian()));
            mem[m] += Math.max(1, Math.min(fn.pool().memoryMb(), fn.memoryMiB() * (1 + 0.05 * rng.nextGaussian())));
            rsp[m] += (5 + rng.nextInt(10)) / 1e6;
        }
        double[] pods = podsAlive(fr, from, keepAliveS), cold = new double[1440];
        for (int k = 0; k < fr.arrivalS.length; k++) {
            double t = fr.arrivalS[k];
            if (fr.pods.coldStart()[k] && t >= from && t < from + 86400) cold[(int) ((t - from) / 60)]++;
        }
        for (int m = 0; m < 1440; m++) {
            boolean active = n[m] > 0;
            v[0][c][m] = active ? cpu[m] / n[m] : Double.NaN;
            v[1][c][m] = active ? mem[m] / n[m] : Double.NaN;
            v[2][c][m] = active ? exec[m] / n[m] : Double.NaN;
            v[3][c][m] = active ? rsp[m] / n[m] : Double.NaN;
            v[4][c][m] = active ? fn.bodyBytes() : Double.NaN;
            v[5][c][m] = pods[m] > 0 ? pods[m] : Double.NaN;
            v[6][c][m] = active || pods[m] > 0 ? cold[m] : Double.NaN;
        }
    }

    /** Pods alive during each minute of the day: from the cold-starting request to keep-alive after the last request's end. */
    private static double[] podsAlive(FunctionRun fr, double from, double keepAliveS) {
        int p = fr.pods.pods();
        double[] start = new double[p], end = new double[p];
        java.util.Arrays.fill(start, Double.NaN);
        for (int k = 0; k < fr.arrivalS.length; k++) {
            int pod = fr.pods.pod()[k];
            if (Double.isNaN(start[pod])) start[pod] = fr.arrivalS[k];
            end[pod] = Math.max(end[pod], fr.arrivalS[k] + fr.execUs[k] / 1e6 + keepAliveS);
        }
        double[] alive = new double[1440];
        for (int q = 0; q < p; q++) {
            if (end[q] <= from || start[q] >= from + 86400) continue;
            int a = (int) Math.max(0, (start[q] - from) / 60), b = (int) Math.min(1439, (end[q] - from) / 60);
            for (int m = a; m <= b; m++) alive[m]++;
        }
        return alive;
    }

    private static void writeWide(List<FunctionRun> cols, int day, double[][] values, int decimals, Path file) throws IOException {
        long from = day * 86400L;
        try (AtomicTextFile f = new AtomicTextFile(file)) {
            StringBuilder sb = new StringBuilder("day,time");
            for (FunctionRun fr : cols) sb.append(',').append(fr.function.funcId());
            f.line(sb);
            for (int m = 0; m < 1440; m++) {
                sb.setLength(0);
                sb.append(day).append(',').append(from + 60L * m);
                for (double[] col : values) {
                    sb.append(',');
                    if (!Double.isNaN(col[m])) sb.append(Fixed.of(col[m], decimals));
                }
                f.line(sb);
            }
            f.commit();
        }
    }
}
