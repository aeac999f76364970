package dev.thaw.simulate.search;

import dev.thaw.simulate.llm.Disaggregation;
import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.ParallelPlan;
import dev.thaw.simulate.llm.Quantization;
import dev.thaw.simulate.llm.RouterPolicy;
import dev.thaw.simulate.llm.ServingConfig;
import dev.thaw.simulate.llm.ServingResult;
import dev.thaw.simulate.llm.ServingSimulator;
import dev.thaw.simulate.llm.Slo;
import dev.thaw.simulate.llm.Precision;
import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.Gpu;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.metrics.RequestLog;
import dev.thaw.simulate.llm.model.ModelSpec;
import dev.thaw.simulate.llm.perf.BatchShape;
import dev.thaw.simulate.llm.perf.MemoryPlan;
import dev.thaw.simulate.llm.perf.OpType;
import dev.thaw.simulate.llm.perf.StepTimeModel;
import dev.thaw.simulate.llm.perf.db.PerfDbSource;
import dev.thaw.workload.llm.LlmRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The search's view of the serving simulator ({@code dev.thaw.simulate.llm}). Memory plans and step-time models are
 * built once per distinct (hardware, tp, pp, ep, quantization, engine knobs) and shared by every candidate and
 * thread; the step-time model already costs one transformer block and multiplies by the layer count, so even
 * trillion-parameter models cost a few dozen floating-point operations per step. Lower bounds come from the same
 * step-time model: a request's TTFT is at least the time of its prefill chunks run alone, its TPOT at least one
 * decode step of it alone at its prompt length (step time only grows with more tokens, sequences or context); in a
 * lockstep expert-parallel group the MoE layers also see at least one (dummy) token of every other replica.
 */
public final class ServingPlanEvaluator implements PlanEvaluator {
    private final ModelSpec model;
    private final HardwareCatalog catalog;
    private final ServingConfig template;
    private final ModelShape shape;
    private final Map<String, MemoryPlan> memory = new ConcurrentHashMap<>();
    private final Map<String, StepTimeModel> steps = new ConcurrentHashMap<>();
    // Per-request bounds depend on the workload; kept for the last workload seen (a search uses one).
    private Workload boundsWorkload;
    private Map<String, double[][]> requestBounds = new ConcurrentHashMap<>();

    /**
     * @param template supplies everything a candidate does not set: SLO, calibration, communication model, prefix
     *                 unit, and engine settings other than max_num_seqs and max_num_batched_tokens (e.g. memory
     *                 utilisation), which apply when a candidate's engine has the template's profile name
     */
    public ServingPlanEvaluator(ModelSpec model, HardwareCatalog catalog, ServingConfig template) {
        this.model = model;
        this.catalog = catalog;
        this.template = template;
        double layer = (double) (model.totalParams() - model.embeddingParams() - model.lmHeadParams()) / model.layers();
        this.shape = new ModelShape(model.name(), model.layers(), model.heads(), model.kvHeads(),
                model.isMoe() ? model.numExperts() : 0, layer, model.embeddingParams() + model.lmHeadParams());
    }

    /** A template with vLLM v1 defaults and the given SLO, on the first cluster choice (the cluster is replaced per candidate). */
    public static ServingPlanEvaluator of(ModelSpec model, HardwareCatalog catalog, ClusterChoice anyCluster, Slo slo) {
        return of(model, catalog, anyCluster, slo, PerfDbSource.BUNDLED);
    }

    /** As {@link #of(ModelSpec, HardwareCatalog, ClusterChoice, Slo)}, with kernel times from {@code kernels}. */
    public static ServingPlanEvaluator of(ModelSpec model, HardwareCatalog catalog, ClusterChoice anyCluster, Slo slo, PerfDbSource kernels) {
        Cluster cl = new Cluster(catalog.get(anyCluster.gpu()), anyCluster.gpusPerNode(), anyCluster.nodes(), null);
        ServingConfig t = ServingConfig.of(model, cl, new ParallelPlan(1, 1, 1))
                .withSlo(slo).withPerfDb(kernels);
        return new ServingPlanEvaluator(model, catalog, t);
    }

    /** What costs the kernels on this hardware choice (the results' "perf_db"). */
    public String perfDb(ClusterChoice choice) {
        Cluster cl = new Cluster(catalog.get(choice.gpu()), choice.gpusPerNode(), choice.nodes(), template.cluster().interNode());
        return ServingSimulator.stepTimeModel(template.withCluster(cl)).perfDb();
    }

