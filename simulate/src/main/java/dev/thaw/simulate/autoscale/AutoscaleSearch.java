package dev.thaw.simulate.autoscale;

import dev.thaw.simulate.llm.ParallelPlan;
import dev.thaw.simulate.llm.ServingConfig;
import dev.thaw.workload.llm.LlmRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code thaw search --autoscale}: ranks (plan, keep-alive policy, min/max replicas) configurations on one demand by
 * goodput per dollar (requests meeting both SLOs per dollar of GPU time), and marks the Pareto front of SLO
 * attainment versus cost. Each plan's replica is served by the LLM serving simulator; its cold start comes from
 * {@link ReplicaColdStart} with the plan's weight bytes per GPU.
 */
public final class AutoscaleSearch {
    private AutoscaleSearch() {}

    public record Candidate(ParallelPlan plan, String keepAlive, int minReplicas, int maxReplicas) implements java.io.Serializable {
        @Override public String toString() { return "tp=" + plan.tp() + ",pp=" + plan.pp() + (plan.ep() > 1 ? ",ep=" + plan.ep() : "") + " " + keepAlive + " min=" + minReplicas + " max=" + maxReplicas; }
    }

    public record Ranked(Candidate candidate, AutoscaleResult result, double coldStartS, boolean pareto) {
        public Map<String, Object> toJsonMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("plan", candidate.plan().toString());
            m.put("keep_alive", candidate.keepAlive());
            m.put("min_replicas", candidate.minReplicas());
            m.put("max_replicas", candidate.maxReplicas());
            m.put("replica_cold_start_s", coldStartS);
            m.put("pareto", pareto);
            m.putAll(result.toJsonMap());
            return m;
        }
    }

    public record Outcome(List<Ranked> ranking, Map<String, String> skipped, double wallS) {}

    /** One candidate simulated: its result and replica cold start, or why its plan does not fit ({@code skipped}). */
    public record Evaluated(Candidate candidate, AutoscaleResult result, double coldStartS, String skipped) implements java.io.Serializable {}

    /**
     * Candidates grouped by replica plan (in order of first appearance): a group shares one replica server, so a
     * cluster evaluates a group per task ({@link #evaluate}) and {@link #rank} puts the groups back together.
     */
    public static List<List<Candidate>> byPlan(List<Candidate> candidates) {
        Map<String, List<Candidate>> groups = new LinkedHashMap<>();
        for (Candidate c : candidates) groups.computeIfAbsent(planKey(c), k -> new ArrayList<>()).add(c);
        return new ArrayList<>(groups.values());
    }

    private static String planKey(Candidate c) { return c.plan().tp() + "/" + c.plan().pp() + "/" + c.plan().ep(); }

    /**
     * Every plan x {fixed:60s, fixed:10m, hybrid} x {scale to zero, one warm replica}, with at most {@code maxReplicas}.
     */
    public static List<Candidate> defaultCandidates(List<ParallelPlan> plans, int maxReplicas) {
        List<Candidate> out = new ArrayList<>();
        for (ParallelPlan p : plans)
            for (String ka : List.of("fixed:60s", "fixed:10m", "hybrid"))
                for (int min : new int[] {0, 1}) out.add(new Candidate(p, ka, min, maxReplicas));
        return out;
    }

    /**
     * @param base model, GPU, engine and SLO; its plan and cluster are replaced per candidate
     * @param concurrency requests one replica serves before the autoscaler adds another
     */
    public static Outcome run(ServingConfig base, List<Candidate> candidates, List<LlmRequest> demand, ReplicaColdStart coldStart, int concurrency) {
        long t0 = System.nanoTime();
        return rank(evaluate(base, candidates, demand, coldStart, concurrency), t0);
    }

    /** Simulates every candidate, in order; candidates of one plan share its replica server. */
    public static List<Evaluated> evaluate(ServingConfig base, List<Candidate> candidates, List<LlmRequest> demand, ReplicaColdStart coldStart, int concurrency) {
        Map<String, EngineReplicaServer> servers = new HashMap<>();
        List<Evaluated> out = new ArrayList<>();
        double price = base.cluster().gpu().pricePerHourUsd();
        for (Candidate c : candidates) {
            EngineReplicaServer server;
            try {
                server = servers.computeIfAbsent(planKey(c), k -> new EngineReplicaServer(base.withPlan(new ParallelPlan(1, c.plan().tp(), c.plan().pp(), c.plan().ep())), concurrency));
            } catch (IllegalArgumentException e) {
                out.add(new Evaluated(c, null, Double.NaN, e.getMessage()));
                continue;
            }
            ParallelPlan one = server.replicaConfig().plan();
            double cs = coldStart.totalS(server.weightsBytesPerGpu(), one);
            AutoscaleConfig cfg = new AutoscaleConfig(c.keepAlive(), c.minReplicas(), c.maxReplicas(), cs, one.gpusPerReplica(), price,
                    base.slo().ttftMs() / 1000, base.slo().tpotMs() / 1000);
            out.add(new Evaluated(c, AutoscaleSimulator.run(demand, cfg, server), cs, null));
        }
        return out;
    }

    /** Ranks simulated candidates by goodput per dollar (ties by name: the order they were simulated in does not matter) and marks the Pareto front. */
    public static Outcome rank(List<Evaluated> evaluated, long startNanos) {
        Map<String, String> skipped = new LinkedHashMap<>();
        List<Ranked> ranked = new ArrayList<>();
        for (Evaluated e : evaluated) {
            if (e.skipped() != null) skipped.put(e.candidate().toString(), e.skipped());
            else ranked.add(new Ranked(e.candidate(), e.result(), e.coldStartS(), false));
        }
        ranked.sort(Comparator.comparingDouble((Ranked r) -> -nz(r.result().goodputPerDollar())).thenComparing(r -> r.candidate().toString()));
        List<Ranked> out = new ArrayList<>();
        for (Ranked r : ranked) out.add(new Ranked(r.candidate(), r.result(), r.coldStartS(), onParetoFront(r, ranked)));
        return new Outcome(out, skipped, (System.nanoTime() - startNanos) / 1e9);
    }

    private static double nz(double v) { return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v; }

    /** Not dominated: no other configuration is at least as good on both attainment and cost and better on one. */
    static boolean onParetoFront(Ranked r, List<Ranked> all) {
        double a = r.result().sloAttainment(), c = r.result().costUsd();
        for (Ranked o : all) {
            double oa = o.result().sloAttainment(), oc = o.result().costUsd();
            if (oa >= a && oc <= c && (oa > a || oc < c)) return false;
        }
        return true;
    }
}
