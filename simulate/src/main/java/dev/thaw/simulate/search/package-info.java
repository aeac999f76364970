/**
 * Plan search: which parallel execution plan (data x tensor x pipeline x expert parallelism, weight and KV formats,
 * engine knobs, router, and optionally device type and count) serves a workload best.
 *
 * <pre>{@code
 * ServingPlanEvaluator ev = ServingPlanEvaluator.of(ModelCatalog.resolve("Llama-3.1-70B"), HardwareCatalog.bundled(),
 *         new ClusterChoice("H100-SXM-80GB", 8, 1), Slo.DEFAULT);
 * PlanSearch search = new PlanSearch(new CachedEvaluator(ev), SearchOptions.defaults());
 * List<Baseline> base = search.evaluateBaselines(Baselines.plans(ev, cluster, knobs), workload);
 * SearchResult r = search.search(PlanSpace.standard(List.of(cluster), "vllm-v1"), workload,
 *         List.of(Objectives.parse("tpot-mean", Slo.DEFAULT)), base);
 * r.best(); r.ranking(); r.removedByRule(); r.gains(objective); ParetoFront.of(r.ranking(), a, b);
 * }</pre>
 *
 * {@link dev.thaw.simulate.search.PlanEvaluator} is the only link to the serving simulator
 * ({@link dev.thaw.simulate.search.ServingPlanEvaluator}); the search itself (enumeration, rules, bounds, waves,
 * objectives) is tested against a closed-form toy model too. See simulate/README-search.md.
 */
package dev.thaw.simulate.search;
