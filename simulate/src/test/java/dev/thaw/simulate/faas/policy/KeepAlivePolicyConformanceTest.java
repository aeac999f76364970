package dev.thaw.simulate.faas.policy;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.faas.ColdStartModel;
import dev.thaw.simulate.faas.FaasResult;
import dev.thaw.simulate.faas.FaasSimulator;
import dev.thaw.simulate.faas.FunctionCatalog;
import dev.thaw.simulate.faas.PlatformConfig;
import dev.thaw.simulate.faas.RecordingRequestLog;
import dev.thaw.workload.faas.Invocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules every keep-alive policy must follow, run over every policy the CLI can name. */
class KeepAlivePolicyConformanceTest {
    private static final int FUNCTIONS = 40;
    private static final FunctionCatalog CATALOG = catalog();
    private static final List<Invocation> WORKLOAD = workload();

    private static FunctionCatalog catalog() {
        FunctionCatalog.Builder b = FunctionCatalog.builder();
        for (int f = 0; f < FUNCTIONS; f++) b.add("f" + f, f % 3 == 0 ? 1000 : 300, f % 3 == 0 ? 1024 : 128, f % 4 == 0 ? 4 : 1, f / 2, "Python3");
        return b.build();
    }

    /** A mix of periodic (timer-like), bursty Poisson and rare functions over 12 hours. */
    private static List<Invocation> workload() {
        SplittableRandom r = new SplittableRandom(42);
        List<Invocation> out = new ArrayList<>();
        double horizon = 12 * 3600;
        for (int f = 0; f < FUNCTIONS; f++) {
            double t = r.nextDouble(0, 600);
            int kind = f % 3;
            double period = 60 * (1 + f % 7) * 5;
            double rate = 0.002 * (1 + f);
            while (t < horizon) {
                out.add(new Invocation(t, f, r.nextDouble(0.01, 2)));
                if (kind == 0) t += period;
                else if (kind == 1) t += -Math.log(1 - r.nextDouble()) / rate;
                else t += r.nextDouble(3600, 6 * 3600);
            }
        }
        out.sort(Comparator.comparingDouble(Invocation::timeS).thenComparingInt(Invocation::function));
        return out;
    }

    private static FaasResult replay(String spec, RecordingRequestLog log) {
        PlatformConfig cfg = PlatformConfig.defaults().withSeed(3);
        return FaasSimulator.replay(WORKLOAD.iterator(), CATALOG, KeepAlivePolicies.parse(spec), cfg, log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixed:0", "fixed:60s", "fixed:10m", "fixed:20m", "fixed:90", "hybrid", "hybrid:min-count", "hybrid:cv-and-count",
            "greedy-dual:2g", "greedy-dual:64g", "prewarm:30s:60s"})
    void everyPolicyKeepsThePlatformRules(String spec) {
        KeepAlivePolicy p = KeepAlivePolicies.parse(spec);
        assertEquals(p.name(), KeepAlivePolicies.parse(p.name()).name(), "name must parse back to the same policy");

        RecordingRequestLog log = new RecordingRequestLog();
        FaasResult r = replay(spec, log);
        assertEquals(WORKLOAD.size(), r.invocations());
        assertEquals(r.invocations(), log.requests() + r.rejected(), "every invocation is served or rejected");
        for (int f = 0; f < FUNCTIONS; f++) assertTrue(r.coldStartsPerFunction()[f] >= 1, "the first invocation of a function is always cold");
        assertTrue(r.coldRequests() <= r.invocations());
        assertTrue(r.wastedMemoryGbS() >= 0 && r.wastedMemoryGbS() <= r.podMemoryGbS() + 1e-9);
        for (int i = 0; i < log.requests(); i++) {
            int pod = (int) log.requestPod(i);
            assertTrue(log.requestStart(i) >= log.podStart(pod) + log.podColdStart(pod) - 1e-9, spec + ": request served before its pod was ready");
            assertTrue(log.requestArrival(i) < log.podDeletedAt(pod) && log.requestEnd(i) <= log.podDeletedAt(pod) + 1e-9, spec + ": request outside its pod's life");
        }
        double budget = p.memoryBudgetMb();
        if (budget != Double.POSITIVE_INFINITY) assertTrue(maxMemory(log) <= budget + 1e-9, spec + ": memory budget exceeded");

        // the same policy replayed again from scratch decides the same way
        FaasResult again = replay(spec, null);
        assertEquals(r.toJsonMap().toString(), again.toJsonMap().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixed:0", "fixed:60s", "hybrid", "hybrid:min-count", "hybrid:cv-and-count", "greedy-dual:2g", "prewarm"})
    void windowsAreWellFormedForAnyHistory(String spec) {
        KeepAlivePolicy p = KeepAlivePolicies.parse(spec);
        p.start(CATALOG, ColdStartModel.constant(1));
        KeepAliveWindow w = new KeepAliveWindow();
        SplittableRandom r = new SplittableRandom(1);
        double t = 0;
        for (int i = 0; i < 20_000; i++) {
            int f = r.nextInt(FUNCTIONS);
            t += r.nextDouble() < 0.1 ? r.nextDouble(0, 40_000) : r.nextDouble(0, 100);
            p.onInvocation(f, t, r.nextDouble(0, 5));
            p.window(f, t + 5, w);
            assertTrue(w.prewarmS >= 0 && Double.isFinite(w.prewarmS), spec + ": pre-warm " + w.prewarmS);
            assertTrue(w.keepAliveS >= 0, spec + ": keep-alive " + w.keepAliveS);
            assertFalse(Double.isNaN(p.evictionPriority(f, t)));
        }
    }

    private static double maxMemory(RecordingRequestLog log) {
        int n = log.pods();
        double[][] ev = new double[2 * n][];
        for (int q = 0; q < n; q++) {
            double mb = CATALOG.memoryMb(log.function(q));
            ev[2 * q] = new double[] {log.podStart(q), mb};
            ev[2 * q + 1] = new double[] {log.podDeletedAt(q), -mb};
        }
        Arrays.sort(ev, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        double cur = 0, max = 0;
        for (double[] e : ev) max = Math.max(max, cur += e[1]);
        return max;
    }
}
