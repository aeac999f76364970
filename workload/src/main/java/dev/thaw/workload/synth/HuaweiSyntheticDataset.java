package dev.thaw.workload.synth;

import dev.thaw.workload.arrival.ArrivalProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the synthetic Huawei 2025 dataset: five regions of functions whose invocations go through one simulated
 * pod life cycle (60 s keep-alive reset by every request), so that the cold starts, the per-request log and the
 * per-minute counts all describe the same events. Cold-start times are calibrated to the published lognormal sigma
 * and per-region medians; Region 2 runtimes to the published cold-start shares. See {@link HuaweiDatasetWriter}
 * for the files. Everything derives from one seed.
 */
public final class HuaweiSyntheticDataset {
    /** Published pooled lognormal fit of cold-start time (docs/analytics.md). */
    public static final double PUBLISHED_MU = 0.2965, PUBLISHED_SIGMA = 1.326;
    public static final long DEFAULT_SEED = 2025;

    /**
     * @param scale          fraction of the published cold starts per hour to generate (0.01: 1/100)
     * @param firstDay       first day with cold starts and per-minute counts; the per-request log covers {@code lastDay}
     * @param podConcurrency concurrent requests a pod accepts before a new one is started
     */
    public record Options(long seed, double scale, int firstDay, int lastDay, int podConcurrency, double keepAliveS, double warmupS) {
        public Options {
            if (!(scale > 0) || scale > 1) throw new IllegalArgumentException("scale must be in (0, 1], got " + scale);
            if (firstDay < 0 || lastDay > 30 || firstDay > lastDay) throw new IllegalArgumentException("days must satisfy 0 <= first <= last <= 30");
        }

        public static Options defaults(long seed) { return new Options(seed, 0.01, 28, 30, 4, 60, 3600); }

        double startS() { return firstDay * 86400.0 - warmupS; }
        double endS() { return (lastDay + 1) * 86400.0; }
    }

    /** One function and everything simulated for it. Arrays are indexed by request. */
    public static final class FunctionRun {
        public final SyntheticFunction function;
        public final double[] arrivalS;
        public final long[] execUs;
        public final PodLifecycle.Result pods;
        final SplittableRandom costRng;
        public String runtime;
        /** Pod sequence numbers (the 10-digit suffix of podID), by pod index. */
        public long[] podSeq;
        /** Cold-start components {alloc, code, dependency, scheduling} in µs by request index; null when not cold or out of the window. */
        public long[][] coldCostsUs;

        FunctionRun(SyntheticFunction f, double[] t, long[] execUs, PodLifecycle.Result pods, SplittableRandom costRng) {
            this.function = f; this.arrivalS = t; this.execUs = execUs; this.pods = pods; this.costRng = costRng;
            this.coldCostsUs = new long[t.length][];
        }

        public String podId(int pod) { return function.pool().podId(podSeq[pod]); }
    }

    public final Options options;
    public final List<RegionProfile> regions;
    /** Per region (index 0 = R1), its functions in drawing order. */
    public final List<List<FunctionRun>> runs = new ArrayList<>();
    public final double noiseSigma;
    public final double[] regionLogOffset;

    private HuaweiSyntheticDataset(Options options, List<RegionProfile> regions) {
        this.options = options;
        this.regions = regions;
        SplittableRandom master = new SplittableRandom(options.seed());
        List<SplittableRandom> costRngs = new ArrayList<>();
        for (RegionProfile region : regions) {
            SplittableRandom rr = master.split();
            List<SyntheticFunction> fs = HuaweiFunctionPopulation.draw(region, region.coldStartsPerHour() * 24 * options.scale(), rr.split());
            List<FunctionRun> list = new ArrayList<>();
            for (SyntheticFunction f : fs) list.add(simulate(f, rr.split()));
            assignRuntimes(list, rr.split());
            assignPodIds(list, rr.split());
            costRngs.add(rr.split());
            runs.add(list);
        }
        regionLogOffset = new double[regions.size()];
        noiseSigma = drawColdStartCosts(costRngs);
    }

    public static HuaweiSyntheticDataset build(Options options) { return new HuaweiSyntheticDataset(options, RegionProfile.published()); }

