package dev.thaw.simulate.autoscale;

import dev.thaw.simulate.llm.ParallelPlan;

/**
 * Time for a new LLM model replica to become ready: pod (GPU node) allocation, runtime/image start (container,
 * CUDA context, engine start-up, graph capture), loading the weights each GPU holds from storage at a per-GPU
 * bandwidth (GPUs load their shards in parallel), and, when the stored checkpoint's parallel layout differs from the
 * plan, resharding the whole checkpoint at {@code reshardGBps} (universal checkpoint formats make this a
 * conversion rather than a re-export).
 *
 * @param storedLayout the (tp, pp) layout of the stored checkpoint; null means it is stored in every plan's layout
 */
public record ReplicaColdStart(double podAllocationS, double runtimeStartS, double storageGBpsPerGpu, double reshardGBps,
                               ParallelPlan storedLayout) {
    public ReplicaColdStart {
        if (!(podAllocationS >= 0) || !(runtimeStartS >= 0) || !(storageGBpsPerGpu > 0) || !(reshardGBps > 0))
            throw new IllegalArgumentException("cold-start times must be >= 0 and bandwidths > 0");
    }

    /**
     * Defaults in the range serverless LLM papers report: 5 s allocation, 20 s runtime start, 2 GB/s per GPU from
     * remote storage (ServerlessLLM-style local SSD caches reach several times that), 10 GB/s resharding, checkpoint
     * stored for TP=1, PP=1.
     */
    public static ReplicaColdStart defaults() { return new ReplicaColdStart(5, 20, 2, 10, new ParallelPlan(1, 1, 1)); }

    public ReplicaColdStart withStoredLayout(ParallelPlan layout) { return new ReplicaColdStart(podAllocationS, runtimeStartS, storageGBpsPerGpu, reshardGBps, layout); }

    /** Seconds to load the weights of one replica (each GPU loads its own shard). */
    public double loadS(double weightsBytesPerGpu) { return weightsBytesPerGpu / (storageGBpsPerGpu * 1e9); }

    /** Seconds of resharding; 0 when the stored layout matches the plan's tensor and pipeline degrees. */
    public double reshardS(double weightsBytesPerGpu, ParallelPlan plan) {
        if (storedLayout == null || (storedLayout.tp() == plan.tp() && storedLayout.pp() == plan.pp())) return 0;
        return weightsBytesPerGpu * plan.gpusPerReplica() / (reshardGBps * 1e9);
    }

    /** The whole cold start of one replica of {@code plan}. */
    public double totalS(double weightsBytesPerGpu, ParallelPlan plan) {
        return podAllocationS + runtimeStartS + loadS(weightsBytesPerGpu) + reshardS(weightsBytesPerGpu, plan);
    }
}
