package dev.thaw.bench.spark;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A deterministic Huawei 2025 layout for scale benchmarks: for 5 regions x DAYS days, one cold-start file
 * ({@code cold_start/R<r>/day_<dd>.csv}) and one per-request part file ({@code per_request/R<r>/part-<n>-bench-c000.csv},
 * sorted by time) whose requests run on the pods those cold starts created, so arrivals, cold starts and pod utility
 * all have work. About 24 requests per pod; {@code ROWS} counts both tables together.
 * <p>Usage: {@code PodTraceGenerator ROWS OUT_DIR [DAYS] [SEED]}.
 */
public final class PodTraceGenerator {
    private static final String[] POOLS = {"pool22-300-128", "pool23-400-256", "pool24-600-512", "pool26-1000-1024"};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final double REQUESTS_PER_POD = 24;

    public static void main(String[] args) throws IOException {
        long rows = Long.parseLong(args[0]);
        Path out = Path.of(args[1]);
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        long podsPerFile = Math.max(1, Math.round(rows / (5.0 * days) / (1 + REQUESTS_PER_POD)));
        // one file pair per region-day, each from its own seeded stream: the same bytes for any thread count
        long written = java.util.stream.IntStream.range(0, 5 * days).parallel().mapToLong(k -> {
            int r = 1 + k / days, d = 1 + k % days;
            try {
                return writeRegionDay(out, r, d, k, podsPerFile, new SplittableRandom(seed * 1000 + r * 100 + d));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).sum();
        System.err.printf("wrote %,d rows under %s%n", written, out);
    }

    private static long writeRegionDay(Path out, int region, int day, int part, long pods, SplittableRandom rnd) throws IOException {
        int n = (int) pods;
        double[] start = new double[n];
        long[] total = new long[n];
        int[] func = new int[n], user = new int[n], pool = new int[n];
        long[] seq = new long[n];
        for (int i = 0; i < n; i++) start[i] = Math.round((day * 86400.0 + rnd.nextDouble() * 86000) * 1000) / 1000.0;
        Arrays.sort(start);
        Path cold = Files.createDirectories(out.resolve("cold_start/R" + region)).resolve(String.format("day_%02d.csv", day));
        int reqs = 0;
        int[] perPod = new int[n];
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(cold), 1 << 20)) {
            write(os, "day,time,clusterName,funcName,userID,requestID,totalCost_cold_start,podAllocationCost,deployCodeCost,deployDependencyCost,schedulingCost,podID\n");
            StringBuilder sb = new StringBuilder(256);
            for (int i = 0; i < n; i++) {
                func[i] = (int) Math.min(4999, Math.floor(Math.pow(rnd.nextDouble(), 3) * 5000));  // few functions start most pods
                user[i] = func[i] % 1500;
                pool[i] = func[i] % POOLS.length;
                seq[i] = rnd.nextLong(10_000_000_000L);
                long alloc = micros(rnd, -7.5, 1.5), code = micros(rnd, -3.0, 1.2), dep = rnd.nextDouble() < 0.7 ? 0 : micros(rnd, -1.0, 1.3),
                        sched = micros(rnd, -1.2, 1.1);
                total[i] = alloc + code + dep + sched;
                perPod[i] = 1 + (int) Math.floor(Math.log(1 - rnd.nextDouble()) / Math.log(1 - 1 / REQUESTS_PER_POD));
                reqs += perPod[i];
                sb.setLength(0);
                sb.append(day).append(',');
                fixed(sb, Math.round(start[i] * 1000), 3).append(',').append(1 + func[i] % 4).append(',').append(func[i]).append(',').append(user[i]).append(',');
                hex(sb, rnd, 32).append(',');
                fixed(sb, total[i], 6).append(',');
                fixed(sb, alloc, 6).append(',');
                fixed(sb, code, 6).append(',');
                fixed(sb, dep, 6).append(',');
                fixed(sb, sched, 6).append(',');
                pod(sb, pool[i], seq[i]).append('\n');
                write(os, sb);
            }
        }
        // requests on each pod after it is ready, exponential gaps (mean 5 s); sorted by time for the part file
        long[] key = new long[reqs];
        int k = 0;
        for (int i = 0; i < n; i++) {
            double t = start[i] + total[i] / 1e6;
            for (int j = 0; j < perPod[i]; j++) {
                t += -5 * Math.log(1 - rnd.nextDouble());
                key[k++] = Math.round(t * 1000) << 22 | i;  // ms timestamp, then pod index (n < 4M per file)
            }
        }
        Arrays.sort(key);
        Path req = Files.createDirectories(out.resolve("per_request/R" + region)).resolve(String.format("part-%05d-bench-c000.csv", part));
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(req), 1 << 20)) {
            write(os, "time_worker,time_frontend,requestID,clusterName,funcName,podID,userID,totalCost_worker,workerCost,runtimeCost,totalCost_frontend,frontendCost,busCost,readBodyCost,writeRspCost,cpu_usage,memory_usage,requestBodySize\n");
            StringBuilder sb = new StringBuilder(256);
            for (long kv : key) {
                long ms = kv >>> 22;
                int i = (int) (kv & ((1 << 22) - 1));
                long execUs = Math.round(Math.max(1e-4, Math.exp(-2.5 + 1.2 * gaussian(rnd))) * 1e6);
                sb.setLength(0);
                fixed(sb, ms, 3).append(',');
                fixed(sb, ms + 1, 3).append(',');
                hex(sb, rnd, 32).append(',').append(1 + func[i] % 4).append(',').append(func[i]).append(',');
                pod(sb, pool[i], seq[i]).append(',').append(user[i]).append(',');
                fixed(sb, execUs, 6).append(',');
                fixed(sb, execUs / 3, 6).append(',');
                fixed(sb, execUs - execUs / 3, 6).append(',');
                fixed(sb, execUs + 2000, 6).append(",0.000483,0.001810,0.000017,0.000011,");
                fixed(sb, rnd.nextInt(1_000_000), 6).append(',');
                fixed(sb, 50_000_000L + rnd.nextInt(100_000_000), 6).append(",69.0\n");
                write(os, sb);
            }
        }
        return n + reqs;
    }

    private static StringBuilder pod(StringBuilder sb, int pool, long seq) {
        sb.append(POOLS[pool]).append('-');
        String s = Long.toString(seq);
        for (int k = s.length(); k < 10; k++) sb.append('0');
        return sb.append(s);
    }

    private static StringBuilder hex(StringBuilder sb, SplittableRandom rnd, int n) {
        for (int k = 0; k < n; k++) sb.append((char) HEX[rnd.nextInt(16)]);
        return sb;
    }

    private static void write(OutputStream os, CharSequence s) throws IOException {
        os.write(s.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static long micros(SplittableRandom rnd, double mu, double sigma) {
        return Math.max(1, Math.round(Math.exp(mu + sigma * gaussian(rnd)) * 1e6));
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble(), u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** {@code v / 10^decimals} printed with exactly {@code decimals} digits. */
    private static StringBuilder fixed(StringBuilder sb, long v, int decimals) {
        long p = (long) Math.pow(10, decimals);
        sb.append(v / p).append('.');
        String f = Long.toString(v % p);
        for (int k = f.length(); k < decimals; k++) sb.append('0');
        return sb.append(f);
    }
}
