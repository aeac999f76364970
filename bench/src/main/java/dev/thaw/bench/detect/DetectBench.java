package dev.thaw.bench.detect;

import dev.thaw.workload.attack.AttackScenario;
import dev.thaw.workload.attack.DetectionRun;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code thaw detect} at the scale of one Huawei region: FUNCTIONS functions x DAYS days of per-minute metrics in the
 * published wide layout (generated under DIR when absent, seeded), trained on TRAIN days and scored on the rest with
 * every scenario injected. Prints the rate in function-minutes per second of wall time and of process CPU time (the
 * stable figure on a shared machine; training plus scoring, all minutes of all functions, each day's files read
 * once) and the peak resident set size.
 *
 * <p>The data is sparse as a real region is: per function a request rate drawn log-uniformly over 0.01-50 per
 * minute with a diurnal swing, so most functions are idle most minutes; per-request metrics are lognormal around
 * each function's medians with noise shrinking as 1/sqrt(requests).
 *
 * <pre>java -Xmx1g $JVM -cp "$CP" dev.thaw.bench.detect.DetectBench /tmp/detect-bench 5000 31 14</pre>
 */
public final class DetectBench {
    static final String[] FOLDERS = {"requests", "cpu_usage_avg", "memory_usage_avg", "totalCost_avg", "writeRspCost_avg", "num_pods", "num_cold_starts"};

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/detect-bench");
        int functions = args.length > 1 ? Integer.parseInt(args[1]) : 5000, days = args.length > 2 ? Integer.parseInt(args[2]) : 31;
        int train = args.length > 3 ? Integer.parseInt(args[3]) : 14;
        Path region = dir.resolve("quantiles/R9");
        if (!Files.exists(region.resolve("requests/day_" + String.format("%02d", days - 1) + ".csv"))) {
            long g = System.nanoTime();
            generate(region, functions, days, 2025);
            System.err.printf(Locale.ROOT, "generated %d functions x %d days in %.1f s%n", functions, days, (System.nanoTime() - g) / 1e9);
        }
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
        DetectionRun.Result r = DetectionRun.run(List.of(dir), new DetectionRun.Options(train, List.of(AttackScenario.values()), 42), System.err::println);
        double secs = (System.nanoTime() - t0) / 1e9, cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        long minutes = r.trainedMinutes() + r.scoredMinutes();
        System.out.printf(Locale.ROOT, "functions %d, days %d (train %d), function-minutes %,d, alerts %d, wall %.1f s (%,.0f function-minutes/s), "
                        + "CPU %.1f s (%,.0f function-minutes per CPU-second), peak RSS %s%n",
                r.scoredFunctions(), days, r.trainDays(), minutes, r.alerts().size(), secs, minutes / secs, cpu, minutes / cpu, peakRss());
        System.out.println(r.evaluation());
    }

    static String peakRss() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) if (l.startsWith("VmHWM:")) return l.substring(6).trim();
        return "n/a";
    }

    static void generate(Path region, int functions, int days, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        double[] rate = new double[functions], cpu = new double[functions], exec = new double[functions], rsp = new double[functions], mem = new double[functions];
        String[] ids = new String[functions];
        for (int f = 0; f < functions; f++) {
            rate[f] = Math.exp(Math.log(0.01) + r.nextDouble() * Math.log(5000));
            cpu[f] = 0.05 + 0.5 * r.nextDouble();
            exec[f] = 0.01 * Math.exp(3 * r.nextDouble());
            rsp[f] = 5e-6 * (1 + r.nextDouble());
            mem[f] = 64 + 900 * r.nextDouble();
            ids[f] = (100 + f) + "---" + (1 + r.nextInt(2000)) + "---pool22-300-128";
        }
        StringBuilder[] sb = new StringBuilder[FOLDERS.length];
        for (int k = 0; k < sb.length; k++) sb[k] = new StringBuilder(1 << 16);
        for (int day = 0; day < days; day++) {
            BufferedWriter[] w = new BufferedWriter[FOLDERS.length];
            for (int k = 0; k < w.length; k++) {
                Path file = region.resolve(FOLDERS[k]).resolve(String.format("day_%02d.csv", day));
                Files.createDirectories(file.getParent());
                w[k] = Files.newBufferedWriter(file);
                StringBuilder h = new StringBuilder("day,time");
                for (String id : ids) h.append(',').append(id);
                w[k].write(h.append('\n').toString());
            }
            for (int m = 0; m < 1440; m++) {
                long t = (day * 1440L + m) * 60;
                for (StringBuilder s : sb) { s.setLength(0); s.append(day).append(',').append(t); }
                double swing = 1 + 0.6 * Math.sin(2 * Math.PI * m / 1440.0);
                for (int f = 0; f < functions; f++) {
                    int n = poisson(rate[f] * swing, r);
                    for (StringBuilder s : sb) s.append(',');
                    if (n == 0) continue;
                    double sd = 1 / Math.sqrt(n);
                    sb[0].append(n);
                    fixed(sb[1], cpu[f] * Math.exp(0.3 * sd * r.nextGaussian()), 4);
                    fixed(sb[2], mem[f] * (1 + 0.05 * sd * r.nextGaussian()), 1);
                    fixed(sb[3], exec[f] * Math.exp(0.6 * sd * r.nextGaussian()), 6);
                    fixed(sb[4], rsp[f] * Math.exp(0.3 * sd * r.nextGaussian()), 7);
                    sb[5].append(1 + (int) (n * exec[f] / 240));
                    sb[6].append(r.nextDouble() < 0.05 ? 1 : 0);
                }
                for (int k = 0; k < w.length; k++) w[k].write(sb[k].append('\n').toString());
            }
            for (BufferedWriter x : w) x.close();
        }
    }

    private static void fixed(StringBuilder sb, double v, int decimals) {
        long scale = (long) Math.pow(10, decimals), units = Math.round(v * scale);
        sb.append(units / scale).append('.');
        String frac = Long.toString(units % scale);
        for (int i = frac.length(); i < decimals; i++) sb.append('0');
        sb.append(frac);
    }

    static int poisson(double mean, SplittableRandom rng) {
        if (mean > 30) return (int) Math.max(0, Math.rint(mean + Math.sqrt(mean) * rng.nextGaussian()));
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do { k++; p *= rng.nextDouble(); } while (p > l);
        return k - 1;
    }
}
