package dev.thaw.bench.workload;

import dev.thaw.workload.population.FunctionProfile;
import dev.thaw.workload.population.InvocationStream;
import dev.thaw.workload.population.PopulationModel;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Generation throughput: N invocations for F functions (mixed Poisson, on-off MMPP, gamma-renewal and timer
 * processes with lognormal execution times) merged by the heap in {@link InvocationStream}, on one thread, consumed
 * into a checksum. Prints events/s and the heap in use after GC at checkpoints, to show memory does not grow with
 * the event count. Usage: GenerateBenchmark [events=100000000] [functions=10000] [seed=1] [heap|parquet:FILE]
 */
public final class GenerateBenchmark {
    public static void main(String[] args) throws java.io.IOException {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 100_000_000L;
        int functions = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        boolean heap = args.length > 3 && args[3].equals("heap");
        // "parquet:FILE" streams every event to FILE through the ingest module's Parquet writer
        java.nio.file.Path parquet = args.length > 3 && args[3].startsWith("parquet:") ? java.nio.file.Path.of(args[3].substring(8)) : null;
        // median 1 invocation/s per function, 1 decade spread: ~140k/s in all, so 100M events span ~12 simulated minutes
        List<FunctionProfile> fs = PopulationModel.defaults().withRates(1, 1).draw(functions, seed);
        for (int round = 0; round < 2; round++) { // round 0 warms up the JIT
            long target = round == 0 ? Math.min(events, 20_000_000L) : events;
            var s = heap ? null : new dev.thaw.workload.population.WindowedInvocationStream(fs, seed, 0, Double.POSITIVE_INFINITY);
            var hs = heap ? new InvocationStream(fs, seed, 0, Double.POSITIVE_INFINITY) : null;
            int batch = 1 << 14;
            double[] t = new double[batch], d = new double[batch];
            int[] f = new int[batch];
            long n = 0, next = target / 10;
            double checksum = 0;
            dev.thaw.workload.io.InvocationParquetWriter pw = parquet != null && round == 1 ? new dev.thaw.workload.io.InvocationParquetWriter(parquet) : null;
            long t0 = System.nanoTime(), c0 = cpu();
            while (n < target) {
                int k;
                double lastT;
                if (heap) {
                    k = hs.fill(t, f, d, (int) Math.min(batch, target - n));
                    for (int i = 0; i < k; i++) checksum += t[i] * 1e-9 + f[i] + d[i];
                    lastT = k > 0 ? t[k - 1] : 0;
                } else { // zero-copy batches straight from the window buffers
                    k = (int) Math.min(s.nextBatch(), Integer.MAX_VALUE);
                    int from = s.batchStart();
                    if (n + k > target) k = (int) (target - n);
                    double[] bt = s.batchTimes(), bd = s.batchDurations();
                    int[] bf = s.batchFunctions();
                    if (pw != null) pw.write(bt, bf, bd, from, k);
                    else for (int i = from; i < from + k; i++) checksum += bt[i] * 1e-9 + bf[i] + bd[i];
                    lastT = k > 0 ? bt[from + k - 1] : 0;
                }
                if (k == 0) break;
                n += k;
                if (round == 1 && n >= next) {
                    double secs = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("%,d events  %.1fM events/s wall  heap after GC %.1f MB  sim time %.0f s%n", n, n / secs / 1e6, usedAfterGc() / 1e6, lastT);
                    next += target / 10;
                    t0 += gcPause(t0);
                    c0 += 0; // System.gc runs on other threads: this thread's CPU time is not affected
                }
            }
            if (pw != null) { pw.commit(); System.out.printf("wrote %s (%,d bytes)%n", parquet, java.nio.file.Files.size(parquet)); }
            double secs = (System.nanoTime() - t0) / 1e9, cpuSecs = (cpu() - c0) / 1e9;
            System.out.printf("%s: %,d events, %d functions, %.2f s wall, %.2f s CPU, %.1fM events/s wall, %.1fM events per CPU-second (checksum %.6e)%n",
                    round == 0 ? "warm-up" : "measured", n, functions, secs, cpuSecs, n / secs / 1e6, n / cpuSecs / 1e6, checksum);
        }
    }

    private static long lastGcNanos;

    /** CPU time of this thread: the honest measure on a shared machine. */
    private static long cpu() { return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }

    private static long usedAfterGc() {
        long a = System.nanoTime();
        System.gc();
        lastGcNanos = System.nanoTime() - a;
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Excludes the forced GC of a checkpoint from the timing. */
    private static long gcPause(long t0) { return lastGcNanos; }
}
