package dev.thaw.bench.search;

import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.Precision;
import dev.thaw.simulate.llm.Slo;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.simulate.llm.model.ModelSpec;
import dev.thaw.simulate.llm.trace.LlmTraceReader;
import dev.thaw.simulate.search.Baseline;
import dev.thaw.simulate.search.Baselines;
import dev.thaw.simulate.search.ClusterChoice;
import dev.thaw.simulate.search.Objective;
import dev.thaw.simulate.search.Objectives;
import dev.thaw.simulate.search.PlanSearch;
import dev.thaw.simulate.search.PlanSpace;
import dev.thaw.simulate.search.SearchOptions;
import dev.thaw.simulate.search.SearchResult;
import dev.thaw.simulate.search.ServingPlanEvaluator;
import dev.thaw.simulate.search.Workload;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Wall time of whole plan searches (issue 6, acceptance 2). Build with {@code mvn -o -q -Pbench -pl bench -am
 * package -DskipTests}, then from the repository root:
 * {@code java -cp 'bench/target/thaw-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' dev.thaw.bench.search.PlanSearchBench [REPO] [OBJECTIVE] [noprune]}.
 * Each search covers the default plan space of {@code thaw search} (every dp x tp x pp (x ep for MoE) layout of the
 * cluster x BF16/FP8 weights x BF16/FP8 KV x max_num_seqs {64, 256} x token budget {2048, 8192} x round-robin /
 * least-outstanding routing, vLLM v1 profile), evaluates the three baselines first, and starts from a fresh
 * evaluator (no step-time or memory cache carried over). Wall time covers baselines, enumeration, bounds and
 * simulations. Threads: all cores the JVM sees (run under {@code taskset -c 0,1} for the 2-core figure).
 */
public final class PlanSearchBench {
    public static void main(String[] args) {
        Path repo = Path.of(args.length > 0 ? args[0] : ".");
        String objective = args.length > 1 ? args[1] : "ttft-mean";
        boolean prune = !(args.length > 2 && args[2].equals("noprune"));
        Path apex = repo.resolve("datasets/llm-traces/apex/llama");
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "threads %d, objective %s, pruning %s%n", threads, objective, prune ? "on" : "off");
        // JIT warm-up on a small case so the first timed search is not mostly compilation.
        run("Llama-3.1-8B", 8, 1, trace(apex, "lmsys_05"), objective, threads, prune, false);
        for (String t : List.of("lmsys_05", "creation_05", "summarization_05"))
            run("Llama-3.1-70B", 8, 1, trace(apex, t), objective, threads, prune, true);
        run("Llama-3.1-405B", 8, 2, trace(apex, "lmsys_05"), objective, threads, prune, true);
        run("DeepSeek-V3", 8, 8, trace(apex, "lmsys_05"), objective, threads, prune, true);
    }

    static Workload trace(Path dir, String name) {
        return new Workload(name, LlmTraceReader.read(dir.resolve(name + ".csv")));
    }

    static void run(String modelId, int perNode, int nodes, Workload w, String objective, int threads, boolean prune, boolean print) {
        long t0 = System.nanoTime();
        ModelSpec m = ModelCatalog.resolve(modelId);
        ClusterChoice cl = new ClusterChoice("H100-SXM-80GB", perNode, nodes);
        ServingPlanEvaluator ev = ServingPlanEvaluator.of(m, HardwareCatalog.bundled(), cl, Slo.DEFAULT);
        PlanSearch s = new PlanSearch(ev, SearchOptions.defaults().withThreads(threads).withPruning(prune));
        EngineProfile v1 = EngineProfile.vllmV1();
        List<Baseline> base = s.evaluateBaselines(Baselines.plans(ev, cl,
                new Baselines.Knobs(Precision.BF16, Precision.BF16, "vllm-v1", v1.maxNumSeqs(), v1.maxBatchedTokens(), "round-robin")), w);
        Objective o = Objectives.parse(objective, Slo.DEFAULT);
        SearchResult r = s.search(PlanSpace.standard(List.of(cl), "vllm-v1"), w, List.of(o), base);
        double wall = (System.nanoTime() - t0) / 1e9;
        if (!print) return;
        System.out.printf(Locale.ROOT, "%-15s %dx%d H100  %-17s enumerated %5d  pruned %5d  simulated %4d  failed %d  wall %6.2f s%n",
                modelId, nodes, perNode, w.name(), r.enumerated(), r.pruned(), r.simulated(), r.failures().size(), wall);
        System.out.printf(Locale.ROOT, "    pruned by rule %s%n", r.removedByRule());
        System.out.printf(Locale.ROOT, "    best %s: %s = %.4g %s%n", r.best() == null ? "-" : r.best().candidate().label(), o.name(),
                r.best() == null ? Double.NaN : o.value(r.best().figures()), o.unit());
        for (Baseline b : base)
            System.out.printf(Locale.ROOT, "    baseline %-10s %s%n", b.name(), b.feasible() ? b.candidate().plan() + " " + o.name() + " = "
                    + String.format(Locale.ROOT, "%.4g", o.value(b.outcome().figures())) : "infeasible: " + b.reason());
    }
}
