package dev.thaw.bench.faas;

import dev.thaw.simulate.autoscale.AutoscaleSearch;
import dev.thaw.simulate.autoscale.ReplicaColdStart;
import dev.thaw.simulate.autoscale.ServerlessLlmDemand;
import dev.thaw.simulate.llm.ParallelPlan;
import dev.thaw.simulate.llm.ServingConfig;
import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.workload.llm.LlmRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Acceptance 3b of issue 7: an autoscaling LLM search over 20 configurations (plan x keep-alive x min replicas) and
 * one day of bursty serverless demand.
 *
 * <pre>java -cp 'bench/target/thaw-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' dev.thaw.bench.faas.AutoscaleSearchBench [model] [gpu] [mean req/s]</pre>
 */
public final class AutoscaleSearchBench {
    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : "Llama-3.1-8B";
        String gpu = args.length > 1 ? args[1] : "H100-SXM-80GB";
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 0.5;
        List<LlmRequest> demand = ServerlessLlmDemand.generate(2026, 86_400, rate);
        ServingConfig base = ServingConfig.of(ModelCatalog.resolve(model), Cluster.of(HardwareCatalog.bundled().get(gpu), 8, 1), new ParallelPlan(1, 1, 1));
        List<AutoscaleSearch.Candidate> cands = new ArrayList<>();
        for (int tp : new int[] {1, 2})
            for (String ka : List.of("fixed:0", "fixed:60s", "fixed:10m", "fixed:20m", "hybrid"))
                for (int min : new int[] {0, 1}) cands.add(new AutoscaleSearch.Candidate(new ParallelPlan(1, tp, 1), ka, min, 8));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        AutoscaleSearch.Outcome o = AutoscaleSearch.run(base, cands, demand, ReplicaColdStart.defaults(), 64);
        double cpuS = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        System.out.printf("%d configurations x %,d requests (one day, mean %.2f req/s): search wall %.1f s, thread CPU %.1f s; skipped %s%n",
                cands.size(), demand.size(), rate, o.wallS(), cpuS, o.skipped());
        System.out.printf("%-40s %8s %8s %10s %9s %9s %11s %6s%n", "configuration", "starts", "SLO %", "GPU-h", "cost $", "TTFT p99", "good/$", "front");
        for (AutoscaleSearch.Ranked r : o.ranking())
            System.out.printf("%-40s %8d %8.2f %10.1f %9.2f %9.2f %11.1f %6s%n", r.candidate(), r.result().replicaStarts(), 100 * r.result().sloAttainment(),
                    r.result().gpuHours(), r.result().costUsd(), r.result().ttftS().p99(), r.result().goodputPerDollar(), r.pareto() ? "*" : "");
    }
}
