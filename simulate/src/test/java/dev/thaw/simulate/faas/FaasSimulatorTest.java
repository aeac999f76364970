package dev.thaw.simulate.faas;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.faas.policy.FixedKeepAlive;
import dev.thaw.workload.faas.Invocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaasSimulatorTest {
    private static final PlatformConfig CONSTANT = PlatformConfig.defaults().withColdStarts(ColdStartModel.constant(0.05, 0.1, 0, 0.05));

    @Test void keepAliveLongerThanEveryGapGivesExactlyOneColdStartPerFunction() {
        // gaps of at least 2 s, executions of at most 1 s plus a 0.2 s cold start: a pod is always free again
        List<Invocation> inv = Workloads.gaps(40, 200, 2, 120, 1.0, 7);
        FaasResult r = FaasSimulator.replay(inv.iterator(), FunctionCatalog.uniform(40, 300, 128, 1), new FixedKeepAlive(121), CONSTANT);
        assertEquals(8000, r.invocations());
        for (int f = 0; f < 40; f++) assertEquals(1, r.coldStartsPerFunction()[f], "function " + f);
        assertEquals(40, r.coldStarts());
        assertEquals(40, r.coldRequests());
        // negative control: a keep-alive shorter than most gaps loses pods
        FaasResult shortKa = FaasSimulator.replay(inv.iterator(), FunctionCatalog.uniform(40, 300, 128, 1), new FixedKeepAlive(30), CONSTANT);
        assertTrue(shortKa.coldStarts() > 1000, "cold starts with 30 s keep-alive: " + shortKa.coldStarts());
    }

    @Test void keepAliveZeroColdStartsEveryRequestThatFindsNoBusyPod() {
        List<Invocation> inv = Workloads.poisson(20, 5, 2000, 1.5, 11);
        // concurrency 1: no busy pod ever has room, so every request is a cold start
        FaasResult one = FaasSimulator.replay(inv.iterator(), FunctionCatalog.uniform(20, 300, 128, 1), new FixedKeepAlive(0), CONSTANT);
        assertEquals(inv.size(), one.coldStarts());
        assertEquals(0.0, one.wastedMemoryGbS(), 1e-9);

        // unbounded concurrency: a request is warm exactly when an earlier request of its function is still running
        RecordingRequestLog log = new RecordingRequestLog();
        FaasResult many = FaasSimulator.replay(inv.iterator(), FunctionCatalog.uniform(20, 300, 128, 100_000), new FixedKeepAlive(0), CONSTANT, log);
        double[] latestEnd = new double[20];
        Arrays.fill(latestEnd, Double.NEGATIVE_INFINITY);
        long expectedCold = 0;
        int warmOnBusy = 0;
        for (int i = 0; i < log.requests(); i++) {
            int f = log.requestFunction(i);
            double t = log.requestArrival(i);
            boolean busyPod = latestEnd[f] > t;
            boolean startedPod = log.podStart((int) log.requestPod(i)) == t && firstRequestOf(log, i);
            if (!busyPod) expectedCold++;
            assertEquals(!busyPod, startedPod, "request " + i + " at " + t);
            if (busyPod) warmOnBusy++;
            latestEnd[f] = Math.max(latestEnd[f], log.requestEnd(i));
        }
        assertEquals(expectedCold, many.coldStarts());
        assertTrue(warmOnBusy > 100, "the workload must exercise warm hits on busy pods: " + warmOnBusy);
    }

    private static boolean firstRequestOf(RecordingRequestLog log, int i) {
        long pod = log.requestPod(i);
        for (int j = 0; j < i; j++) if (log.requestPod(j) == pod) return false;
        return true;
    }

    @Test void podUtilityMatchesTheRatioComputedFromTheRequestLog() {
        List<Invocation> inv = Workloads.poisson(30, 2, 5000, 0.3, 3);
        RecordingRequestLog log = new RecordingRequestLog();
        FaasResult r = FaasSimulator.replay(inv.iterator(), FunctionCatalog.uniform(30, 300, 128, 1), new FixedKeepAlive(60),
                PlatformConfig.defaults().withSeed(5), log);
        // the analysis definition: join requests to cold starts on podID; (end of last request - cold start) / cold-start time
        double[] last = new double[log.pods()];
        Arrays.fill(last, Double.NaN);
        for (int i = 0; i < log.requests(); i++) {
            int p = (int) log.requestPod(i);
            last[p] = Double.isNaN(last[p]) ? log.requestEnd(i) : Math.max(last[p], log.requestEnd(i));
        }
        List<Double> ratios = new ArrayList<>();
        for (int p = 0; p < log.pods(); p++) if (!Double.isNaN(last[p])) ratios.add((last[p] - log.podStart(p)) / log.podColdStart(p));
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        assertEquals(sorted.length, r.podUtility().count());
        assertTrue(sorted.length > 500);
        assertEquals(rank(sorted, 50), r.podUtility().p50(), 0.006 * rank(sorted, 50));
        assertEquals(rank(sorted, 90), r.podUtility().p90(), 0.006 * rank(sorted, 90));
        long below1 = Arrays.stream(sorted).filter(x -> x < 1).count();
        assertEquals((double) below1 / sorted.length, r.podUtilityShareBelow1(), 0.01);
    }

    private static double rank(double[] sorted, double p) { return sorted[(int) Math.ceil(p / 100 * sorted.length) - 1]; }

    @Test void noRequestRunsBeforeItsPodIsReadyAndConservationHolds() {
        List<Invocation> inv = Workloads.poisson(50, 10, 1000, 0.5, 17);
        RecordingRequestLog log = new RecordingRequestLog();
        FaasResult r = FaasSimulator.replay(inv.iterator(), FunctionCatalog.uniform(50, 300, 128, 2), new FixedKeepAlive(20),
                PlatformConfig.defaults(), log);
        assertEquals(inv.size(), log.requests());
        double delaySum = 0;
        for (int i = 0; i < log.requests(); i++) {
            int p = (int) log.requestPod(i);
            assertTrue(log.requestStart(i) >= log.podStart(p) + log.podColdStart(p) - 1e-9 || log.requestStart(i) >= log.requestArrival(i));
            assertTrue(log.requestStart(i) >= log.podStart(p) + log.podColdStart(p) - 1e-9, "request " + i + " before its pod is ready");
            assertTrue(log.requestArrival(i) < log.podDeletedAt(p), "request " + i + " on a deleted pod");
            assertEquals(log.function(p), log.requestFunction(i));
            delaySum += log.requestStart(i) - log.requestArrival(i);
        }
        assertEquals(delaySum, r.addedLatencyTotalS(), 1e-6 * Math.max(1, delaySum));
        assertEquals(log.pods(), r.pods());
        assertTrue(r.wastedMemoryGbS() > 0 && r.wastedMemoryGbS() < r.podMemoryGbS());
        // memory-time = sum over pods of lifetime x memory
        double gbS = 0;
        for (int p = 0; p < log.pods(); p++) gbS += (log.podDeletedAt(p) - log.podStart(p)) * 128 / 1024.0;
        assertEquals(gbS, r.podMemoryGbS(), 1e-6 * gbS);
    }

    @Test void fullClusterQueuesOrRejectsAndNeverExceedsItsPodLimit() {
        List<Invocation> inv = Workloads.poisson(10, 4, 600, 1.0, 23);
        FunctionCatalog cat = FunctionCatalog.uniform(10, 300, 128, 1);
        PlatformConfig base = PlatformConfig.defaults().withColdStarts(ColdStartModel.constant(0.5));
        RecordingRequestLog log = new RecordingRequestLog();
        FaasResult queued = FaasSimulator.replay(inv.iterator(), cat, new FixedKeepAlive(60),
                base.withCapacity(3, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, PlatformConfig.WhenFull.QUEUE), log);
        assertEquals(0, queued.rejected());
        assertTrue(queued.queued() > 0);
        assertTrue(maxOverlap(log) <= 3, "pods alive at once: " + maxOverlap(log));
        FaasResult rejected = FaasSimulator.replay(inv.iterator(), cat, new FixedKeepAlive(60),
                base.withCapacity(3, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, PlatformConfig.WhenFull.REJECT));
        assertTrue(rejected.rejected() > 0);
        assertEquals(0, rejected.queued());
        // memory limit of 2 pods of 128 MB behaves like a 2-pod limit
        RecordingRequestLog log2 = new RecordingRequestLog();
        FaasSimulator.replay(inv.iterator(), cat, new FixedKeepAlive(60),
                base.withCapacity(Long.MAX_VALUE, Double.POSITIVE_INFINITY, 256, PlatformConfig.WhenFull.QUEUE), log2);
        assertTrue(maxOverlap(log2) <= 2);
    }

    /** Largest number of pods alive at one instant, from start and deletion times in the log. */
    static int maxOverlap(RecordingRequestLog log) {
        int n = log.pods();
        double[][] ev = new double[2 * n][];
        for (int p = 0; p < n; p++) {
            ev[2 * p] = new double[] {log.podStart(p), 1};
            ev[2 * p + 1] = new double[] {log.podDeletedAt(p), -1};
        }
        Arrays.sort(ev, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        int cur = 0, max = 0;
        for (double[] e : ev) max = Math.max(max, cur += (int) e[1]);
        return max;
    }

    @Test void unsortedInputIsRejected() {
        FaasSimulator sim = new FaasSimulator(FunctionCatalog.uniform(2, 300, 128, 1), new FixedKeepAlive(60), CONSTANT, null);
        sim.offer(10, 0, 1);
        assertThrows(IllegalArgumentException.class, () -> sim.offer(5, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> sim.offer(11, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> sim.offer(11, 1, -1));
    }

    @Test void replayIsReproducibleFromItsSeed() {
        List<Invocation> inv = Workloads.poisson(30, 3, 2000, 0.4, 29);
        FunctionCatalog cat = FunctionCatalog.uniform(30, 600, 512, 1);
        FaasResult a = FaasSimulator.replay(inv.iterator(), cat, new FixedKeepAlive(60), PlatformConfig.defaults().withSeed(9));
        FaasResult b = FaasSimulator.replay(inv.iterator(), cat, new FixedKeepAlive(60), PlatformConfig.defaults().withSeed(9));
        FaasResult c = FaasSimulator.replay(inv.iterator(), cat, new FixedKeepAlive(60), PlatformConfig.defaults().withSeed(10));
        assertEquals(a.toJsonMap().toString(), b.toJsonMap().toString());
        assertNotEquals(a.addedLatencyTotalS(), c.addedLatencyTotalS());
    }
}
