package dev.thaw.bench.search;

import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.Precision;
import dev.thaw.simulate.llm.Slo;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.simulate.search.Baseline;
import dev.thaw.simulate.search.Baselines;
import dev.thaw.simulate.search.CachedEvaluator;
import dev.thaw.simulate.search.ClusterChoice;
import dev.thaw.simulate.search.Gain;
import dev.thaw.simulate.search.Objective;
import dev.thaw.simulate.search.Objectives;
import dev.thaw.simulate.search.PlanEvaluator;
import dev.thaw.simulate.search.PlanOutcome;
import dev.thaw.simulate.search.PlanSearch;
import dev.thaw.simulate.search.PlanSpace;
import dev.thaw.simulate.search.SearchOptions;
import dev.thaw.simulate.search.SearchResult;
import dev.thaw.simulate.search.ServingPlanEvaluator;
import dev.thaw.simulate.search.Stats;
import dev.thaw.simulate.search.Workload;
import dev.thaw.simulate.llm.trace.LlmTraceReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The closing-note table of issue 6 (acceptance 3): Llama-3.1-70B on one node of 8 x H100-SXM-80GB, each bundled
 * APEX trace at 0.5 req/s, the plan chosen for minimum mean TTFT and for minimum mean TPOT, and its predicted gain
 * over each baseline. Two plan spaces: {@code bf16} (layouts x max_num_seqs {64, 256} x token budget {2048, 8192} x
 * router, BF16 weights and KV like the baselines) and {@code full} (the default space, which adds FP8 weights and
 * KV). Prints Markdown. Run like {@link PlanSearchBench}.
 */
public final class ApexPlanChoices {
    public static void main(String[] args) {
        Path apex = Path.of(args.length > 0 ? args[0] : ".").resolve("datasets/llm-traces/apex/llama");
        ClusterChoice node = new ClusterChoice("H100-SXM-80GB", 8, 1);
        PlanSpace full = PlanSpace.standard(List.of(node), "vllm-v1");
        PlanSpace bf16 = full.withWeights(List.of(Precision.BF16)).withKv(List.of(Precision.BF16));
        EngineProfile v1 = EngineProfile.vllmV1();
        System.out.println("| trace | space | objective | chosen plan | value (ms) | tp-node-dp | min-tp-dp | pp-nodes |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String t : List.of("lmsys_05", "creation_05", "summarization_05")) {
            Workload w = new Workload(t, LlmTraceReader.read(apex.resolve(t + ".csv")));
            PlanEvaluator ev = new CachedEvaluator(ServingPlanEvaluator.of(ModelCatalog.resolve("Llama-3.1-70B"), HardwareCatalog.bundled(), node, Slo.DEFAULT));
            PlanSearch s = new PlanSearch(ev, SearchOptions.defaults());
            List<Baseline> base = s.evaluateBaselines(Baselines.plans(ev, node,
                    new Baselines.Knobs(Precision.BF16, Precision.BF16, "vllm-v1", v1.maxNumSeqs(), v1.maxBatchedTokens(), "round-robin")), w);
            for (String spaceName : List.of("bf16", "full")) {
                for (String on : List.of("ttft-mean", "tpot-mean")) {
                    Objective o = Objectives.parse(on, Slo.DEFAULT);
                    SearchResult r = s.search(spaceName.equals("bf16") ? bf16 : full, w, List.of(o), base);
                    PlanOutcome b = r.best();
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f |", t, spaceName, on,
                            b.candidate().label().replace(" on 1x8 H100-SXM-80GB", ""), o.value(b.figures())));
                    for (Gain g : r.gains(o))
                        row.append(String.format(Locale.ROOT, " %.2f -> %.1f%% lower (x%.2f) |", g.baselineValue(), 100 * g.relative(), g.factor()));
                    System.out.println(row);
                    System.err.printf(Locale.ROOT, "%s %s %s: enumerated %d pruned %d simulated %d, %.2f s; best TTFT mean %.2f ms TPOT mean %.3f ms%n", t, spaceName, on,
                            r.enumerated(), r.pruned(), r.simulated(), r.wallS(), Stats.of(b.figures().ttftS()).mean() * 1e3, Stats.of(b.figures().tpotS()).mean() * 1e3);
                }
            }
            for (Baseline x : base)
                System.err.printf(Locale.ROOT, "%s baseline %s: %s TTFT mean %.2f ms, TPOT mean %.3f ms%n", t, x.name(), x.candidate().plan(),
                        Stats.of(x.outcome().figures().ttftS()).mean() * 1e3, Stats.of(x.outcome().figures().tpotS()).mean() * 1e3);
        }
    }
}
