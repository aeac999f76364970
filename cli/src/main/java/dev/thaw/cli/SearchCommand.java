package dev.thaw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.Precision;
import dev.thaw.simulate.llm.Slo;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.simulate.llm.model.ModelSpec;
import dev.thaw.simulate.llm.trace.LlmTraceReader;
import dev.thaw.simulate.llm.trace.SyntheticWorkload;
import dev.thaw.simulate.search.Baseline;
import dev.thaw.simulate.search.Baselines;
import dev.thaw.simulate.search.CachedEvaluator;
import dev.thaw.simulate.search.ClusterChoice;
import dev.thaw.simulate.search.Gain;
import dev.thaw.simulate.search.MaxSustainableRate;
import dev.thaw.simulate.search.Objective;
import dev.thaw.simulate.search.Objectives;
import dev.thaw.simulate.search.ParetoFront;
import dev.thaw.simulate.search.PlanEvaluator;
import dev.thaw.simulate.search.PlanOutcome;
import dev.thaw.simulate.search.PlanSearch;
import dev.thaw.simulate.search.PlanSpace;
import dev.thaw.simulate.search.RankingTable;
import dev.thaw.simulate.search.SearchJson;
import dev.thaw.simulate.search.SearchOptions;
import dev.thaw.simulate.search.SearchResult;
import dev.thaw.simulate.search.ServingPlanEvaluator;
import dev.thaw.simulate.search.Stats;
import dev.thaw.simulate.search.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Search parallel execution plans (dp x tp x pp x ep, quantization, engine knobs, router) under a workload.")
public final class SearchCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Catalog model id (e.g. Llama-3.1-70B) or a path to a Hugging Face config.json.")
    String model;
    @Option(names = "--gpu", required = true, description = "GPU catalog id (e.g. H100-SXM-80GB).")
    String gpu;
    @Option(names = "--gpus", required = true, description = "Number of GPUs (every plan uses all of them).")
    int gpus;
    @Option(names = "--nodes", defaultValue = "1", description = "Nodes the GPUs are spread over (default ${DEFAULT-VALUE}).")
    int nodes;
    @Option(names = "--also", split = ";", paramLabel = "GPU:COUNT[:NODES]",
            description = "Further hardware choices searched too, e.g. H200-SXM-141GB:4 (device type and count become part of the search).")
    List<String> also = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--trace", description = "LLM trace: APEX, Azure 2023, Vidur CSV or Mooncake JSONL.") Path trace;
        @Option(names = "--workload", description = "Synthetic: poisson:rate=R,(n=N|duration=S),prompt=P[-Q],output=O[-Q].") String workload;
    }

    @Option(names = "--format", description = "Trace format: apex, azure-llm, vidur, mooncake (detected when omitted).") String format;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the synthetic workload (default ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--rate-scale", defaultValue = "1", description = "Replay the workload this many times faster (default ${DEFAULT-VALUE}).") double rateScale;
    @Option(names = "--objective", defaultValue = "ttft-mean",
            description = "ttft-mean|ttft-p99|tpot-mean|tpot-p99|e2e-p99|throughput|goodput|energy|cost (also -p50/-p90/-p95 and e2e-mean), "
                    + "or mix:NAME=W,... (each term relative to the first baseline). Default ${DEFAULT-VALUE}.")
    String objective;
    @Option(names = "--pareto", paramLabel = "OBJECTIVE", description = "Also report the Pareto front of --objective and this objective.") String pareto;
    @Option(names = "--slo-ttft-ms", defaultValue = "2000", description = "TTFT SLO for goodput and --max-rate (default ${DEFAULT-VALUE}).") double sloTtftMs;
    @Option(names = "--slo-tpot-ms", defaultValue = "100", description = "TPOT SLO for goodput and --max-rate (default ${DEFAULT-VALUE}).") double sloTpotMs;
    @Option(names = {"--engine", "--engine-profile"}, defaultValue = "vllm-v1", description = "vllm-v0, vllm-v1, sarathi, or an engine profile JSON written by thaw calibrate (its overheads; default ${DEFAULT-VALUE}).") String engine;
    @Option(names = "--weights", split = ",", defaultValue = "bf16,fp8", description = "Weight formats to try (default ${DEFAULT-VALUE}).") List<String> weights;
    @Option(names = "--kv", split = ",", defaultValue = "bf16,fp8", description = "KV cache formats to try (default ${DEFAULT-VALUE}).") List<String> kv;
    @Option(names = "--max-num-seqs", split = ",", defaultValue = "64,256", description = "max_num_seqs values to try (default ${DEFAULT-VALUE}).") List<Integer> maxNumSeqs;
    @Option(names = "--max-batched-tokens", split = ",", defaultValue = "2048,8192", description = "Token budgets / chunk sizes to try (default ${DEFAULT-VALUE}).") List<Integer> maxBatchedTokens;
    @Option(names = "--routers", split = ",", defaultValue = "round-robin,least-outstanding", description = "Routers to try when dp > 1 (default ${DEFAULT-VALUE}).") List<String> routers;
    @Option(names = "--tp-across-nodes", description = "Allow tensor parallelism over InfiniBand (off: TP stays inside a node).") boolean tpAcrossNodes;
    @Option(names = "--no-uneven-pipeline", description = "Only pipeline degrees that divide the layer count.") boolean noUneven;
    @Option(names = "--disaggregation", description = "Also try disaggregated prefill/decode: 1 .. dp-1 of the replicas only prefill.") boolean disaggregation;
    @Option(names = "--no-prune", description = "Simulate every legal plan (no bound pruning, no KV heuristic).") boolean noPrune;
    @Option(names = "--threads", description = "Simulation threads (default: available cores). Results do not depend on it.") Integer threads;
    @Option(names = "--top", defaultValue = "10", description = "Plans listed in the ranking (default ${DEFAULT-VALUE}).") int top;
    @Option(names = "--max-rate", description = "Also find the maximum sustainable request rate (SLO attainment >= --attainment) of the best plan(s) and each baseline.") boolean maxRate;
    @Option(names = "--max-rate-top", defaultValue = "1", description = "With --max-rate: how many ranked plans to bisect (default ${DEFAULT-VALUE}).") int maxRateTop;
    @Option(names = "--attainment", defaultValue = "0.9", description = "Share of requests that must meet both SLOs for --max-rate (default ${DEFAULT-VALUE}).") double attainment;
    @Option(names = "--hardware-catalog", description = "JSON file of extra or overriding GPUs (layout of the bundled gpus.json).") Path hardwareCatalog;
    @Option(names = "--autoscale", description = "Serverless-style search: rank (replica plan, keep-alive policy, min/max replicas) by goodput per dollar, replicas scaling out and in with demand and paying cold starts (weight loading).") boolean autoscale;
    @Option(names = "--replica-concurrency", defaultValue = "64", description = "With --autoscale: requests one replica serves before another starts (default ${DEFAULT-VALUE}).") int replicaConcurrency;
    @Option(names = "--perf-db", paramLabel = "DIR|none", description = "Measured kernel times for every GPU searched: an AIConfigurator or Vidur layout folder, or none for the fitted roofline curves (default: each GPU's bundled database where there is one).")
    String perfDb;
    @Option(names = {"-o", "--output"}, description = "Write the result: NAME.json the JSON object; otherwise the ranking table as CSV (.csv), Arrow IPC (.arrow) or Parquet.") Path output;
    @Option(names = "--json", description = "Print one JSON object on stdout.") boolean json;
    @Option(names = "--spark", paramLabel = "MASTER", description = "Simulate the candidate plans as Spark tasks: local[N], spark://host:port, yarn, k8s://... "
            + "(thaw-spark module; the same ranking; trace paths must be readable by every executor). With --autoscale, the configurations "
            + "of one replica plan are a task.") String spark;
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

    /** What simulating a plan needs, built from the options alone: a cluster's executors rebuild it from the same arguments. */
    record Setup(HardwareCatalog catalog, ModelSpec spec, Slo slo, List<ClusterChoice> clusters, Workload workload,
                 dev.thaw.simulate.llm.perf.db.PerfDbSource kernels) {
        ServingPlanEvaluator serving() { return ServingPlanEvaluator.of(spec, catalog, clusters.get(0), slo, kernels); }
    }

    Setup setup() {
        HardwareCatalog catalog = hardwareCatalog != null ? HardwareCatalog.withUserFile(hardwareCatalog) : HardwareCatalog.bundled();
        ModelSpec spec = ModelCatalog.resolve(model);
        Slo slo = new Slo(sloTtftMs, sloTpotMs);
        List<ClusterChoice> clusters = new ArrayList<>();
        clusters.add(new ClusterChoice(catalog.get(gpu).id(), gpus / nodes, nodes));
        for (String a : also) clusters.add(parseChoice(a, catalog));
        Workload w = new Workload(source.trace != null ? String.valueOf(source.trace.getFileName()) : source.workload,
                source.trace != null ? LlmTraceReader.read(source.trace, format) : SyntheticWorkload.parse(source.workload, seed));
        if (w.size() == 0) throw new dev.thaw.ingest.BadInputException(String.valueOf(source.trace != null ? source.trace : "--workload " + source.workload), 0, null, null,
                "holds no requests (a header but no rows?): nothing to search over");
        if (rateScale != 1) w = w.rateScaled(rateScale);
        return new Setup(catalog, spec, slo, List.copyOf(clusters), w, SimulateCommand.perfDbSource(perfDb));
    }

    /**
     * One plan simulated on an executor: the command's arguments are parsed there again and the evaluator and
     * workload rebuilt (once per executor JVM), so nothing but the arguments, the candidate and the outcome travels.
     */
    record RemoteSimulation(List<String> args) implements ScaleOut.Remote<dev.thaw.simulate.search.Candidate, Object> {
        private static final Map<List<String>, PlanEvaluatorAndWorkload> BUILT = new java.util.concurrent.ConcurrentHashMap<>();

        record PlanEvaluatorAndWorkload(PlanEvaluator ev, Workload w) {}

        @Override public Object apply(dev.thaw.simulate.search.Candidate c) {
            PlanEvaluatorAndWorkload s = BUILT.computeIfAbsent(args, a -> {
                picocli.CommandLine.ParseResult pr = ThawCommand.commandLine().parseArgs(a.toArray(String[]::new));
                Setup setup = ((SearchCommand) pr.subcommand().commandSpec().userObject()).setup();
                return new PlanEvaluatorAndWorkload(new CachedEvaluator(setup.serving()), setup.workload());
            });
            try {
                return s.ev().evaluate(c, s.w());
            } catch (RuntimeException e) {
                return c.label() + ": " + e.getMessage();
            }
        }
    }

    /**
     * The configurations of one replica plan simulated on an executor (one replica server shared by them): like
     * {@link RemoteSimulation}, the executor rebuilds the demand and the serving setup from the arguments.
     */
    record RemoteAutoscale(List<String> args)
            implements ScaleOut.Remote<ArrayList<dev.thaw.simulate.autoscale.AutoscaleSearch.Candidate>, ArrayList<dev.thaw.simulate.autoscale.AutoscaleSearch.Evaluated>> {
        private static final Map<List<String>, Built> BUILT = new java.util.concurrent.ConcurrentHashMap<>();

        record Built(dev.thaw.simulate.llm.ServingConfig base, Workload w, int concurrency) {}

        @Override public ArrayList<dev.thaw.simulate.autoscale.AutoscaleSearch.Evaluated> apply(ArrayList<dev.thaw.simulate.autoscale.AutoscaleSearch.Candidate> group) {
            Built b = BUILT.computeIfAbsent(args, a -> {
                picocli.CommandLine.ParseResult pr = ThawCommand.commandLine().parseArgs(a.toArray(String[]::new));
                SearchCommand cmd = (SearchCommand) pr.subcommand().commandSpec().userObject();
                Setup setup = cmd.setup();
                return new Built(cmd.autoscaleBase(setup), setup.workload(), cmd.replicaConcurrency);
            });
            return new ArrayList<>(dev.thaw.simulate.autoscale.AutoscaleSearch.evaluate(b.base(), group, b.w().requests(),
                    dev.thaw.simulate.autoscale.ReplicaColdStart.defaults(), b.concurrency()));
        }
    }

    /** Model, GPU, engine, SLO and kernels of the autoscaling search; its plan and cluster are replaced per candidate. */
    dev.thaw.simulate.llm.ServingConfig autoscaleBase(Setup setup) {
        var cluster = dev.thaw.simulate.llm.hardware.Cluster.of(setup.catalog().get(gpu), gpus, nodes);
        return dev.thaw.simulate.llm.ServingConfig.of(setup.spec(), cluster, new dev.thaw.simulate.llm.ParallelPlan(1, 1, 1))
                .withEngine(EngineProfile.named(engine)).withSlo(setup.slo()).withPerfDb(setup.kernels());
    }

    /** The cluster for --spark, its jobs and tasks shown on the progress display the local commands use (stderr). */
    private ScaleOut connect(ProgressDisplay bar) {
        return spark == null ? null : ScaleOut.provider().connect(spark, bar::stepTo);
    }

    private List<String> originalArgs() { return List.copyOf(commandSpec.root().commandLine().getParseResult().originalArgs()); }

    @Override public Integer call() throws Exception {
        Checks.range("--gpus", gpus, 1, SimulateCommand.MAX_GPUS, "a cluster of at most " + SimulateCommand.MAX_GPUS + " GPUs");
        Checks.range("--nodes", nodes, 1, gpus, "at least one GPU per node");
        Checks.rangeOrNull("--threads", threads, 1, 1024, null);
        Checks.range("--top", top, 1, 1_000_000, null);
        Checks.range("--rate-scale", rateScale, 1e-9, 1e6, null);
        Checks.positive("--slo-ttft-ms", sloTtftMs);
        Checks.positive("--slo-tpot-ms", sloTpotMs);
        Checks.range("--replica-concurrency", replicaConcurrency, 1, 1 << 20, null);
        for (Integer v : maxNumSeqs) Checks.range("--max-num-seqs", v, 1, 1 << 20, null);
        for (Integer v : maxBatchedTokens) Checks.range("--max-batched-tokens", v, 1, 1 << 26, null);
        if (output != null) OutputGuard.file(output, java.util.Arrays.asList(source.trace, hardwareCatalog));
        if (gpus < 1 || nodes < 1 || gpus % nodes != 0) throw new IllegalArgumentException(gpus + " GPUs cannot be split evenly over " + nodes + " nodes");
        if (top < 1) throw new IllegalArgumentException("--top must be at least 1");
        if (maxRateTop < 1) throw new IllegalArgumentException("--max-rate-top must be at least 1");
        if (!(attainment > 0 && attainment <= 1)) throw new IllegalArgumentException("--attainment must be in (0, 1]");
        if (!(rateScale > 0)) throw new IllegalArgumentException("--rate-scale must be positive");
        Setup setup = setup();
        HardwareCatalog catalog = setup.catalog();
        ModelSpec spec = setup.spec();
        Slo slo = setup.slo();
        EngineProfile.named(engine);  // validates the name
        if (!Objectives.isMix(objective)) Objectives.parse(objective, slo);  // fail on a bad name before simulating
        if (pareto != null) Objectives.parse(pareto, slo);
        List<ClusterChoice> clusters = setup.clusters();
        PlanSpace space = new PlanSpace(clusters, weights.stream().map(Precision::parse).toList(), kv.stream().map(Precision::parse).toList(),
                List.of(engine), maxNumSeqs, maxBatchedTokens, routers.stream().map(r -> { dev.thaw.simulate.llm.RouterPolicy.parse(r); return r; }).toList(),
                !tpAcrossNodes, !noUneven, disaggregation);
        Workload w = setup.workload();

        var kernels = setup.kernels();
        if (autoscale) {
            try (ProgressDisplay bar = new ProgressDisplay("search --autoscale", -1, "plans", spark == null); ScaleOut cluster = connect(bar)) {
                return autoscaleSearch(setup, cluster);
            }
        }

        ServingPlanEvaluator serving = setup.serving();
        PlanEvaluator ev = new CachedEvaluator(serving);
        SearchOptions opts = SearchOptions.defaults().withPruning(!noPrune).withPareto(pareto != null);
        if (threads != null) opts = opts.withThreads(threads);
        try (ProgressDisplay bar = new ProgressDisplay("search", -1, "plans", spark == null); ScaleOut cluster = connect(bar)) {
            return search(setup, serving, ev, opts, space, w, cluster);
        }
    }

    private int search(Setup setup, ServingPlanEvaluator serving, PlanEvaluator ev, SearchOptions opts, PlanSpace space, Workload w,
                       ScaleOut cluster) throws Exception {
        ModelSpec spec = setup.spec();
        Slo slo = setup.slo();
        List<ClusterChoice> clusters = setup.clusters();
        PlanSearch search = new PlanSearch(ev, opts);
        if (cluster != null) {
            RemoteSimulation remote = new RemoteSimulation(originalArgs());
            search.evaluatingWith(candidates -> cluster.map(candidates, remote));
        }
        System.err.printf(Locale.ROOT, "thaw search: %s on %s, %d requests at %.3g req/s, objective %s%n", spec.name(), clusters, w.size(), w.ratePerS(), objective);
        EngineProfile def = EngineProfile.named(engine);
        List<Baseline> baselines = search.evaluateBaselines(Baselines.plans(ev, clusters.get(0),
                new Baselines.Knobs(Precision.BF16, Precision.BF16, engine, def.maxNumSeqs(), def.maxBatchedTokens(), "round-robin")), w);
        Objective primary;
        if (Objectives.isMix(objective)) {
            Baseline ref = baselines.stream().filter(Baseline::feasible).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("a mix objective needs a feasible baseline as its reference; none fits"));
            primary = Objectives.mix(objective, slo, ref.outcome().figures());
        } else {
            primary = Objectives.parse(objective, slo);
        }
        List<Objective> objectives = new ArrayList<>(List.of(primary));
        if (pareto != null) objectives.add(Objectives.parse(pareto, slo));
        SearchResult r = search.search(space, w, objectives, baselines);
        List<PlanOutcome> front = pareto != null ? ParetoFront.of(r.ranking(), objectives.get(0), objectives.get(1)) : null;
        Map<String, Object> out = SearchJson.of(r, slo, top, front);
        out.put("perf_db", String.join("; ", clusters.stream().map(c -> clusters.size() > 1 ? c.gpu() + ": " + serving.perfDb(c) : serving.perfDb(c)).distinct().toList()));
        out.put("engine_profile", engine);
        if (maxRate && r.best() != null) out.put("max_rate", maxRates(ev, r, w, slo));
        Object clean = finite(out);

        if (output != null) write(output, r, clean, primary, slo);
        if (json) {
            System.out.println(new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).writeValueAsString(clean));
        } else {
            printText(r, primary, front, slo);
            if (maxRate && out.get("max_rate") instanceof Map<?, ?> mr) {
                if (mr.get("ranking") instanceof List<?> l) for (int i = 0; i < l.size(); i++) printRate("rank " + (i + 1), l.get(i));
                if (mr.get("baselines") instanceof Map<?, ?> b) b.forEach((k, v) -> printRate(String.valueOf(k), v));
            }
        }
        return r.best() == null ? ThawCommand.FAILED : ThawCommand.OK;
    }

    /**
     * Serverless LLM serving: every replica layout that fits (tp x pp within a node) x keep-alive policy x scale to
     * zero or one warm replica, up to as many replicas as the cluster holds, ranked by goodput per dollar.
     */
    private int autoscaleSearch(Setup setup, ScaleOut scaleOut) {
        ModelSpec spec = setup.spec();
        Workload w = setup.workload();
        var gpuSpec = setup.catalog().get(gpu);
        var base = autoscaleBase(setup);
        List<dev.thaw.simulate.llm.ParallelPlan> plans = new ArrayList<>();
        for (int tp = 1; tp <= gpus / nodes; tp *= 2) plans.add(new dev.thaw.simulate.llm.ParallelPlan(1, tp, 1));
        List<dev.thaw.simulate.autoscale.AutoscaleSearch.Candidate> candidates = new ArrayList<>();
        for (var p : plans)
            candidates.addAll(dev.thaw.simulate.autoscale.AutoscaleSearch.defaultCandidates(List.of(p), Math.max(1, gpus / p.tp())));
        System.err.printf(Locale.ROOT, "thaw search --autoscale: %s on %d x %s, %d requests, %d configurations%n", spec.name(), gpus, gpuSpec.id(), w.size(), candidates.size());
        var outcome = scaleOut == null
                ? dev.thaw.simulate.autoscale.AutoscaleSearch.run(base, candidates, w.requests(), dev.thaw.simulate.autoscale.ReplicaColdStart.defaults(), replicaConcurrency)
                : autoscaleOnCluster(scaleOut, candidates);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("command", "search");
        out.put("autoscale", true);
        out.put("plans_enumerated", candidates.size());
        out.put("plans_pruned", outcome.skipped().size());
        out.put("plans_simulated", outcome.ranking().size());
        List<Object> ranking = new ArrayList<>();
        for (var r : outcome.ranking()) ranking.add(r.toJsonMap());
        if (!ranking.isEmpty()) {
            // the chosen configuration over time, for the report: replicas up, requests waiting, cold starts
            @SuppressWarnings("unchecked") Map<String, Object> best = new LinkedHashMap<>((Map<String, Object>) ranking.get(0));
            best.put("timeline", dev.thaw.simulate.autoscale.ScalingTimeline.of(outcome.ranking().get(0).result().detail(), 400).toJsonMap());
            out.put("best", best);
        } else {
            out.put("best", null);
        }
        // every configuration on the two objectives the report plots (the ranking lists only the top ones)
        List<Object> configurations = new ArrayList<>();
        for (var r : outcome.ranking()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("config", r.result().label());
            c.put("plan", r.candidate().plan().toString());
            c.put("goodput_per_dollar", r.result().goodputPerDollar());
            c.put("ttft_p99_s", r.result().ttftS().p99());
            c.put("replica_cold_starts", r.result().replicaStarts());
            configurations.add(c);
        }
        out.put("configurations", configurations);
        out.put("ranking", ranking.subList(0, Math.min(top, ranking.size())));
        out.put("pareto_front", outcome.ranking().stream().filter(dev.thaw.simulate.autoscale.AutoscaleSearch.Ranked::pareto).map(dev.thaw.simulate.autoscale.AutoscaleSearch.Ranked::toJsonMap).toList());
        out.put("skipped", outcome.skipped());
        out.put("baselines", Map.of());
        out.put("search_wall_s", outcome.wallS());
        out.put("perf_db", dev.thaw.simulate.llm.ServingSimulator.stepTimeModel(base).perfDb());
        out.put("engine_profile", engine);
        Object clean = finite(out);
        if (json) {
            JsonOut.print(clean);
        } else {
            System.out.printf(Locale.ROOT, "%-4s %-22s %-10s %4s %4s %14s%n", "rank", "replica plan", "keep-alive", "min", "max", "goodput/$");
            int i = 1;
            for (var r : outcome.ranking().subList(0, Math.min(top, outcome.ranking().size()))) {
                var c = r.candidate();
                System.out.printf(Locale.ROOT, "%-4d %-22s %-10s %4d %4d %14.4g%s%n", i++, c.plan(), c.keepAlive(), c.minReplicas(), c.maxReplicas(),
                        r.result().goodputPerDollar(), r.pareto() ? "  (Pareto: attainment vs cost)" : "");
            }
            System.out.printf(Locale.ROOT, "%d configurations in %.1f s%n", candidates.size(), outcome.wallS());
        }
        return outcome.ranking().isEmpty() ? ThawCommand.FAILED : ThawCommand.OK;
    }

    /** The candidates of each replica plan as one task; the ranking is made on the driver, as locally. */
    private dev.thaw.simulate.autoscale.AutoscaleSearch.Outcome autoscaleOnCluster(ScaleOut scaleOut, List<dev.thaw.simulate.autoscale.AutoscaleSearch.Candidate> candidates) {
        long t0 = System.nanoTime();
        List<ArrayList<dev.thaw.simulate.autoscale.AutoscaleSearch.Candidate>> groups = new ArrayList<>();
        for (var g : dev.thaw.simulate.autoscale.AutoscaleSearch.byPlan(candidates)) groups.add(new ArrayList<>(g));
        List<dev.thaw.simulate.autoscale.AutoscaleSearch.Evaluated> evaluated = new ArrayList<>();
        for (var part : scaleOut.map(groups, new RemoteAutoscale(originalArgs()))) evaluated.addAll(part);
        return dev.thaw.simulate.autoscale.AutoscaleSearch.rank(evaluated, t0);
    }

    /** Max sustainable rate of the first {@code --max-rate-top} ranked plans and of each feasible baseline. */
    private Map<String, Object> maxRates(PlanEvaluator ev, SearchResult r, Workload w, Slo slo) {
        List<Object> ranked = new ArrayList<>();
        for (PlanOutcome p : r.ranking().subList(0, Math.min(maxRateTop, r.ranking().size())))
            ranked.add(maxRate(ev, p.candidate(), w, slo));
        Map<String, Object> base = new LinkedHashMap<>();
        for (Baseline b : r.baselines()) if (b.feasible()) base.put(b.name(), maxRate(ev, b.candidate(), w, slo));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attainment", attainment);
        m.put("ranking", ranked);
        m.put("baselines", base);
        return m;
    }

    private Map<String, Object> maxRate(PlanEvaluator ev, dev.thaw.simulate.search.Candidate c, Workload w, Slo slo) {
        MaxSustainableRate.Result x = MaxSustainableRate.find(ev, c, w, slo, attainment, 6);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("plan", c.plan());
        v.put("label", c.label());
        v.put("req_per_s", x.requestsPerS());
        v.put("rate_scale", x.rateScale());
        v.put("bracketed", x.bracketed());
        v.put("simulations", x.simulations());
        return v;
    }

    private static void printRate(String who, Object v) {
        if (v instanceof Map<?, ?> m)
            System.out.printf(Locale.ROOT, "max sustainable rate %-12s %8.2f req/s  %s%n", who, (Double) m.get("req_per_s"), m.get("label"));
    }

    static ClusterChoice parseChoice(String s, HardwareCatalog catalog) {
        String[] p = s.split(":");
        if (p.length < 2 || p.length > 3) throw new IllegalArgumentException("--also '" + s + "': expected GPU:COUNT[:NODES]");
        try {
            int count = Integer.parseInt(p[1].trim()), n = p.length == 3 ? Integer.parseInt(p[2].trim()) : 1;
            if (count < 1 || n < 1 || count % n != 0) throw new IllegalArgumentException("--also '" + s + "': " + count + " GPUs cannot be split evenly over " + n + " nodes");
            return new ClusterChoice(catalog.get(p[0].trim()).id(), count / n, n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--also '" + s + "': COUNT and NODES must be integers");
        }
    }

    private void printText(SearchResult r, Objective o, List<PlanOutcome> front, Slo slo) {
        System.out.printf(Locale.ROOT, "plans enumerated %d, pruned %d %s, simulated %d, %.2f s%n", r.enumerated(), r.pruned(), r.removedByRule(), r.simulated(), r.wallS());
        System.out.printf(Locale.ROOT, "%-10s  %-72s %14s %10s %10s %12s %8s%n", "rank", "plan", o.name() + " (" + o.unit() + ")", "TTFT ms", "TPOT ms", "tok/s", "rejected");
        int i = 0;
        for (PlanOutcome p : r.ranking()) {
            if (i++ >= top) break;
            row(String.valueOf(i), p, o);
        }
        for (Baseline b : r.baselines()) {
            if (b.feasible()) row(b.name(), b.outcome(), o);
            else System.out.printf(Locale.ROOT, "%-10s infeasible: %s%n", b.name(), b.reason());
        }
        for (Gain g : r.gains(o))
            System.out.printf(Locale.ROOT, "gain over %-10s %+.1f%% (%s %.4g vs %.4g %s)%n", g.baseline(), 100 * g.relative(), o.name(), g.bestValue(), g.baselineValue(), o.unit());
        if (front != null) {
            System.out.println("Pareto front:");
            for (PlanOutcome p : front) row("*", p, o);
        }
        if (!r.failures().isEmpty()) System.err.println("thaw search: " + r.failures().size() + " plans failed to simulate, first: " + r.failures().get(0));
    }

    private static void row(String rank, PlanOutcome p, Objective o) {
        Stats ttft = Stats.of(p.figures().ttftS()), tpot = Stats.of(p.figures().tpotS());
        System.out.printf(Locale.ROOT, "%-10s  %-72s %14.4g %10.2f %10.3f %12.1f %8d%n", rank, p.candidate().label(), o.value(p.figures()),
                ttft.mean() * 1e3, tpot.mean() * 1e3, p.figures().outputTokensPerS(), p.figures().rejected());
    }

    /** {@code .json}: the JSON object; {@code .csv}, {@code .arrow}, anything else (Parquet): the ranking table. */
    private static void write(Path out, SearchResult r, Object json, Objective o, Slo slo) throws Exception {
        if (!out.toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            RankingTable.write(r.ranking(), o, slo, out);
            return;
        }
        Path abs = out.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = dev.thaw.ingest.write.TempFiles.register(Files.createTempFile(abs.getParent(), ".search", ".tmp"));
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), json);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
            dev.thaw.ingest.write.TempFiles.release(tmp);
        }
    }

    /** JSON has no NaN or infinity: such numbers become null. */
    static Object finite(Object o) {
        if (o instanceof Double d) return Double.isFinite(d) ? d : null;
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            m.forEach((k, v) -> c.put(String.valueOf(k), finite(v)));
            return c;
        }
        if (o instanceof List<?> l) return l.stream().map(SearchCommand::finite).toList();
        return o;
    }
}