    @Override public ModelShape model() { return shape; }

    public ModelSpec spec() { return model; }

    /** The serving configuration a candidate stands for. */
    public ServingConfig config(Candidate c) {
        Gpu g = catalog.get(c.cluster().gpu());
        Cluster cl = new Cluster(g, c.cluster().gpusPerNode(), c.cluster().nodes(), template.cluster().interNode());
        EngineProfile base = c.engine().equalsIgnoreCase(template.engine().name()) ? template.engine() : EngineProfile.named(c.engine());
        EngineProfile e = base.withMaxNumSeqs(c.maxNumSeqs()).withMaxBatchedTokens(c.maxBatchedTokens());
        Quantization q = new Quantization(c.weights(), c.kv());
        return template.withCluster(cl).withPlan(new ParallelPlan(c.dp(), c.tp(), c.pp(), c.ep())).withQuantization(q)
                .withEngine(e).withRouter(RouterPolicy.parse(c.router())).withDisaggregation(new Disaggregation(c.prefillReplicas()));
    }

    /** Everything but dp and router: what memory and step time depend on. */
    private static String replicaKey(Candidate c) {
        return c.cluster() + "|" + c.tp() + "|" + c.pp() + "|" + c.ep() + "|" + c.weights() + "|" + c.kv() + "|" + c.engine()
                + "|" + c.maxNumSeqs() + "|" + c.maxBatchedTokens();
    }

    /** What the step time depends on: not max_num_seqs, not the token budget (only the engine's overheads). */
    private static String stepKey(Candidate c) {
        return c.cluster() + "|" + c.tp() + "|" + c.pp() + "|" + c.ep() + "|" + c.weights() + "|" + c.kv() + "|" + c.engine();
    }

    private MemoryPlan memoryPlan(Candidate c) {
        return memory.computeIfAbsent(replicaKey(c), k -> ServingSimulator.memoryPlan(config(c)));
    }

    private StepTimeModel stepModel(Candidate c) {
        return steps.computeIfAbsent(stepKey(c), k -> ServingSimulator.stepTimeModel(config(c)));
    }

    @Override public MemoryFit memory(Candidate c) {
        MemoryPlan m = memoryPlan(c);
        return m.feasible() ? MemoryFit.ok(m.weightsGibPerGpu(), m.kvCapacityTokens()) : MemoryFit.tooBig(m.weightsGibPerGpu(), m.reason());
    }

    @Override public Figures lowerBounds(Candidate c, Workload w) {
        EngineProfile e = config(c).engine();
        boolean chunked = e.chunkedPrefill();
        // Every request spends at least the engine's fixed front-end time before it is scheduled (EngineOverheads)
        double frontS = e.overheads().requestFixedS();
        String key = stepKey(c) + "|" + (chunked ? c.maxBatchedTokens() : 0) + "|" + frontS;
        Map<String, double[][]> cache;
        synchronized (this) {
            if (boundsWorkload != w) { boundsWorkload = w; requestBounds = new ConcurrentHashMap<>(); }
            cache = requestBounds;
        }
        double[][] per = cache.computeIfAbsent(key, k -> perRequest(stepModel(c), w, chunked ? c.maxBatchedTokens() : Integer.MAX_VALUE, e.prefixCaching(), frontS));
        Gpu g = catalog.get(c.cluster().gpu());
        return Bounds.of(w, per[0], per[1], per[2], g.idleW() * c.gpus(), g.pricePerHourUsd() * c.gpus());
    }

