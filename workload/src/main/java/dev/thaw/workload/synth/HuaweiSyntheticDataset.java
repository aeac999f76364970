package dev.thaw.workload.synth;

import dev.thaw.workload.arrival.ArrivalModel;
import dev.thaw.workload.arrival.ArrivalProcess;
import dev.thaw.workload.arrival.SuperposedArrivals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the synthetic Huawei 2025 dataset: five regions of functions whose invocations go through one simulated
 * pod life cycle (60 s keep-alive reset by every request; a pod runs nothing before its cold start is over, and a
 * session's client waits for it: {@link PodLifecycle}, {@link Sessions}), so that the cold starts, the per-request
 * log and the per-minute counts all describe the same events. Cold-start times are calibrated to the published lognormal sigma
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

    /**
     * One function and everything simulated for it. Arrays are indexed by request, in arrival order; the
     * {@code drawn*} arrays hold the requests as drawn, before sessions were held back by cold starts.
     */
    public static final class FunctionRun {
        public final SyntheticFunction function;
        public double[] arrivalS;
        public long[] execUs;
        /** The pods, simulated with the cold-start times recorded for them (see {@link #simulatePods}). */
        public PodLifecycle.Result pods;
        final SplittableRandom costRng;
        /** Standard normal noise of the cold-start time of a pod started by request k. */
        double[] coldNoise;
        final double[] drawnArrivalS, drawnExecS, drawnNoise;
        final long[] drawnExecUs;
        final int[] drawnNext;
        public String runtime;
        /** Pod sequence numbers (the 10-digit suffix of podID), by pod index. */
        public long[] podSeq;
        /** Cold-start components {alloc, code, dependency, scheduling} in µs by request index; null when not cold or out of the window. */
        public long[][] coldCostsUs;

        FunctionRun(SyntheticFunction f, double[] t, int[] next, long[] execUs, double[] execS, double[] noise, SplittableRandom costRng) {
            this.function = f; this.drawnArrivalS = t; this.drawnNext = next; this.drawnExecUs = execUs; this.drawnExecS = execS;
            this.drawnNoise = noise; this.costRng = costRng;
        }

        /** Simulates the pods, pods started by request i of the drawing being ready after {@code coldStartS(i)}. */
        void simulatePods(int concurrency, double keepAliveS, java.util.function.IntToDoubleFunction coldStartS) {
            PodLifecycle.Closed c = PodLifecycle.simulateSessions(drawnArrivalS, drawnExecS, drawnNext, concurrency, keepAliveS, coldStartS);
            int n = c.order().length;
            arrivalS = c.arrivalS();
            execUs = new long[n];
            coldNoise = new double[n];
            for (int j = 0; j < n; j++) { execUs[j] = drawnExecUs[c.order()[j]]; coldNoise[j] = drawnNoise[c.order()[j]]; }
            pods = c.pods();
            coldCostsUs = new long[n][];
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
            costRngs.add(rr.split());
            runs.add(list);
        }
        regionLogOffset = new double[regions.size()];
        noiseSigma = simulatePods();
        for (int r = 0; r < runs.size(); r++) assignPodIds(runs.get(r), costRngs.get(r).split());
        drawColdStartComponents(costRngs);
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
        Sessions.Drawn drawn = drawArrivals(f.arrivals(), rng.split());
        double[] t = drawn.timeS();
        int n = t.length;
        long[] exec = new long[n];
        double[] execS = new double[n];
        double mu = Math.log(f.execMedianS());
        for (int i = 0; i < n; i++) {
            exec[i] = Math.max(50, Math.min(900_000_000L, Math.round(1e6 * Math.exp(mu + f.execSigma() * rng.nextGaussian()))));
            execS[i] = exec[i] / 1e6;
        }
        double[] noise = new double[n];
        SplittableRandom noiseRng = rng.split();
        for (int i = 0; i < n; i++) noise[i] = noiseRng.nextGaussian();
        FunctionRun run = new FunctionRun(f, t, drawn.next(), exec, execS, noise, rng.split());
        // first pass: pods ready at once; it decides the runtimes and the first calibration of cold-start times
        run.simulatePods(options.podConcurrency(), options.keepAliveS(), i -> 0);
        return run;
    }

    /**
     * Arrivals in [start, end) on the millisecond grid (the files have millisecond timestamps: simulate exactly
     * those), with the session links of {@link Sessions} parts; other processes' requests have no successor.
     */
    private Sessions.Drawn drawArrivals(ArrivalModel model, SplittableRandom rng) {
        List<ArrivalModel> parts = model instanceof SuperposedArrivals sp ? sp.parts() : List.of(model);
        List<Sessions.Drawn> drawn = new ArrayList<>();
        for (ArrivalModel part : parts) {
            SplittableRandom r = rng.split();
            if (part instanceof Sessions s) { drawn.add(s.draw(options.startS(), options.endS(), r)); continue; }
            ArrivalProcess p = part.start(options.startS(), r);
            double[] t = new double[256];
            int n = 0;
            for (double x = p.next(); ; x = p.next()) {
                double ms = Math.rint(x * 1000) / 1000;
                if (ms >= options.endS()) break;
                if (ms < options.startS()) continue;
                if (n == t.length) t = Arrays.copyOf(t, n * 2);
                t[n++] = ms;
            }
            int[] none = new int[n];
            Arrays.fill(none, -1);
            drawn.add(new Sessions.Drawn(Arrays.copyOf(t, n), none));
        }
        if (drawn.size() == 1) return drawn.get(0);
        // merge in time order (ties: part order), renumbering the links
        int total = drawn.stream().mapToInt(d -> d.timeS().length).sum();
        double[] t = new double[total];
        int[] next = new int[total], pos = new int[drawn.size()];
        int[][] newIndex = new int[drawn.size()][];
        for (int k = 0; k < drawn.size(); k++) newIndex[k] = new int[drawn.get(k).timeS().length];
        for (int j = 0; j < total; j++) {
            int best = -1;
            for (int k = 0; k < drawn.size(); k++) {
                if (pos[k] < drawn.get(k).timeS().length && (best < 0 || drawn.get(k).timeS()[pos[k]] < drawn.get(best).timeS()[pos[best]])) best = k;
            }
            t[j] = drawn.get(best).timeS()[pos[best]];
            newIndex[best][pos[best]++] = j;
        }
        for (int k = 0; k < drawn.size(); k++) {
            int[] nx = drawn.get(k).next();
            for (int i = 0; i < nx.length; i++) next[newIndex[k][i]] = nx[i] < 0 ? -1 : newIndex[k][nx[i]];
        }
        return new Sessions.Drawn(t, next);
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

    /** Log cold-start time of the pod request k of {@code fr} starts, before the region offset: fixed effects + s * noise. */
    private static double logColdStart(FunctionRun fr, int k, double s) {
        return fr.function.coldStartLogEffect() + Math.log(RuntimeShares.coldStartFactor(fr.runtime)) + s * fr.coldNoise[k];
    }

    /** Cold-start time (µs) of a pod of region r's function {@code fr} whose cold start has noise {@code z}. */
    private long coldStartUs(int r, FunctionRun fr, double z, double s) {
        return Math.max(1, Math.round(1e6 * Math.exp(fr.function.coldStartLogEffect() + Math.log(RuntimeShares.coldStartFactor(fr.runtime)) + s * z + regionLogOffset[r])));
    }

    /**
     * Calibrates the cold-start times on the cold starts in the window (s and the region offsets, see
     * {@link ColdStartCosts#calibrate}) and simulates the pods again with those times, so that a pod runs nothing
     * before it is ready; twice, so that the calibration is made on (nearly) the final set of cold starts. Returns s.
     */
    private double simulatePods() {
        double s = 0;
        for (int pass = 0; pass < 2; pass++) {
            List<Double> base = new ArrayList<>(), z = new ArrayList<>();
            List<Integer> reg = new ArrayList<>();
            for (int r = 0; r < runs.size(); r++) {
                for (FunctionRun fr : runs.get(r)) {
                    for (int k = 0; k < fr.arrivalS.length; k++) {
                        if (!fr.pods.coldStart()[k] || !inWindow(fr.arrivalS[k])) continue;
                        base.add(logColdStart(fr, k, 0));
                        z.add(fr.coldNoise[k]);
                        reg.add(r);
                    }
                }
            }
            int n = base.size();
            double[] b = new double[n], zz = new double[n], targets = regions.stream().mapToDouble(RegionProfile::medianColdStartS).toArray();
            int[] rg = new int[n];
            for (int j = 0; j < n; j++) { b[j] = base.get(j); zz[j] = z.get(j); rg[j] = reg.get(j); }
            double sFinal = ColdStartCosts.calibrate(b, zz, rg, targets, PUBLISHED_MU, PUBLISHED_SIGMA, regionLogOffset);
            s = sFinal;
            for (int r = 0; r < runs.size(); r++) {
                final int region = r;
                for (FunctionRun fr : runs.get(r)) {
                    fr.simulatePods(options.podConcurrency(), options.keepAliveS(), i -> coldStartUs(region, fr, fr.drawnNoise[i], sFinal) / 1e6);
                }
            }
        }
        return s;
    }

    /** Splits the cold-start time of every cold start in the window into its four components. */
    private void drawColdStartComponents(List<SplittableRandom> costRngs) {
        for (int r = 0; r < runs.size(); r++) {
            for (FunctionRun fr : runs.get(r)) {
                for (int k = 0; k < fr.arrivalS.length; k++) {
                    if (!fr.pods.coldStart()[k] || !inWindow(fr.arrivalS[k])) continue;
                    fr.coldCostsUs[k] = ColdStartCosts.split(coldStartUs(r, fr, fr.coldNoise[k], noiseSigma), regions.get(r).componentShares(), fr.function.hasDependencies(), costRngs.get(r));
                }
            }
        }
    }
}
