package dev.thaw.bench.faas;

import dev.thaw.simulate.faas.ColdStartModel;
import dev.thaw.simulate.faas.FaasResult;
import dev.thaw.simulate.faas.FaasSimulator;
import dev.thaw.simulate.faas.FunctionCatalog;
import dev.thaw.simulate.faas.PlatformConfig;
import dev.thaw.simulate.faas.RequestLog;
import dev.thaw.simulate.faas.policy.KeepAlivePolicies;
import java.util.SplittableRandom;

/**
 * Replay speed of the serverless platform simulator: N invocations (default 100 million) over F functions (default
 * 10,000) with Zipf(1) popularity, Poisson arrivals over one day and log-normal executions (median 100 ms), generated
 * in chunks of 1M into primitive arrays; only the simulator's time is counted as replay time.
 *
 * <pre>java -cp 'bench/target/thaw-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' dev.thaw.bench.faas.FaasReplayBench [policy] [invocations] [functions]</pre>
 */
public final class FaasReplayBench {
    public static void main(String[] args) {
        String policy = args.length > 0 ? args[0] : "fixed:60s";
        long total = args.length > 1 ? Long.parseLong(args[1]) : 100_000_000L;
        int functions = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        double horizon = 86_400;
        int chunk = 1 << 20;

        FunctionCatalog.Builder b = FunctionCatalog.builder();
        for (int f = 0; f < functions; f++) b.add("f" + f, f % 5 == 0 ? 1000 : 300, f % 5 == 0 ? 1024 : 128, f % 10 == 0 ? 8 : 1, f / 3, "Python3");
        FunctionCatalog catalog = b.build();
        Alias zipf = Alias.zipf(functions, 1.0);
        double[] logMedian = new double[functions];
        SplittableRandom r = new SplittableRandom(2024);
        for (int f = 0; f < functions; f++) logMedian[f] = Math.log(0.1) + r.nextGaussian();

        PlatformConfig cfg = PlatformConfig.defaults().withColdStarts(ColdStartModel.constant(0.05, 0.2, 0.3, 0.45));
        FaasSimulator sim = new FaasSimulator(catalog, KeepAlivePolicies.parse(policy), cfg, RequestLog.NONE);
        double[] t = new double[chunk], d = new double[chunk];
        int[] fn = new int[chunk];
        double rate = total / horizon, now = 0;
        long done = 0, simNanos = 0, genNanos = 0, simCpu = 0;
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        while (done < total) {
            int m = (int) Math.min(chunk, total - done);
            long g0 = System.nanoTime();
            for (int i = 0; i < m; i++) {
                now += -Math.log(1 - r.nextDouble()) / rate;
                int f = zipf.sample(r);
                t[i] = now;
                fn[i] = f;
                d[i] = Math.exp(logMedian[f] + 0.5 * r.nextGaussian());
            }
            long s0 = System.nanoTime(), c0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < m; i++) sim.offer(t[i], fn[i], d[i]);
            long s1 = System.nanoTime();
            simCpu += cpu.getCurrentThreadCpuTime() - c0;
            genNanos += s0 - g0;
            simNanos += s1 - s0;
            done += m;
        }
        long f0 = System.nanoTime(), fc0 = cpu.getCurrentThreadCpuTime();
        FaasResult res = sim.finish();
        simNanos += System.nanoTime() - f0;
        simCpu += cpu.getCurrentThreadCpuTime() - fc0;
        double simS = simNanos / 1e9, cpuS = simCpu / 1e9;
        // on a shared machine wall time includes waiting for a core: the thread's CPU time is the one-core figure
        System.out.printf("policy %s: %,d invocations over %,d functions: replay wall %.2f s = %.2f M events/s, thread CPU %.2f s = %.2f M events/s (generation %.2f s wall, not counted)%n",
                res.policy(), res.invocations(), functions, simS, res.invocations() / simS / 1e6, cpuS, res.invocations() / cpuS / 1e6, genNanos / 1e9);
        System.out.printf("cold starts %,d (rate %.4f), pre-warms %,d, wasted %.0f GB-s, pods %,d, max alive %,d%n",
                res.coldStarts(), res.coldStartRate(), res.prewarmStarts(), res.wastedMemoryGbS(), res.pods(), res.maxPodsAlive());
    }

    /** Vose's alias method: O(1) draws from a discrete distribution. */
    static final class Alias {
        final double[] prob;
        final int[] alias;

        Alias(double[] w) {
            int n = w.length;
            prob = new double[n];
            alias = new int[n];
            double sum = 0;
            for (double x : w) sum += x;
            double[] p = new double[n];
            int[] small = new int[n], large = new int[n];
            int ns = 0, nl = 0;
            for (int i = 0; i < n; i++) {
                p[i] = w[i] * n / sum;
                if (p[i] < 1) small[ns++] = i; else large[nl++] = i;
            }
            while (ns > 0 && nl > 0) {
                int s = small[--ns], l = large[--nl];
                prob[s] = p[s];
                alias[s] = l;
                p[l] = p[l] + p[s] - 1;
                if (p[l] < 1) small[ns++] = l; else large[nl++] = l;
            }
            while (nl > 0) prob[large[--nl]] = 1;
            while (ns > 0) prob[small[--ns]] = 1;
        }

        static Alias zipf(int n, double s) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) w[i] = 1 / Math.pow(i + 1, s);
            return new Alias(w);
        }

        int sample(SplittableRandom r) {
            int i = r.nextInt(prob.length);
            return r.nextDouble() < prob[i] ? i : alias[i];
        }
    }
}
