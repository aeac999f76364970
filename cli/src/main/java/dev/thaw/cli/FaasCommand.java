package dev.thaw.cli;

import dev.thaw.simulate.faas.ColdStartModel;
import dev.thaw.simulate.faas.FaasResult;
import dev.thaw.simulate.faas.FaasShards;
import dev.thaw.simulate.faas.FaasSimulator;
import dev.thaw.simulate.faas.FaasTally;
import dev.thaw.simulate.faas.FunctionCatalog;
import dev.thaw.simulate.faas.FaasTrace;
import dev.thaw.simulate.faas.FaasTraceReader;
import dev.thaw.simulate.faas.LogNormalColdStartModel;
import dev.thaw.simulate.faas.PlatformConfig;
import dev.thaw.simulate.faas.RecordingRequestLog;
import dev.thaw.simulate.faas.RequestLog;
import dev.thaw.simulate.faas.SyntheticInvocations;
import dev.thaw.simulate.faas.policy.KeepAlivePolicies;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "faas", mixinStandardHelpOptions = true,
        description = "Replay invocations on a simulated serverless platform under a keep-alive policy: cold starts, "
                + "wasted memory-time, pod utility ratios, added latency and cost; --compare adds the standard policies.")
public final class FaasCommand implements Callable<Integer> {

    static final class Input {
        @Option(names = "--trace", paramLabel = "PATH", description = "Invocation trace: Azure Functions 2021, Azure 2019 per-minute invocations, or the Huawei 2025 per-request log (file, folder, .gz, .zip, Parquet).")
        Path trace;
        @Option(names = "--workload", paramLabel = "SPEC", description = "Synthetic workload, e.g. functions=100,rate=10,duration=3600,zipf=1,exec-median=0.1,seed=1.")
        String workload;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--durations", paramLabel = "PATH", description = "Azure 2019 only: function durations file (execution time = its Average).")
    Path durations;

    @Option(names = "--app-memory", paramLabel = "PATH", description = "Azure 2019 only: app memory file (pod memory = its AverageAllocatedMb).")
    Path appMemory;

    @Option(names = "--format", paramLabel = "F", description = "Force the trace format (azure-2021, huawei-2025-request).")
    String format;

    @Option(names = "--policy", paramLabel = "P", defaultValue = "fixed:60s",
            description = "fixed:DURATION (60s, 10m, 0), hybrid[:min-count|:cv-and-count], greedy-dual[:MEM], prewarm[:LEAD[:FALLBACK]] (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--compare", description = "Also replay fixed:60s, fixed:10m, fixed:20m, hybrid and greedy-dual and print the comparison.")
    boolean compare;

    @Option(names = "--concurrency", paramLabel = "N", description = "Per-pod concurrency limit of every function (default: estimated from the Huawei log's pods, else 1).")
    Integer concurrency;

    @Option(names = "--memory-mb", paramLabel = "MB", defaultValue = "256", description = "Pod memory when the trace gives none (Azure) (default: ${DEFAULT-VALUE}).")
    int memoryMb;

    @Option(names = "--cpu-millicores", paramLabel = "M", defaultValue = "400", description = "Pod CPU when the trace gives none (default: ${DEFAULT-VALUE}).")
    int cpuMillicores;

    @Option(names = "--cold-start", paramLabel = "MODEL", defaultValue = "huawei",
            description = "huawei (log-normal components by pod size, shaped after the paper) or constant:SECONDS (default: ${DEFAULT-VALUE}).")
    String coldStart;

    @Option(names = "--max-pods", paramLabel = "N", description = "Cluster pod limit (default: unlimited).")
    Long maxPods;

    @Option(names = "--max-memory-gb", paramLabel = "GB", description = "Cluster memory limit (default: unlimited).")
    Double maxMemoryGb;

    @Option(names = "--max-cpu-cores", paramLabel = "C", description = "Cluster CPU limit (default: unlimited).")
    Double maxCpuCores;

    @Option(names = "--when-full", paramLabel = "queue|reject", defaultValue = "queue", description = "A request needing a pod in a full cluster waits (FIFO) or is rejected (default: ${DEFAULT-VALUE}).")
    String whenFull;

