package dev.thaw.bench.serving;

import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.ParallelPlan;
import dev.thaw.simulate.llm.ServingConfig;
import dev.thaw.simulate.llm.ServingResult;
import dev.thaw.simulate.llm.ServingSimulator;
import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.simulate.llm.trace.LlmTraceReader;
import dev.thaw.workload.llm.LlmRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Acceptance 3 of issue 5: CPU time to simulate the one-hour Azure 2023 conversation trace (19,366 requests) for
 * Llama-3.1-70B on 8 x H100 at TP8 with the vLLM v1 profile. Reports the CPU seconds of one run (after JIT warm-up),
 * simulated requests per CPU-second and engine iterations per CPU-second.
 * <pre>mvn -o -q -Pbench -pl bench -am package -DskipTests
 * java -cp "bench/target/thaw-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" dev.thaw.bench.serving.ServingBench [trace] [runs]</pre>
 */
public final class ServingBench {
    public static void main(String[] args) {
        Path trace = Path.of(args.length > 0 ? args[0] : "datasets/llm-traces/azure-llm-2023/AzureLLMInferenceTrace_conv.csv");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<LlmRequest> reqs = LlmTraceReader.read(trace);
        ServingConfig cfg = ServingConfig.of(ModelCatalog.resolve("Llama-3.1-70B"),
                Cluster.of(HardwareCatalog.bundled().get("H100-SXM-80GB"), 8, 1), ParallelPlan.parse("dp=1,tp=8,pp=1"))
                .withEngine(EngineProfile.vllmV1());
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double best = Double.POSITIVE_INFINITY, first = 0, firstProcess = 0;
        ServingResult r = null;
        for (int i = 0; i < runs; i++) {
            long c0 = mx.getCurrentThreadCpuTime(), p0 = os.getProcessCpuTime();
            r = ServingSimulator.run(cfg, reqs);
            double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            if (i == 0) { first = cpu; firstProcess = (os.getProcessCpuTime() - p0) / 1e9; }
            best = Math.min(best, cpu);
            System.err.printf(Locale.ROOT, "run %d: %.3f s CPU%n", i + 1, cpu);
        }
        System.out.printf(Locale.ROOT, "trace %s: %d requests, %d iterations, %d preemptions%n", trace.getFileName(), r.requests(), r.iterations(), r.preemptions());
        System.out.printf(Locale.ROOT, "first (cold JVM) run: %.3f s CPU = %.0f requests/CPU-s (%.3f s CPU of the whole process, JIT and GC threads included)%n",
                first, r.requests() / first, firstProcess);
        System.out.printf(Locale.ROOT, "best warm run:        %.3f s CPU = %.0f requests/CPU-s, %.0f iterations/CPU-s%n",
                best, r.requests() / best, r.iterations() / best);
        System.out.printf(Locale.ROOT, "predicted: TTFT mean %.1f ms p99 %.1f ms, TPOT mean %.2f ms p99 %.2f ms, makespan %.1f s%n",
                r.ttftMs().mean(), r.ttftMs().p99(), r.tpotMs().mean(), r.tpotMs().p99(), r.makespanS());
    }
}
