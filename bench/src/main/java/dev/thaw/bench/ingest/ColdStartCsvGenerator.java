package dev.thaw.bench.ingest;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.SplittableRandom;

/**
 * Writes a deterministic CSV in the Huawei 2025 cold-start schema with realistic value ranges: times spread over
 * 31 days, lognormal components that sum exactly (at the 6 printed decimals) to the total, 64-hex request ids and
 * pool-format pod ids. Usage: {@code ColdStartCsvGenerator ROWS OUT.csv [SEED]}.
 */
public final class ColdStartCsvGenerator {
    private static final String[] POOLS = {"pool22-300-128", "pool23-400-256", "pool24-600-512", "pool25-800-1024", "pool26-1000-1024", "pool27-2000-2048", "pool28-4000-4096"};
    private static final double[] POOL_WEIGHTS = {0.45, 0.2, 0.12, 0.08, 0.07, 0.05, 0.03};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws IOException {
        long rows = Long.parseLong(args[0]);
        Path out = Paths.get(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        write(rows, out, seed);
    }

    public static void write(long rows, Path out, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        double span = 31 * 86400.0;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            os.write("day,time,clusterName,funcName,userID,requestID,totalCost_cold_start,podAllocationCost,deployCodeCost,deployDependencyCost,schedulingCost,podID\n".getBytes(StandardCharsets.US_ASCII));
            StringBuilder sb = new StringBuilder(256);
            byte[] req = new byte[64];
            for (long i = 0; i < rows; i++) {
                double time = Math.round(span * i / rows * 1000) / 1000.0;
                long day = (long) (time / 86400);
                int cluster = 1 + rnd.nextInt(4);
                int func = rnd.nextInt(3000);
                int user = rnd.nextInt(1500);
                for (int k = 0; k < 64; k++) req[k] = HEX[rnd.nextInt(16)];
                long alloc = micros(rnd, -7.5, 1.5), code = micros(rnd, -3.0, 1.2);
                long dep = rnd.nextDouble() < 0.7 ? 0 : micros(rnd, -1.0, 1.3);
                long sched = micros(rnd, -1.2, 1.1);
                long total = alloc + code + dep + sched;
                double u = rnd.nextDouble();
                int p = 0;
                for (double acc = POOL_WEIGHTS[0]; u > acc && p < POOLS.length - 1; ) acc += POOL_WEIGHTS[++p];
                sb.setLength(0);
                sb.append(day).append(',');
                fixed(sb, Math.round(time * 1000), 3).append(',');
                sb.append(cluster).append(',').append(func).append(',').append(user).append(',');
                for (byte b : req) sb.append((char) b);
                sb.append(',');
                fixed(sb, total, 6).append(',');
                fixed(sb, alloc, 6).append(',');
                fixed(sb, code, 6).append(',');
                fixed(sb, dep, 6).append(',');
                fixed(sb, sched, 6).append(',');
                sb.append(POOLS[p]).append('-');
                String seq = Long.toString(rnd.nextLong(10_000_000_000L));
                for (int k = seq.length(); k < 10; k++) sb.append('0');
                sb.append(seq).append('\n');
                for (int k = 0; k < sb.length(); k++) os.write(sb.charAt(k));
            }
        }
    }

    /** A lognormal duration in whole microseconds (so printed components sum exactly to the total). */
    private static long micros(SplittableRandom rnd, double mu, double sigma) {
        double g = gaussian(rnd);
        return Math.max(1, Math.round(Math.exp(mu + sigma * g) * 1e6));
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble(), u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static StringBuilder fixed(StringBuilder sb, long scaled, int decimals) {
        long pow = 1;
        for (int k = 0; k < decimals; k++) pow *= 10;
        sb.append(scaled / pow).append('.');
        String frac = Long.toString(scaled % pow);
        for (int k = frac.length(); k < decimals; k++) sb.append('0');
        return sb.append(frac);
    }

    private ColdStartCsvGenerator() {}
}