    /** Builds with defaults and writes the dataset under {@code out}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) { System.err.println("usage: HuaweiSyntheticDataset OUT_DIR [SEED]"); System.exit(2); }
        long seed = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_SEED;
        HuaweiDatasetWriter.write(build(Options.defaults(seed)), Path.of(args[0]));
    }

    boolean inWindow(double t) { return t >= options.firstDay() * 86400.0 && t < options.endS(); }

    private FunctionRun simulate(SyntheticFunction f, SplittableRandom rng) {
        ArrivalProcess p = f.arrivals().start(options.startS(), rng.split());
        double[] t = new double[256];
        int n = 0;
        for (double x = p.next(); ; x = p.next()) {
            double ms = Math.rint(x * 1000) / 1000; // the files have millisecond timestamps: simulate exactly those
            if (ms >= options.endS()) break;
            if (ms < options.startS()) continue;
            if (n == t.length) t = Arrays.copyOf(t, n * 2);
            t[n++] = ms;
        }
        t = Arrays.copyOf(t, n);
        long[] exec = new long[n];
        double[] execS = new double[n];
        double mu = Math.log(f.execMedianS());
        for (int i = 0; i < n; i++) {
            exec[i] = Math.max(50, Math.min(900_000_000L, Math.round(1e6 * Math.exp(mu + f.execSigma() * rng.nextGaussian()))));
            execS[i] = exec[i] / 1e6;
        }
        PodLifecycle.Result pods = PodLifecycle.simulate(t, execS, options.podConcurrency(), options.keepAliveS());
        return new FunctionRun(f, t, exec, pods, rng.split());
    }

    private void assignRuntimes(List<FunctionRun> list, SplittableRandom rng) {
        long[] cold = new long[list.size()];
        for (int i = 0; i < cold.length; i++) {
            FunctionRun r = list.get(i);
            for (int k = 0; k < r.arrivalS.length; k++) if (r.pods.coldStart()[k] && inWindow(r.arrivalS[k])) cold[i]++;
        }
        int[] rt = RuntimeShares.assign(cold, rng);
        for (int i = 0; i < cold.length; i++) list.get(i).runtime = RuntimeShares.RUNTIMES[rt[i]];
    }

    /** Pod sequence numbers per pool grow in order of cold starts, with gaps for other tenants' pods. */
    private static void assignPodIds(List<FunctionRun> list, SplittableRandom rng) {
        List<double[]> events = new ArrayList<>(); // {time, function index, pod}
        for (int i = 0; i < list.size(); i++) {
            FunctionRun r = list.get(i);
            r.podSeq = new long[r.pods.pods()];
            for (int k = 0; k < r.arrivalS.length; k++) if (r.pods.coldStart()[k]) events.add(new double[] {r.arrivalS[k], i, r.pods.pod()[k]});
        }
        events.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : a[1] != b[1] ? Double.compare(a[1], b[1]) : Double.compare(a[2], b[2]));
        java.util.TreeMap<Integer, Long> next = new java.util.TreeMap<>();
        for (double[] e : events) {
            FunctionRun r = list.get((int) e[1]);
            int pool = r.function.pool().index();
            long seq = next.computeIfAbsent(pool, k -> 100_000L + rng.nextInt(5_000_000));
            r.podSeq[(int) e[2]] = seq;
            next.put(pool, seq + 1 + rng.nextInt(40));
        }
    }

    /** Draws and calibrates the cold-start components of every cold start in the window; returns the noise sigma. */
    private double drawColdStartCosts(List<SplittableRandom> costRngs) {
        List<int[]> where = new ArrayList<>(); // {region, function, request}
        List<Double> base = new ArrayList<>(), z = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            SplittableRandom rng = costRngs.get(r);
            List<FunctionRun> list = runs.get(r);
            for (int i = 0; i < list.size(); i++) {
                FunctionRun fr = list.get(i);
                double b = fr.function.coldStartLogEffect() + Math.log(RuntimeShares.coldStartFactor(fr.runtime));
                for (int k = 0; k < fr.arrivalS.length; k++) {
                    if (!fr.pods.coldStart()[k] || !inWindow(fr.arrivalS[k])) continue;
                    where.add(new int[] {r, i, k});
                    base.add(b);
                    z.add(rng.nextGaussian());
                }
            }
        }
        int n = where.size();
        double[] b = new double[n], zz = new double[n], targets = regions.stream().mapToDouble(RegionProfile::medianColdStartS).toArray();
        int[] reg = new int[n];
        for (int j = 0; j < n; j++) { b[j] = base.get(j); zz[j] = z.get(j); reg[j] = where.get(j)[0]; }
        double s = ColdStartCosts.calibrate(b, zz, reg, targets, PUBLISHED_MU, PUBLISHED_SIGMA, regionLogOffset);
        for (int j = 0; j < n; j++) {
            int[] w = where.get(j);
            FunctionRun fr = runs.get(w[0]).get(w[1]);
            long totalUs = Math.max(1, Math.round(1e6 * Math.exp(b[j] + s * zz[j] + regionLogOffset[w[0]])));
            fr.coldCostsUs[w[2]] = ColdStartCosts.split(totalUs, regions.get(w[0]).componentShares(), fr.function.hasDependencies(), costRngs.get(w[0]));
        }
        return s;
    }
}
