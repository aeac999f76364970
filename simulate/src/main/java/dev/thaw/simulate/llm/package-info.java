/**
 * LLM serving simulation (issue 5): an iteration-level, deterministic simulator of vLLM-class engines.
 *
 * <h2>API summary</h2>
 * <pre>{@code
 * ModelSpec model = ModelCatalog.resolve("Llama-3.1-70B");          // or a path to a HF config.json
 * Gpu gpu = HardwareCatalog.bundled().get("H100-SXM-80GB");          // HardwareCatalog.withUserFile(path) to extend
 * Cluster cluster = Cluster.of(gpu, 8, 1);                           // gpus, nodes (intra: NVLink, inter: IB NDR)
 * ParallelPlan plan = ParallelPlan.parse("dp=2,tp=4,pp=1");          // plan.toString() formats it back
 * ServingConfig cfg = ServingConfig.of(model, cluster, plan)
 *         .withEngine(EngineProfile.named("vllm-v0").withMaxBatchedTokens(2048))
 *         .withQuantization(Quantization.of("fp8", "fp8"))
 *         .withRouter(RouterPolicy.LEAST_OUTSTANDING).withSlo(new Slo(2000, 100))
 *         .withComm(MeasuredCommTable.forCluster(cluster))               // optional: NCCL tables where bundled
 *         .withGemmTable(MeasuredGemmTable.read(csv))                     // optional: measured GEMM times
 *         .withDisaggregation(new Disaggregation(1));                     // optional: 1 prefill-only replica
 * MemoryPlan mem = ServingSimulator.memoryPlan(cfg);                  // feasible(), reason(), weightsGibPerGpu(), kvCapacityTokens()
 * ServingResult r = ServingSimulator.run(cfg, requests);             // List<LlmRequest>; throws IAE if infeasible
 * r.ttftMs().mean(); r.tpotMs().p99(); r.goodputReqPerS(); r.energyJ(); r.toJson(); r.requestLog().writeCsv(path);
 * StepTimeModel stm = ServingSimulator.stepTimeModel(cfg);           // stm.evaluate(BatchShape) / breakdown(BatchShape)
 * List<LlmRequest> trace = LlmTraceReader.read(path);                // any LLM trace, read through the ingest module
 * List<LlmRequest> synth = SyntheticWorkload.parse("poisson:rate=2,n=1000,prompt=100-2000,output=50-500", seed);
 * }</pre>
 *
 * <h2>Packages</h2>
 * <ul>
 *   <li>{@code .model}: {@link dev.thaw.simulate.llm.model.ModelSpec} (HF config), {@link dev.thaw.simulate.llm.model.ModelCatalog}.</li>
 *   <li>{@code .hardware}: {@link dev.thaw.simulate.llm.hardware.Gpu}, {@link dev.thaw.simulate.llm.hardware.Link},
 *   {@link dev.thaw.simulate.llm.hardware.Cluster}, {@link dev.thaw.simulate.llm.hardware.HardwareCatalog}.</li>
 *   <li>{@code .perf}: {@link dev.thaw.simulate.llm.perf.MemoryPlan}, {@link dev.thaw.simulate.llm.perf.StepTimeModel} (roofline per op),
 *   {@link dev.thaw.simulate.llm.perf.CommModel} (alpha-beta collectives), {@link dev.thaw.simulate.llm.perf.Calibration}.</li>
 *   <li>{@code .engine}: the event loop, engine instances (schedulers with paged KV, preemption by recompute, prefix cache), router.</li>
 *   <li>{@code .metrics}: {@link dev.thaw.simulate.llm.metrics.Summary}, {@link dev.thaw.simulate.llm.metrics.RequestLog} (CSV export).</li>
 *   <li>{@code .trace}: LLM traces to {@code LlmRequest}s (fast path for the bundled layouts, ingest for the rest) and a
 *   seeded synthetic Poisson workload.</li>
 * </ul>
 * The performance model, engine profiles and every calibration constant are documented in simulate/README.md.
 */
package dev.thaw.simulate.llm;