    @Option(names = "--price-per-gb-s", paramLabel = "USD", defaultValue = "0.0000166667", description = "Price of pod memory-time (default: AWS Lambda, ${DEFAULT-VALUE}).")
    double price;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the cold-start draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--requests-out", paramLabel = "FILE", description = "Write the simulated request log as CSV: pod_id, function, arrival_s, start_s, end_s.")
    Path requestsOut;

    @Option(names = "--pods-out", paramLabel = "FILE", description = "Write the simulated pods as CSV: pod_id, function, cold_start_s, cold_start_cost_s, prewarm, deleted_s.")
    Path podsOut;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Replay on Apache Spark, partitioned by function: local[N], spark://host:port, yarn or k8s://... (thaw-spark module; "
                    + "the same result). Functions must be independent: not with --max-pods, --max-memory-gb, --max-cpu-cores or greedy-dual, "
                    + "nor with --requests-out or --pods-out (--compare replays greedy-dual on the driver). The trace is read on the driver.")
    String spark;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override public Integer call() throws IOException {
        KeepAlivePolicies.parse(policy);  // fail on a bad name before reading anything
        Checks.range("--memory-mb", memoryMb, 1, 1 << 24, null);
        Checks.range("--cpu-millicores", cpuMillicores, 1, 1 << 24, null);
        Checks.rangeOrNull("--concurrency", concurrency, 1, 1 << 20, null);
        if (maxPods != null) Checks.range("--max-pods", maxPods, 1, Long.MAX_VALUE, null);
        Checks.positiveOrNull("--max-memory-gb", maxMemoryGb);
        Checks.positiveOrNull("--max-cpu-cores", maxCpuCores);
        Checks.nonNegative("--price-per-gb-s", price);
        List<Object> inputs = java.util.Arrays.asList(input.trace, durations, appMemory);
        if (requestsOut != null) OutputGuard.file(requestsOut, inputs);
        if (podsOut != null) OutputGuard.file(podsOut, inputs);
        if (requestsOut != null && podsOut != null && requestsOut.toAbsolutePath().normalize().equals(podsOut.toAbsolutePath().normalize()))
            throw new IllegalArgumentException("--requests-out and --pods-out name the same file " + podsOut);
        PlatformConfig cfg = config();
        if (spark != null) refuseOnCluster(cfg);
        FaasTraceReader reader = new FaasTraceReader(cpuMillicores, memoryMb);
        FaasTrace trace;
        if (input.trace == null) trace = SyntheticInvocations.generate(input.workload);
        else if (durations != null || appMemory != null) trace = reader.readAzure2019(input.trace, durations, appMemory);
        else trace = reader.read(input.trace, format);
        if (concurrency != null) {
            if (concurrency < 1) throw new IllegalArgumentException("--concurrency must be >= 1");
            trace = trace.withCatalog(trace.catalog().withConcurrency(concurrency));
        }
        if (trace.size() == 0) throw new dev.thaw.ingest.BadInputException(String.valueOf(input.trace != null ? input.trace : "--workload " + input.workload), 0, null, null,
                "holds no invocations (a header but no rows?): nothing to replay");
        System.err.printf(Locale.ROOT, "thaw faas: %,d invocations of %,d functions (%s)%n", trace.size(), trace.catalog().size(), trace.format());

        boolean keepLog = requestsOut != null || podsOut != null;
        RecordingRequestLog log = keepLog ? new RecordingRequestLog() : null;
        List<FaasResult> all = new ArrayList<>();
        FaasResult main;
        if (spark == null) {
            main = trace.replay(KeepAlivePolicies.parse(policy), cfg, log == null ? RequestLog.NONE : log);
            if (log != null) writeLogs(log, trace);
            all.add(main);
            for (String spec : comparedPolicies(main.policy())) all.add(trace.replay(KeepAlivePolicies.parse(spec), cfg, RequestLog.NONE));
        } else {
            try (ProgressDisplay bar = new ProgressDisplay("faas --spark", -1, "rows", false);
                 ScaleOut cluster = ScaleOut.provider().connect(spark, bar::stepTo)) {
                ClusterReplay replay = new ClusterReplay(trace.catalog(), coldStart, whenFull, price, seed);
                List<FaasShards.Shard> shards = FaasShards.split(trace, 2 * cluster.parallelism());
                main = replay.run(cluster, shards, policy);
                all.add(main);
                for (String spec : comparedPolicies(main.policy())) {
                    String why = FaasShards.whyNot(cfg, KeepAlivePolicies.parse(spec));
                    if (why == null) all.add(replay.run(cluster, shards, spec));
                    else {  // a compared policy that couples functions runs whole, on the driver: the comparison stays complete
                        System.err.println("thaw faas: " + KeepAlivePolicies.parse(spec).name() + " replayed on the driver (" + why + ")");
                        all.add(trace.replay(KeepAlivePolicies.parse(spec), cfg, RequestLog.NONE));
                    }
                }
            }
        }

        if (json) {
            Map<String, Object> out = new LinkedHashMap<>(main.toJsonMap());
            out.put("trace_format", trace.format());
            out.put("functions", trace.catalog().size());
            if (trace.observedPods() >= 0) out.put("trace_pods", trace.observedPods());
            if (compare) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (FaasResult r : all) rows.add(r.toJsonMap());
                out.put("comparison", rows);
            }
            JsonOut.print(out);
        } else {
            printText(all, trace);
        }
        return ThawCommand.OK;
    }

    /** With --compare: the standard policies not already replayed as {@code main}, in their usual order. */
    private List<String> comparedPolicies(String main) {
        List<String> out = new ArrayList<>();
        if (!compare) return out;
        Set<String> seen = new LinkedHashSet<>(List.of(main));
        for (String spec : KeepAlivePolicies.COMPARISON) if (seen.add(KeepAlivePolicies.parse(spec).name())) out.add(spec);
        return out;
    }

    /** Usage errors of --spark, before any trace is read: what a partition by function cannot replay. */
    private void refuseOnCluster(PlatformConfig cfg) {
        if (requestsOut != null || podsOut != null)
            throw new IllegalArgumentException("--spark does not write --requests-out or --pods-out (the logs stay on the executors): replay without --spark to get them");
        String why = FaasShards.whyNot(cfg, KeepAlivePolicies.parse(policy));
        if (why != null) throw new IllegalArgumentException("--spark replays functions independently, but " + why + ": replay without --spark");
    }

    /**
     * The replay of one policy on a cluster: every shard (a set of whole functions) replayed in a task, the whole
     * replay's horizon taken from the shards' last activity, every shard finished there, the tallies merged on the
     * driver. Carries the catalog and the options, not the command, to the executors.
     */
    record ClusterReplay(FunctionCatalog catalog, String coldStart, String whenFull, double price, long seed) implements java.io.Serializable {
        FaasResult run(ScaleOut cluster, List<FaasShards.Shard> shards, String policySpec) {
            ClusterReplay r = this;
            List<FaasTally> tallies = cluster.twoRounds(shards,
                    shard -> shard.replay(r.catalog(), KeepAlivePolicies.parse(policySpec), r.config()),
                    FaasSimulator::lastActivity, FaasShards::horizon, FaasSimulator::finish);
            return FaasShards.merge(tallies, catalog, price);
        }

        PlatformConfig config() { return platform(null, null, null, whenFull, coldStart, price, seed); }
    }

    private PlatformConfig config() { return platform(maxPods, maxCpuCores, maxMemoryGb, whenFull, coldStart, price, seed); }

    static PlatformConfig platform(Long maxPods, Double maxCpuCores, Double maxMemoryGb, String whenFull, String coldStart, double price, long seed) {
        ColdStartModel model;
        String cs = coldStart.trim().toLowerCase(Locale.ROOT);
        if (cs.equals("huawei")) model = LogNormalColdStartModel.huaweiDefaults();
        else if (cs.startsWith("constant:")) model = ColdStartModel.constant(KeepAlivePolicies.parseDuration(cs.substring(9)));
        else throw new IllegalArgumentException("--cold-start must be huawei or constant:SECONDS, got '" + coldStart + "'");
        PlatformConfig.WhenFull wf = switch (whenFull.trim().toLowerCase(Locale.ROOT)) {
            case "queue" -> PlatformConfig.WhenFull.QUEUE;
            case "reject" -> PlatformConfig.WhenFull.REJECT;
            default -> throw new IllegalArgumentException("--when-full must be queue or reject, got '" + whenFull + "'");
        };
        return new PlatformConfig(maxPods == null ? Long.MAX_VALUE : maxPods,
                maxCpuCores == null ? Double.POSITIVE_INFINITY : maxCpuCores * 1000,
                maxMemoryGb == null ? Double.POSITIVE_INFINITY : maxMemoryGb * 1024, wf, model, price, seed);
    }

    private void printText(List<FaasResult> all, FaasTrace trace) {
        FaasResult m = all.get(0);
        System.out.printf(Locale.ROOT, "policy %s: %,d invocations, %,d cold starts (%.2f%% of requests waited for a pod), %,d pre-warms%n",
                m.policy(), m.invocations(), m.coldStarts(), 100 * m.coldStartRate(), m.prewarmStarts());
        if (trace.observedPods() >= 0) System.out.printf(Locale.ROOT, "the trace itself used %,d pods (its cold starts)%n", trace.observedPods());
        System.out.printf(Locale.ROOT, "wasted memory-time %.1f GB-s of %.1f GB-s (cost $%.4f); added latency mean %.3f s, p99 %.3f s over %,d delayed requests%n",
                m.wastedMemoryGbS(), m.podMemoryGbS(), m.costUsd(), m.addedLatencyS().mean(), m.addedLatencyS().p99(), m.addedLatencyS().count());
        System.out.printf(Locale.ROOT, "pod utility p50 %.2f, p90 %.2f, %.1f%% below 1; per-app cold-start rate p75 %.3f, p99 %.3f%n",
                m.podUtility().p50(), m.podUtility().p90(), 100 * m.podUtilityShareBelow1(), m.perAppColdStartRate().p75(), m.perAppColdStartRate().p99());
        if (m.rejected() > 0 || m.queued() > 0) System.out.printf(Locale.ROOT, "full cluster: %,d queued, %,d rejected%n", m.queued(), m.rejected());
        if (all.size() > 1) {
            System.out.printf(Locale.ROOT, "%n%-18s %12s %10s %10s %10s %16s %12s %10s%n", "policy", "cold starts", "rate %", "app p75", "app p99", "wasted GB-s", "latency s", "util p50");
            for (FaasResult r : all)
                System.out.printf(Locale.ROOT, "%-18s %,12d %10.3f %10.3f %10.3f %,16.1f %12.1f %10.2f%n", r.policy(), r.coldStarts(), 100 * r.coldStartRate(),
                        r.perAppColdStartRate().p75(), r.perAppColdStartRate().p99(), r.wastedMemoryGbS(), r.addedLatencyTotalS(), r.podUtility().p50());
        }
    }

    private void writeLogs(RecordingRequestLog log, FaasTrace trace) throws IOException {
        if (requestsOut != null) writeAtomically(requestsOut, w -> {
            w.write("pod_id,function,arrival_s,start_s,end_s\n");
            for (int i = 0; i < log.requests(); i++)
                w.write(log.requestPod(i) + "," + trace.catalog().name(log.requestFunction(i)) + "," + log.requestArrival(i) + "," + log.requestStart(i) + "," + log.requestEnd(i) + "\n");
        });
        if (podsOut != null) writeAtomically(podsOut, w -> {
            w.write("pod_id,function,cold_start_s,cold_start_cost_s,prewarm,deleted_s\n");
            for (int p = 0; p < log.pods(); p++)
                w.write(p + "," + trace.catalog().name(log.function(p)) + "," + log.podStart(p) + "," + log.podColdStart(p) + "," + log.prewarmed(p) + "," + log.podDeletedAt(p) + "\n");
        });
    }

    private interface Body { void write(BufferedWriter w) throws IOException; }

    /** Writes to a temporary file next to {@code target}, then renames it: never a half-written output. */
    private static void writeAtomically(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = dev.thaw.ingest.write.TempFiles.register(Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp"));
        try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
            body.write(w);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            dev.thaw.ingest.write.TempFiles.release(tmp);
            throw e;
        }
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        dev.thaw.ingest.write.TempFiles.release(tmp);
    }
}
