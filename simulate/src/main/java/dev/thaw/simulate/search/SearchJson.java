package dev.thaw.simulate.search;

import dev.thaw.simulate.llm.Slo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code thaw search --json} object as ordered maps and lists (any JSON writer serialises it). Keys follow
 * docs/cli.md: {@code plans_enumerated}, {@code plans_pruned}, {@code plans_simulated}, {@code best} (the plan as
 * in {@code --plan} plus the {@code simulate} metrics), {@code ranking}, {@code baselines}, {@code search_wall_s};
 * extra keys: {@code pruned_by_rule}, {@code objective}, {@code gains}, {@code pareto}, {@code failures}.
 */
public final class SearchJson {
    private SearchJson() {}

    public static Map<String, Object> of(SearchResult r, Slo slo, int topN, List<PlanOutcome> pareto) {
        Objective o = r.objectives().get(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plans_enumerated", r.enumerated());
        m.put("plans_pruned", r.pruned());
        m.put("plans_simulated", r.simulated());
        m.put("pruned_by_rule", new LinkedHashMap<>(r.removedByRule()));
        m.put("objective", Map.of("name", o.name(), "unit", o.unit(), "maximised", o.maximised()));
        m.put("best", r.best() == null ? null : plan(r.best(), slo, o));
        List<Object> ranking = new ArrayList<>();
        for (PlanOutcome p : r.ranking().subList(0, Math.min(topN, r.ranking().size()))) ranking.add(plan(p, slo, o));
        m.put("ranking", ranking);
        Map<String, Object> baselines = new LinkedHashMap<>();
        for (Baseline b : r.baselines()) {
            Map<String, Object> x;
            if (b.feasible()) {
                x = plan(b.outcome(), slo, o);
            } else {
                x = new LinkedHashMap<>();
                x.put("feasible", false);
                x.put("reason", b.reason());
            }
            x.put("description", b.description());
            baselines.put(b.name(), x);
        }
        m.put("baselines", baselines);
        Map<String, Object> gains = new LinkedHashMap<>();
        for (Gain g : r.gains(o)) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("best", g.bestValue());
            x.put("baseline", g.baselineValue());
            x.put("relative", g.relative());
            x.put("factor", g.factor());
            gains.put(g.baseline(), x);
        }
        m.put("gains", gains);
        if (pareto != null) {
            List<Object> front = new ArrayList<>();
            for (PlanOutcome p : pareto) front.add(plan(p, slo, o));
            m.put("pareto", front);
        }
        m.put("failures", r.failures());
        m.put("search_wall_s", r.wallS());
        return m;
    }

    /** One plan with the {@code thaw simulate} metric keys. */
    public static Map<String, Object> plan(PlanOutcome p, Slo slo, Objective o) {
        Candidate c = p.candidate();
        Figures f = p.figures();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plan", c.plan());
        m.put("label", c.label());
        m.put("gpu", c.cluster().gpu());
        m.put("gpus", c.gpus());
        m.put("nodes", c.cluster().nodes());
        m.put("stage_layers", c.stageLayers());
        m.put("weights", c.weights().id());
        m.put("kv", c.kv().id());
        m.put("engine", c.engine());
        m.put("max_num_seqs", c.maxNumSeqs());
        m.put("max_batched_tokens", c.maxBatchedTokens());
        m.put("router", c.router());
        m.put("objective_value", o.value(f));
        m.put("requests", f.requests());
        m.put("completed", f.requests() - f.rejected());
        m.put("rejected", f.rejected());
        m.put("ttft_ms", stats(Stats.of(f.ttftS()).scaled(1e3)));
        m.put("tpot_ms", stats(Stats.of(f.tpotS()).scaled(1e3)));
        m.put("itl_ms", stats(p.itlS().scaled(1e3)));
        m.put("e2e_s", stats(Stats.of(f.e2eS())));
        m.put("makespan_s", f.makespanS());
        m.put("throughput", Map.of("req_per_s", f.requestsPerS(), "output_tok_per_s", f.outputTokensPerS()));
        m.put("goodput_req_per_s", f.goodputReqPerS(slo));
        m.put("energy_j", f.energyJ());
        m.put("energy_j_per_token", f.energyPerTokenJ());
        m.put("cost_usd_per_m_tokens", f.costPerMillionTokensUsd());
        m.put("kv_capacity_tokens", p.kvCapacityTokens());
        m.put("weights_gib_per_gpu", p.weightsGibPerGpu());
        m.put("utilisation", p.utilisation());
        m.put("preemptions", p.preemptions());
        m.put("time_by_op_s", new TreeMap<>(p.timeByOpS()));
        m.put("sim_wall_s", p.simWallS());
        return m;
    }

    private static Map<String, Object> stats(Stats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", s.mean());
        m.put("p50", s.p50());
        m.put("p90", s.p90());
        m.put("p95", s.p95());
        m.put("p99", s.p99());
        return m;
    }
}
