package dev.thaw.simulate.autoscale;

import dev.thaw.simulate.llm.ParallelPlan;
import dev.thaw.simulate.llm.ServingConfig;
import dev.thaw.simulate.llm.ServingResult;
import dev.thaw.simulate.llm.ServingSimulator;
import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.metrics.RequestLog;
import dev.thaw.simulate.llm.perf.MemoryPlan;
import dev.thaw.workload.llm.LlmRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * One replica of a plan served by the LLM serving simulator ({@link ServingSimulator}, branch {@code serving}):
 * the configuration is narrowed to one data-parallel replica on {@code tp x pp} GPUs and run on the requests the
 * autoscaler routed to it, with their arrival set to when the replica could first see them.
 */
public final class EngineReplicaServer implements ReplicaServer {
    private final ServingConfig replica;
    private final double prefillSPerToken, tpotS;
    private final int concurrency;

    /** @param config any configuration of the plan; its dp is replaced by 1 and its cluster by one replica's GPUs */
    public EngineReplicaServer(ServingConfig config, int concurrency) {
        ParallelPlan p = config.plan();
        ParallelPlan one = new ParallelPlan(1, p.tp(), p.pp(), p.ep());
        int gpus = one.gpusPerReplica();
        int perNode = config.cluster().gpusPerNode();
        Cluster c = gpus <= perNode ? Cluster.of(config.cluster().gpu(), gpus, 1)
                : Cluster.of(config.cluster().gpu(), gpus, (gpus + perNode - 1) / perNode);
        this.replica = config.withPlan(one).withCluster(c);
        MemoryPlan mem = ServingSimulator.memoryPlan(replica);
        if (!mem.feasible()) throw new IllegalArgumentException("plan " + one + " cannot hold the model: " + mem.reason());
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be >= 1");
        this.concurrency = concurrency;
        // light-load calibration of the estimate: one 1024-token prompt with 128 output tokens on an idle replica
        ServingResult r = ServingSimulator.run(replica, List.of(new LlmRequest(0, 0, 1024, 128)));
        RequestLog log = r.requestLog();
        prefillSPerToken = log.ttftS(0) / 1024;
        tpotS = (log.e2eS(0) - log.ttftS(0)) / 127;
    }

    public ServingConfig replicaConfig() { return replica; }

    /** Weight bytes each GPU of the replica holds (what a cold start loads). */
    public double weightsBytesPerGpu() { return ServingSimulator.memoryPlan(replica).weightsBytesPerGpu(); }

    @Override public void serve(double[] availableS, int[] prompt, int[] output, double[] firstTokenS, double[] finishS) {
        int n = availableS.length;
        if (n == 0) return;
        List<LlmRequest> reqs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) reqs.add(new LlmRequest(i, availableS[i], prompt[i], Math.max(1, output[i])));
        RequestLog log = ServingSimulator.run(replica, reqs).requestLog();
        for (int k = 0; k < log.size(); k++) {
            int i = (int) log.requestId()[k];
            firstTokenS[i] = log.completed(k) ? log.firstTokenS()[k] : Double.NaN;
            finishS[i] = log.completed(k) ? log.finishS()[k] : Double.NaN;
        }
    }

    @Override public double estimateS(int prompt, int output) { return prompt * prefillSPerToken + Math.max(0, output - 1) * tpotS; }

    @Override public int concurrency() { return concurrency; }
}