    private double[][] perRequest(StepTimeModel st, Workload w, int budget, boolean prefixCaching, double frontS) {
        int n = w.size();
        double[] ttft = new double[n], tpot = new double[n], e2e = new double[n];
        BatchShape b = new BatchShape();
        Map<Long, double[]> memo = new java.util.HashMap<>();
        // In a lockstep expert-parallel group every other replica adds at least one (dummy) token to the MoE layers.
        int others = st.plan().replicasPerExpertGroup() - 1;
        for (int i = 0; i < n; i++) {
            LlmRequest r = w.requests().get(i);
            int cachedMax = prefixCaching && r.prefixBlocks().length > 0
                    ? (int) Math.min(r.promptTokens() - 1L, (long) r.prefixBlocks().length * template.prefixUnitTokens()) : 0;
            long memoKey = ((long) r.promptTokens() << 32) | cachedMax;
            double[] pd = memo.get(memoKey);
            if (pd == null) {
                double prefill = 0;
                int done = Math.max(0, cachedMax);
                int prompt = Math.max(1, r.promptTokens());
                while (done < prompt) {
                    int chunk = Math.min(budget, prompt - done);
                    b.clear();
                    b.addPrefill(done, chunk, done + chunk >= prompt);
                    b.groupTokens = others == 0 ? 0 : chunk + others;
                    prefill += st.evaluate(b);
                    done += chunk;
                }
                b.clear();
                b.addDecode(prompt);
                b.groupTokens = others == 0 ? 0 : 1 + others;
                pd = new double[] {prefill, st.evaluate(b)};
                memo.put(memoKey, pd);
            }
            ttft[i] = frontS + pd[0];
            tpot[i] = r.outputTokens() > 1 ? pd[1] : Double.NaN;
            e2e[i] = frontS + pd[0] + Math.max(0, r.outputTokens() - 1) * pd[1];
        }
        return new double[][] {ttft, tpot, e2e};
    }

    @Override public PlanOutcome evaluate(Candidate c, Workload w) {
        ServingConfig cfg = config(c);
        ServingResult res = ServingSimulator.run(cfg, w.requests());
        RequestLog log = res.requestLog();
        int n = log.size();
        double[] ttft = new double[n], tpot = new double[n], e2e = new double[n];
        long out = 0;
        for (int i = 0; i < n; i++) {
            if (log.rejectReason()[i] != null || !log.completed(i)) {
                ttft[i] = tpot[i] = e2e[i] = Double.POSITIVE_INFINITY;
                continue;
            }
            ttft[i] = log.ttftS(i);
            tpot[i] = log.tpotS(i);
            e2e[i] = log.e2eS(i);
            out += Math.max(1, log.outputTokens()[i]);
        }
        Figures f = new Figures(ttft, tpot, e2e, res.makespanS(), res.energyJ(), res.costUsd(), out, res.rejected());
        Gpu g = cfg.cluster().gpu();
        double idle = g.idleW() * c.gpus() * res.makespanS();
        double util = res.makespanS() > 0 ? Math.max(0, Math.min(1, (res.energyJ() - idle) / ((g.tdpW() - g.idleW()) * c.gpus() * res.makespanS()))) : 0;
        Stats itl = new Stats(res.itlMs().mean() / 1e3, res.itlMs().p50() / 1e3, res.itlMs().p90() / 1e3, res.itlMs().p95() / 1e3,
                res.itlMs().p99() / 1e3, (int) res.itlMs().count());
        return new PlanOutcome(c, f, stepBreakdown(c, w), res.memory().weightsGibPerGpu(), res.memory().kvCapacityTokens(), util, itl,
                (int) res.preemptions(), res.simWallS());
    }

    /**
     * Where the time of two representative steps goes, per op type: prefill of the workload's mean prompt (in
     * budget-sized chunks), and a decode step of a full batch (max_num_seqs) at the mean context. Keys
     * {@code prefill.OP} and {@code decode.OP}, seconds.
     */
    private Map<String, Double> stepBreakdown(Candidate c, Workload w) {
        StepTimeModel st = stepModel(c);
        long prompt = 0, outTok = 0;
        for (LlmRequest r : w.requests()) { prompt += r.promptTokens(); outTok += r.outputTokens(); }
        int meanPrompt = (int) Math.max(1, prompt / w.size());
        int meanCtx = (int) Math.max(1, meanPrompt + outTok / w.size() / 2);
        BatchShape b = new BatchShape();
        b.addPrefill(0, Math.min(meanPrompt, c.maxBatchedTokens()), true);
        double[] pre = st.breakdown(b);
        b.clear();
        for (int i = 0; i < c.maxNumSeqs(); i++) b.addDecode(meanCtx);
        double[] dec = st.breakdown(b);
        Map<String, Double> m = new LinkedHashMap<>();
        for (OpType o : OpType.values()) {
            String k = o.name().toLowerCase(Locale.ROOT);
            m.put("prefill." + k, pre[o.ordinal()]);
            m.put("decode." + k, dec[o.ordinal()]);
        }
        return m;
    }
}
