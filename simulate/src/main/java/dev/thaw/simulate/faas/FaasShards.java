package dev.thaw.simulate.faas;

import dev.thaw.simulate.faas.policy.KeepAlivePolicy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A replay partitioned by function, for a cluster: on an unlimited platform functions never compete for anything,
 * and each function draws its cold starts from its own random stream, so shards holding disjoint sets of functions
 * replay independently. Each shard replays its invocations to their end ({@link Shard#replay}); the latest
 * {@link FaasSimulator#lastActivity()} over all shards is the whole replay's horizon, at which every shard finishes
 * ({@link FaasSimulator#finish(double)}); the shards' tallies merge into the whole replay's result.
 *
 * <p>What forbids it: any cluster-wide limit (pods, CPU, memory), and a policy with a memory budget (Greedy-Dual),
 * since then one function's pods take room from another's (see {@link #whyNot}).
 */
public final class FaasShards {
    private FaasShards() {}

    /** One shard: the invocations of some functions, in time order, with the whole catalog's function indices. */
    public record Shard(double[] time, int[] function, double[] duration) implements Serializable {
        public int size() { return time.length; }

        /** Replays the shard to its last invocation; the caller finishes it at the whole replay's horizon. */
        public FaasSimulator replay(FunctionCatalog catalog, KeepAlivePolicy policy, PlatformConfig config) {
            FaasSimulator sim = new FaasSimulator(catalog, policy, config, RequestLog.NONE);
            for (int i = 0; i < time.length; i++) sim.offer(time[i], function[i], duration[i]);
            return sim;
        }
    }

    /** Null when the replay can be partitioned by function, else the reason it cannot. */
    public static String whyNot(PlatformConfig config, KeepAlivePolicy policy) {
        if (config.maxPods() != Long.MAX_VALUE) return "a cluster-wide pod limit (--max-pods) makes every function's pods compete for the same slots";
        if (config.memoryMb() != Double.POSITIVE_INFINITY) return "a cluster-wide memory limit (--max-memory-gb) makes every function's pods compete for the same memory";
        if (config.cpuMillicores() != Double.POSITIVE_INFINITY) return "a cluster-wide CPU limit (--max-cpu-cores) makes every function's pods compete for the same cores";
        if (policy.memoryBudgetMb() != Double.POSITIVE_INFINITY) return "policy " + policy.name() + " evicts across functions from one memory budget";
        return null;
    }

    /**
     * Splits {@code trace} into at most {@code shards} shards of whole functions, balanced by invocation count
     * (largest function first, onto the lightest shard); empty shards are dropped.
     */
    public static List<Shard> split(FaasTrace trace, int shards) {
        if (shards < 1) throw new IllegalArgumentException("shards must be >= 1");
        int n = trace.catalog().size();
        long[] count = new long[n];
        for (int i = 0; i < trace.size(); i++) count[trace.function(i)]++;
        Integer[] order = new Integer[n];
        for (int f = 0; f < n; f++) order[f] = f;
        Arrays.sort(order, Comparator.comparingLong((Integer f) -> -count[f]).thenComparingInt(f -> f));
        long[] load = new long[shards];
        PriorityQueue<Integer> lightest = new PriorityQueue<>(Comparator.comparingLong((Integer s) -> load[s]).thenComparingInt(s -> s));
        for (int s = 0; s < shards; s++) lightest.add(s);
        int[] shardOf = new int[n];
        for (int f : order) {
            int s = lightest.poll();
            shardOf[f] = s;
            load[s] += count[f];
            lightest.add(s);
        }
        int[] size = new int[shards];
        for (int s = 0; s < shards; s++) size[s] = (int) load[s];
        double[][] time = new double[shards][], duration = new double[shards][];
        int[][] function = new int[shards][];
        for (int s = 0; s < shards; s++) {
            time[s] = new double[size[s]];
            duration[s] = new double[size[s]];
            function[s] = new int[size[s]];
        }
        int[] fill = new int[shards];
        for (int i = 0; i < trace.size(); i++) {
            int f = trace.function(i), s = shardOf[f], k = fill[s]++;
            time[s][k] = trace.time(i);
            function[s][k] = f;
            duration[s][k] = trace.duration(i);
        }
        List<Shard> out = new ArrayList<>();
        for (int s = 0; s < shards; s++) if (size[s] > 0) out.add(new Shard(time[s], function[s], duration[s]));
        return out;
    }

    /** The horizon of the whole replay from its shards' last activity (0 when nothing ran, as {@link FaasSimulator#finish()}). */
    public static double horizon(List<Double> lastActivity) {
        double h = Double.NEGATIVE_INFINITY;
        for (double a : lastActivity) h = Math.max(h, a);
        return h == Double.NEGATIVE_INFINITY ? 0 : h;
    }

    /** The shards' tallies merged into the whole replay's result. */
    public static FaasResult merge(List<FaasTally> tallies, FunctionCatalog catalog, double pricePerGbS) {
        if (tallies.isEmpty()) throw new IllegalArgumentException("no shards");
        FaasTally all = new FaasTally(tallies.get(0).policy, catalog.size());
        for (FaasTally t : tallies) all.merge(t);
        return all.result(catalog, pricePerGbS);
    }
}
