package dev.thaw.simulate.llm.calibrate;

import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.Quantization;
import dev.thaw.simulate.llm.ServingConfig;
import dev.thaw.simulate.llm.ServingResult;
import dev.thaw.simulate.llm.ServingSimulator;
import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.metrics.RequestLog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.simulate.llm.model.ModelSpec;
import dev.thaw.simulate.llm.perf.Calibration;
import dev.thaw.simulate.llm.perf.MemoryPlan;
import dev.thaw.workload.llm.LlmRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulates one measured case as it was measured: the same model, GPU, plan and engine knobs, and the same load
 * (closed loop at the measured concurrency, or open loop at the measured arrivals / rate and burstiness), and
 * reports the metrics the measurement has.
 *
 * <p>Closed loops replay the measured requests with every client starting at once (as benchmark clients do).
 * Closed loops with fixed lengths (AIConfigurator rows, which do not say how many requests ran) follow
 * {@link ClosedLoopClients}: a burst round, then desynchronised rounds, mixed at the rounds per client.
 */
public final class CaseSimulator {
    private static final Map<String, ModelSpec> MODELS = new ConcurrentHashMap<>();
    private CaseSimulator() {}

    /** The serving configuration of a case under an engine profile and calibration, kernel times from the settings' database. */
    public static ServingConfig config(MeasuredCase c, EngineProfile engine, Calibration cal, ReplaySettings s) {
        ModelSpec m = MODELS.computeIfAbsent(c.model(), ModelCatalog::resolve);
        Cluster cluster = Cluster.of(HardwareCatalog.bundled().get(c.gpu()), c.plan().gpus(), 1);
        EngineProfile e = engine;
        if (c.maxNumSeqs() > 0) e = e.withMaxNumSeqs(c.maxNumSeqs());
        if (c.maxBatchedTokens() > 0) e = e.withMaxBatchedTokens(c.maxBatchedTokens());
        return ServingConfig.of(m, cluster, c.plan()).withEngine(e).withQuantization(Quantization.of(c.weights(), c.kv())).withCalibration(cal).withPerfDb(s.perfDb());
    }

    /** Why the case cannot be simulated (plan does not fit), or null. */
    public static String problem(MeasuredCase c, EngineProfile engine, Calibration cal) {
        ServingConfig cfg = config(c, engine, cal, ReplaySettings.BUNDLED); // memory does not depend on kernel times
        String structural = MemoryPlan.structuralProblem(cfg.model(), cfg.cluster(), cfg.plan());
        if (structural != null) return structural;
        MemoryPlan mem = ServingSimulator.memoryPlan(cfg);
        return mem.feasible() ? null : mem.reason();
    }

    /** KV cache capacity (tokens per replica) of the case's configuration. */
    public static long kvCapacityTokens(MeasuredCase c, EngineProfile engine, Calibration cal) {
        return ServingSimulator.memoryPlan(config(c, engine, cal, ReplaySettings.BUNDLED)).kvCapacityTokens();
    }

    /** Predicted metrics, keyed as the measurement's ({@code ttft_ms.mean}, ...), plus every other mean and p99. */
    public static Map<String, Double> predict(MeasuredCase c, EngineProfile engine, Calibration cal, ReplaySettings s, long seed) {
        ServingConfig cfg = config(c, engine, cal, s);
        MeasuredCase.Load load = c.load();
        if (load.closedLoop() && load.fixedLengths()) return fixedLengthClosedLoop(cfg, load, seed, s.clientsOf(c));
        int n = load.prompt().length;
        ServingResult r;
        if (load.closedLoop()) { // the measured requests in send order, every client starting at once
            List<LlmRequest> reqs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) reqs.add(new LlmRequest(i, 0, load.prompt()[i], load.output()[i]));
            r = ServingSimulator.runClosedLoop(cfg, reqs, load.concurrency(), 0);
        } else {
            r = ServingSimulator.run(cfg, openLoop(load, seed));
        }
        return metrics(r.requestLog(), 0, n);
    }

    /**
     * A closed loop with fixed lengths, as {@link ClosedLoopClients} describes: the clients start together (and
     * send in cohorts of the client cohort size), one burst round, {@link ClosedLoopClients#STEADY_ROUNDS} desynchronised rounds measured, one tail round dropped.
     */
    static Map<String, Double> fixedLengthClosedLoop(ServingConfig cfg, MeasuredCase.Load load, long seed, ClosedLoopClients.ClientModel cm) {
        int clients = load.concurrency();
        int n = clients * (ClosedLoopClients.STEADY_ROUNDS + 2);
        SplittableRandom rnd = new SplittableRandom(seed);
        int isl = load.prompt()[0], osl = load.output()[0];
        List<LlmRequest> reqs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int o = (int) Math.max(1, Math.round(osl * (1 + ClosedLoopClients.OUTPUT_SPREAD * (2 * rnd.nextDouble() - 1))));
            reqs.add(new LlmRequest(i, 0, isl, o));
        }
        RequestLog log = ServingSimulator.runClosedLoop(cfg, reqs, clients, Math.min(cm.cohort(), clients), 0).requestLog();
        return ClosedLoopClients.combine(metrics(log, 0, clients), metrics(log, clients, n - clients), cm.roundsPerClient());
    }

    /** Requests of an open-loop load: the measured arrivals, or gamma inter-arrival times (shape = burstiness) at the rate. */
    static List<LlmRequest> openLoop(MeasuredCase.Load load, long seed) {
        int n = load.prompt().length;
        List<LlmRequest> out = new ArrayList<>(n);
        SplittableRandom rnd = new SplittableRandom(seed);
        double t = 0;
        for (int i = 0; i < n; i++) {
            double at;
            if (load.arrivalS() != null) at = load.arrivalS()[i];
            else if (Double.isInfinite(load.ratePerS())) at = 0;
            else { // gamma(shape k, scale 1/(k rate)): mean 1/rate, as vLLM's benchmark draws them
                if (i > 0) t += gamma(rnd, load.burstiness()) / (load.burstiness() * load.ratePerS());
                at = t;
            }
            out.add(new LlmRequest(i, at, load.prompt()[i], load.output()[i]));
        }
        return out;
    }

    /** Marsaglia-Tsang gamma(shape, 1) variate. */
    static double gamma(SplittableRandom rnd, double shape) {
        if (shape < 1) return gamma(rnd, shape + 1) * Math.pow(rnd.nextDouble(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x, v;
            do {
                x = normal(rnd);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rnd.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
        }
    }

    private static double normal(SplittableRandom rnd) {
        double u1 = rnd.nextDouble(), u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Mean, p50 and p99 of TTFT, TPOT and end-to-end latency over the completed requests of log positions [from, to). */
    static Map<String, Double> metrics(RequestLog log, int from, int to) {
        double[] ttft = new double[to - from], tpot = new double[to - from], e2e = new double[to - from];
        int n = 0, nt = 0;
        for (int i = from; i < to; i++) {
            if (!log.completed(i)) continue;
            ttft[n] = log.ttftS(i) * 1e3;
            e2e[n++] = log.e2eS(i);
            double tp = log.tpotS(i);
            if (!Double.isNaN(tp)) tpot[nt++] = tp * 1e3;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        if (n == 0) return m;
        VllmBenchReader.put(m, "ttft_ms", Arrays.copyOf(ttft, n));
        if (nt > 0) VllmBenchReader.put(m, "tpot_ms", Arrays.copyOf(tpot, nt));
        VllmBenchReader.put(m, "e2e_s", Arrays.copyOf(e2e, n));
        m.put("completed_share", (double) n / (to - from));
        return m;
    }
}
