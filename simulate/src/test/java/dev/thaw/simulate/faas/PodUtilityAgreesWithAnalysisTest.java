package dev.thaw.simulate.faas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.analysis.utility.UtilityAggregator;
import dev.thaw.simulate.faas.policy.FixedKeepAlive;
import dev.thaw.workload.faas.Invocation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: the pod utility ratios the platform simulator reports equal those the analysis module computes from the
 * simulator's own logs, handed over as the Huawei tables (cold starts and per-request rows joined on podID).
 */
class PodUtilityAgreesWithAnalysisTest {

    @Test void simulatorAndAnalysisModuleAgreeOnPodUtility() {
        List<Invocation> inv = Workloads.poisson(30, 2, 5000, 0.3, 3);
        RecordingRequestLog log = new RecordingRequestLog();
        FaasResult r = FaasSimulator.replay(inv.iterator(), FunctionCatalog.uniform(30, 300, 128, 1), new FixedKeepAlive(60),
                PlatformConfig.defaults().withSeed(5), log);

        // One definition on both sides, the analysis's defaults: cold start at its start, last request at its end
        // (time_worker, when the worker took the request, + totalCost_worker).
        UtilityAggregator analysis = new UtilityAggregator();
        try (RootAllocator alloc = new RootAllocator();
             VectorSchemaRoot cold = VectorSchemaRoot.of(new VarCharVector("podID", alloc), new Float8Vector("time", alloc), new Float8Vector("totalCost_cold_start", alloc));
             VectorSchemaRoot req = VectorSchemaRoot.of(new VarCharVector("podID", alloc), new Float8Vector("time_worker", alloc), new Float8Vector("totalCost_worker", alloc))) {
            for (int p = 0; p < log.pods(); p++) {
                ((VarCharVector) cold.getVector(0)).setSafe(p, podId(p));
                ((Float8Vector) cold.getVector(1)).setSafe(p, log.podStart(p));
                ((Float8Vector) cold.getVector(2)).setSafe(p, log.podColdStart(p));
            }
            cold.setRowCount(log.pods());
            for (int i = 0; i < log.requests(); i++) {
                ((VarCharVector) req.getVector(0)).setSafe(i, podId((int) log.requestPod(i)));
                ((Float8Vector) req.getVector(1)).setSafe(i, log.requestStart(i));
                ((Float8Vector) req.getVector(2)).setSafe(i, log.requestEnd(i) - log.requestStart(i));
            }
            req.setRowCount(log.requests());
            analysis.accept(cold);
            analysis.accept(req);
        }
        Map<String, Object> s = analysis.summary();
        assertTrue(r.podUtility().count() > 500, "pods with requests: " + r.podUtility().count());
        assertEquals(r.podUtility().count(), ((Number) s.get("pods")).longValue());
        double p50 = ((Number) s.get("p50")).doubleValue(), p90 = ((Number) s.get("p90")).doubleValue();
        // Both sides summarise with quantile sketches of about 0.5% relative error.
        assertEquals(p50, r.podUtility().p50(), 0.012 * p50, "p50");
        assertEquals(p90, r.podUtility().p90(), 0.012 * p90, "p90");
        assertEquals(((Number) s.get("share_below_1")).doubleValue(), r.podUtilityShareBelow1(), 0.01, "share of pods below 1");
    }

    private static byte[] podId(int p) { return ("pool22-300-128-" + String.format("%010d", p)).getBytes(StandardCharsets.UTF_8); }
}
