package dev.thaw.simulate.faas;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A simple seeded workload for {@code thaw faas --workload}: Poisson arrivals at a total rate, functions drawn
 * with Zipf popularity, per-function log-normal execution times around a median drawn per function. A stand-in
 * until the workload module's generators are wired in; spec keys (all optional):
 * {@code functions=100,rate=10,duration=3600,zipf=1.0,exec-median=0.1,seed=1,memory-mb=256,cpu-millicores=400,concurrency=1}.
 */
public final class SyntheticInvocations {
    private SyntheticInvocations() {}

    public static FaasTrace generate(String spec) {
        int functions = 100, concurrency = 1, memoryMb = 256, cpu = 400;
        double rate = 10, duration = 3600, zipf = 1.0, execMedian = 0.1;
        long seed = 1;
        if (spec != null && !spec.isBlank()) {
            for (String kv : spec.split(",")) {
                String[] p = kv.split("=", 2);
                if (p.length != 2) throw new IllegalArgumentException("workload spec entry '" + kv + "' is not key=value");
                String k = p[0].trim().toLowerCase(Locale.ROOT), v = p[1].trim();
                try {
                    switch (k) {
                        case "functions" -> functions = Integer.parseInt(v);
                        case "rate" -> rate = Double.parseDouble(v);
                        case "duration" -> duration = Double.parseDouble(v);
                        case "zipf" -> zipf = Double.parseDouble(v);
                        case "exec-median" -> execMedian = Double.parseDouble(v);
                        case "seed" -> seed = Long.parseLong(v);
                        case "memory-mb" -> memoryMb = Integer.parseInt(v);
                        case "cpu-millicores" -> cpu = Integer.parseInt(v);
                        case "concurrency" -> concurrency = Integer.parseInt(v);
                        default -> throw new IllegalArgumentException("unknown workload key '" + k + "' (functions, rate, duration, zipf, exec-median, seed, memory-mb, cpu-millicores, concurrency)");
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("workload key '" + k + "': bad number '" + v + "'");
                }
            }
        }
        if (functions < 1 || !(rate > 0) || !(duration > 0) || !(zipf >= 0) || !(execMedian > 0))
            throw new IllegalArgumentException("workload needs functions >= 1, rate > 0, duration > 0, zipf >= 0, exec-median > 0");
        long expected = (long) (rate * duration);
        if (expected > 200_000_000L) throw new IllegalArgumentException("workload of about " + expected + " invocations is too large to hold in memory");
        SplittableRandom r = new SplittableRandom(seed);
        double[] cum = new double[functions];
        double sum = 0;
        for (int f = 0; f < functions; f++) cum[f] = sum += Math.pow(f + 1, -zipf);
        double[] logMedian = new double[functions];
        FunctionCatalog.Builder b = FunctionCatalog.builder();
        for (int f = 0; f < functions; f++) {
            logMedian[f] = Math.log(execMedian) + r.nextGaussian();
            b.add("f" + f, cpu, memoryMb, concurrency, f, "unknown");
        }
        int cap = (int) Math.min(Integer.MAX_VALUE - 8, expected + 6 * Math.sqrt(expected) + 16);
        double[] t = new double[cap], d = new double[cap];
        int[] fn = new int[cap];
        int n = 0;
        double now = 0;
        while (true) {
            now += -Math.log(1 - r.nextDouble()) / rate;
            if (now >= duration || n == cap) break;
            double u = r.nextDouble() * sum;
            int lo = 0, hi = functions - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cum[mid] < u) lo = mid + 1; else hi = mid;
            }
            t[n] = now;
            fn[n] = lo;
            d[n] = Math.exp(logMedian[lo] + 0.5 * r.nextGaussian());
            n++;
        }
        return new FaasTrace("synthetic", b.build(), java.util.Arrays.copyOf(t, n), java.util.Arrays.copyOf(fn, n), java.util.Arrays.copyOf(d, n), -1);
    }
}
