package dev.thaw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.thaw.simulate.llm.Disaggregation;
import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.EngineProfileFile;
import dev.thaw.simulate.llm.ParallelPlan;
import dev.thaw.simulate.llm.Quantization;
import dev.thaw.simulate.llm.RouterPolicy;
import dev.thaw.simulate.llm.ServingConfig;
import dev.thaw.simulate.llm.ServingResult;
import dev.thaw.simulate.llm.ServingSimulator;
import dev.thaw.simulate.llm.Slo;
import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.simulate.llm.perf.CommModel;
import dev.thaw.simulate.llm.perf.MeasuredCommTable;
import dev.thaw.simulate.llm.perf.MeasuredGemmTable;
import dev.thaw.simulate.llm.perf.MemoryPlan;
import dev.thaw.simulate.llm.perf.db.PerfDatabase;
import dev.thaw.simulate.llm.perf.db.PerfDbSource;
import dev.thaw.simulate.llm.trace.LlmTraceReader;
import dev.thaw.simulate.llm.trace.SyntheticWorkload;
import dev.thaw.workload.llm.LlmRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulate LLM serving of a trace or workload under one parallel plan.")
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Catalog model id (e.g. Llama-3.1-70B) or a path to a Hugging Face config.json.")
    String model;
    @Option(names = "--gpu", required = true, description = "GPU catalog id (e.g. H100-SXM-80GB, RTX-4090).")
    String gpu;
    @Option(names = "--gpus", required = true, description = "Number of GPUs.")
    int gpus;
    @Option(names = "--nodes", defaultValue = "1", description = "Nodes the GPUs are spread over (default ${DEFAULT-VALUE}).")
    int nodes;
    @Option(names = "--plan", description = "dp=D,tp=T,pp=P[,ep=E] (default: tp = all GPUs). ep dividing tp splits experts inside a replica; ep = dp x tp is vLLM's --enable-expert-parallel with data-parallel attention (e.g. dp=8,tp=1,ep=8).")
    String plan;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--trace", description = "LLM trace: APEX, Azure 2023, Vidur, Mooncake JSONL, BurstGPT (.gz/.zip/folders/thaw Parquet too).") Path trace;
        @Option(names = "--workload", description = "Synthetic: poisson:rate=R,(n=N|duration=S),prompt=P[-Q],output=O[-Q].") String workload;
    }

    @Option(names = "--format", description = "Trace format: apex, azure-llm, vidur, mooncake, burstgpt (detected when omitted).") String format;
    @Option(names = {"--engine", "--engine-profile"}, defaultValue = "vllm-v1", description = "vllm-v0, vllm-v0-chunked, vllm-v1, sarathi, or an engine profile JSON written by thaw calibrate (default ${DEFAULT-VALUE}).")
    String engine;
    @Option(names = "--max-num-seqs", description = "Override the profile's max_num_seqs.") Integer maxNumSeqs;
    @Option(names = "--max-batched-tokens", description = "Override the profile's max_num_batched_tokens (token budget / chunk).") Integer maxBatchedTokens;
    @Option(names = "--block-size", description = "KV block size in tokens (default 16).") Integer blockSize;
    @Option(names = "--prefix-caching", negatable = true, description = "Force prefix caching on or off.") Boolean prefixCaching;
    @Option(names = "--weights", defaultValue = "bf16", description = "bf16, fp8, int8 or int4 (default ${DEFAULT-VALUE}).") String weights;
    @Option(names = "--kv", defaultValue = "bf16", description = "bf16 or fp8 (default ${DEFAULT-VALUE}).") String kv;
    @Option(names = "--gpu-memory-utilization", description = "Share of GPU memory the engine may use (default 0.9).") Double gpuMemoryUtilization;
    @Option(names = "--router", defaultValue = "least-outstanding", description = "round-robin, least-outstanding or prefix-aware (default ${DEFAULT-VALUE}).")
    String router;
    @Option(names = "--slo-ttft-ms", defaultValue = "2000", description = "TTFT objective for goodput (default ${DEFAULT-VALUE}).") double sloTtftMs;
    @Option(names = "--slo-tpot-ms", defaultValue = "100", description = "TPOT objective for goodput (default ${DEFAULT-VALUE}).") double sloTpotMs;
    @Option(names = "--hardware-catalog", description = "JSON file of extra or overriding GPUs (layout of the bundled gpus.json).") Path hardwareCatalog;
    @Option(names = "--prefill-replicas", defaultValue = "0", description = "Disaggregate: this many of the dp replicas only prefill and hand KV to the others (default ${DEFAULT-VALUE}: colocated).")
    int prefillReplicas;
    @Option(names = "--comm", defaultValue = "analytic", description = "Collective times: analytic (alpha-beta), measured (bundled NCCL tables where they exist for the GPU) or a folder of APEX-layout CSVs (default ${DEFAULT-VALUE}).")
    String comm;
    @Option(names = "--gemm-table", description = "Measured GEMM times in the APEX layout (gpu,dtype,m,k,n,time(us)) overriding the analytic dense GEMMs where they cover a shape.")
    Path gemmTable;
    @Option(names = "--perf-db", paramLabel = "DIR|none", description = "Measured kernel times: a folder in the AIConfigurator (gemm_perf.parquet, ...) or Vidur (mlp.csv, all_reduce.csv) layout, or none for the fitted roofline curves (default: the bundled database of the GPU where there is one).")
    String perfDb;
    @Option(names = "--requests-out", description = "Write per-request records: *.csv CSV, *.arrow Arrow IPC, otherwise Parquet.") Path requestsOut;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the synthetic workload (default ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--json", description = "Print one JSON object with the metrics on stdout.") boolean json;

    /** {@code --perf-db}: null the bundled databases, "none" the fitted curves only, else a folder in either layout. */
    static PerfDbSource perfDbSource(String value) {
        if (value == null) return PerfDbSource.BUNDLED;
        if (value.equalsIgnoreCase("none")) return PerfDbSource.CURVES_ONLY;
        return PerfDbSource.of(PerfDatabase.load(Path.of(value)));
    }

    /** Largest cluster simulated: beyond it the per-GPU state would not fit in memory. */
    static final int MAX_GPUS = 65536;

    @Override public Integer call() throws Exception {
        Checks.range("--gpus", gpus, 1, MAX_GPUS, "a cluster of at most " + MAX_GPUS + " GPUs");
        Checks.range("--nodes", nodes, 1, gpus, "at least one GPU per node");
        if (gpus % nodes != 0) throw new IllegalArgumentException(gpus + " GPUs cannot be split evenly over " + nodes + " nodes (--gpus, --nodes)");
        Checks.rangeOrNull("--max-num-seqs", maxNumSeqs, 1, 1 << 20, null);
        Checks.rangeOrNull("--max-batched-tokens", maxBatchedTokens, 1, 1 << 26, null);
        Checks.rangeOrNull("--block-size", blockSize, 1, 4096, null);
        if (gpuMemoryUtilization != null) Checks.range("--gpu-memory-utilization", gpuMemoryUtilization, 1e-3, 1, "a share of the GPU's memory");
        Checks.positive("--slo-ttft-ms", sloTtftMs);
        Checks.positive("--slo-tpot-ms", sloTpotMs);
        Checks.range("--prefill-replicas", prefillReplicas, 0, gpus, null);
        if (requestsOut != null) OutputGuard.file(requestsOut, java.util.Arrays.asList(source.trace, hardwareCatalog, gemmTable));
        HardwareCatalog catalog = hardwareCatalog != null ? HardwareCatalog.withUserFile(hardwareCatalog) : HardwareCatalog.bundled();
        Cluster cluster = Cluster.of(catalog.get(gpu), gpus, nodes);
        ParallelPlan p = plan != null ? ParallelPlan.parse(plan) : new ParallelPlan(1, gpus, 1);
        if (p.gpus() != gpus)
            throw new IllegalArgumentException("--plan " + plan + " uses " + p.gpus() + " of the " + gpus + " GPUs (dp x tp x pp must equal --gpus)");
        EngineProfile e = EngineProfile.named(engine);
        if (maxNumSeqs != null) e = e.withMaxNumSeqs(maxNumSeqs);
        if (maxBatchedTokens != null) e = e.withMaxBatchedTokens(maxBatchedTokens);
        if (blockSize != null) e = e.withBlockSize(blockSize);
        if (prefixCaching != null) e = e.withPrefixCaching(prefixCaching);
        if (gpuMemoryUtilization != null) e = e.withGpuMemoryUtilization(gpuMemoryUtilization);
        ServingConfig cfg = ServingConfig.of(ModelCatalog.resolve(model), cluster, p).withEngine(e)
                .withQuantization(Quantization.of(weights, kv)).withRouter(RouterPolicy.parse(router)).withSlo(new Slo(sloTtftMs, sloTpotMs));
        cfg = cfg.withDisaggregation(new Disaggregation(prefillReplicas));
        if (gemmTable != null) cfg = cfg.withGemmTable(MeasuredGemmTable.read(gemmTable));
        cfg = cfg.withPerfDb(perfDbSource(perfDb));
        cfg = cfg.withComm(switch (comm.toLowerCase(Locale.ROOT)) {
            case "analytic" -> new CommModel();
            case "measured" -> MeasuredCommTable.forCluster(cluster);
            default -> MeasuredCommTable.fromDirectory(Path.of(comm), cluster);
        });
        String structural = MemoryPlan.structuralProblem(cfg.model(), cluster, p);
        if (structural != null) throw new IllegalArgumentException("plan " + p + ": " + structural); // bad usage: exit 2
        MemoryPlan mem = ServingSimulator.memoryPlan(cfg);
        if (!mem.feasible()) { // the plan is valid but does not fit: the work fails (exit 1)
            System.err.println("thaw simulate: infeasible plan " + p + ": " + mem.reason());
            return ThawCommand.FAILED;
        }
        List<LlmRequest> reqs = source.trace != null ? LlmTraceReader.read(source.trace, format) : SyntheticWorkload.parse(source.workload, seed);
        if (reqs.isEmpty()) throw new dev.thaw.ingest.BadInputException(String.valueOf(source.trace != null ? source.trace : "--workload " + source.workload), 0, null, null,
                "holds no requests (a header but no rows?): nothing to simulate");
        System.err.printf(Locale.ROOT, "thaw simulate: %s on %d x %s, %s, %s, %d requests; kernels: %s%n", cfg.model(), gpus, cluster.gpu().id(), p, e.name(), reqs.size(),
                ServingSimulator.stepTimeModel(cfg).perfDb());
        ServingResult r = ServingSimulator.run(cfg, reqs);
        if (requestsOut != null) r.requestLog().write(requestsOut);
        Map<String, Object> out = r.toJson();
        out.put("engine_profile", EngineProfileFile.looksLikeFile(engine) ? engine : e.name());
        if (json) {
            System.out.println(new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).writeValueAsString(out));
        } else {
            System.out.printf(Locale.ROOT, "requests %d, completed %d, rejected %d, makespan %.1f s%n", r.requests(), r.completed(), r.rejected(), r.makespanS());
            System.out.printf(Locale.ROOT, "TTFT ms  mean %.1f p50 %.1f p90 %.1f p99 %.1f%n", r.ttftMs().mean(), r.ttftMs().p50(), r.ttftMs().p90(), r.ttftMs().p99());
            System.out.printf(Locale.ROOT, "TPOT ms  mean %.2f p50 %.2f p90 %.2f p99 %.2f%n", r.tpotMs().mean(), r.tpotMs().p50(), r.tpotMs().p90(), r.tpotMs().p99());
            System.out.printf(Locale.ROOT, "ITL ms   mean %.2f p50 %.2f p90 %.2f p99 %.2f%n", r.itlMs().mean(), r.itlMs().p50(), r.itlMs().p90(), r.itlMs().p99());
            System.out.printf(Locale.ROOT, "E2E s    mean %.2f p50 %.2f p90 %.2f p99 %.2f%n", r.e2eS().mean(), r.e2eS().p50(), r.e2eS().p90(), r.e2eS().p99());
            System.out.printf(Locale.ROOT, "throughput %.2f req/s, %.0f output tok/s; goodput %.2f req/s (%.1f%%)%n", r.reqPerS(), r.outputTokPerS(), r.goodputReqPerS(), 100 * r.goodputShare());
            System.out.printf(Locale.ROOT, "weights %.2f GiB/GPU, KV capacity %d tokens, %d iterations, %d preemptions; energy %.3g J (%.3g J/token), cost $%.2f%n",
                    mem.weightsGibPerGpu(), mem.kvCapacityTokens(), r.iterations(), r.preemptions(), r.energyJ(), r.energyJPerOutputToken(), r.costUsd());
        }
        return r.completed() + r.rejected() == r.requests() ? ThawCommand.OK : ThawCommand.FAILED;
    }
}
