package dev.thaw.simulate.llm;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.metrics.RequestLog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.workload.llm.LlmRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Closed-loop clients (fixed concurrency) and the per-request front-end cost. */
class ClosedLoopTest {
    static final ServingConfig CFG = ServingConfig.of(ModelCatalog.resolve("Llama-3.1-8B"),
            Cluster.of(HardwareCatalog.bundled().get("H100-SXM-80GB"), 1, 1), new ParallelPlan(1, 1, 1));

    static List<LlmRequest> requests(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LlmRequest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new LlmRequest(i, 0, 100 + rnd.nextInt(900), 10 + rnd.nextInt(200)));
        return out;
    }

    @Test void everyLaterRequestIsSentExactlyWhenAnEarlierOneFinishesAndAtMostCAreInFlight() {
        int c = 6, n = 60;
        RequestLog log = ServingSimulator.runClosedLoop(CFG, requests(n, 3), c, 0.05).requestLog();
        assertEquals(n, log.size());
        double[] sends = new double[n - c], finishes = new double[n];
        for (int i = 0; i < n; i++) {
            assertTrue(log.completed(i), "request " + i + " completed");
            finishes[i] = log.finishS()[i];
            if (i >= c) sends[i - c] = log.arrivalS()[i];
        }
        // The first c requests start at 0, 0.05, ... 0.25; every later send is some earlier request's finish.
        for (int i = 0; i < c; i++) assertEquals(0.05 * i, log.arrivalS()[i], 1e-12);
        Arrays.sort(finishes);
        assertArrayEquals(Arrays.copyOf(finishes, n - c), sends, 0.0, "sends of requests c.. are the first n - c finishes");
        // At every send, at most c requests are in flight (sent and not finished).
        for (int i = 0; i < n; i++) {
            double t = log.arrivalS()[i];
            int inFlight = 0;
            for (int j = 0; j < n; j++) if (log.arrivalS()[j] <= t && log.finishS()[j] > t) inFlight++;
            assertTrue(inFlight <= c, "in flight at " + t + ": " + inFlight);
        }
    }

    @Test void clientsInCohortsSendKAtATimeEachWhenTheKthPendingFinishHappensAndNeverExceedC() {
        int c = 6, k = 3, n = 60;
        RequestLog log = ServingSimulator.runClosedLoop(CFG, requests(n, 7), c, k, 0).requestLog();
        double[] finishes = new double[n];
        for (int i = 0; i < n; i++) {
            assertTrue(log.completed(i), "request " + i + " completed");
            finishes[i] = log.finishS()[i];
        }
        Arrays.sort(finishes);
        // Later requests go out k at a time, together, at the time of every k-th finish (finishes k, 2k, ...).
        for (int g = 0; c + g * k < n; g++) {
            double sent = log.arrivalS()[c + g * k];
            for (int j = 1; j < k; j++) assertEquals(sent, log.arrivalS()[c + g * k + j], 0.0, "cohort " + g + " sent together");
            assertEquals(finishes[(g + 1) * k - 1], sent, 0.0, "cohort " + g + " sent at finish " + ((g + 1) * k));
        }
        for (int i = 0; i < n; i++) {
            double t = log.arrivalS()[i];
            int inFlight = 0;
            for (int j = 0; j < n; j++) if (log.arrivalS()[j] <= t && log.finishS()[j] > t) inFlight++;
            assertTrue(inFlight <= c, "in flight at " + t + ": " + inFlight);
        }
        // Cohorts queue prompts together, so first tokens come no sooner on average than with clients on their own.
        RequestLog alone = ServingSimulator.runClosedLoop(CFG, requests(n, 7), c, 1, 0).requestLog();
        assertTrue(meanTtft(log) > meanTtft(alone), "cohorts " + meanTtft(log) + " vs alone " + meanTtft(alone));
        assertThrows(IllegalArgumentException.class, () -> ServingSimulator.runClosedLoop(CFG, requests(n, 7), c, c + 1, 0));
    }

    static double meanTtft(RequestLog log) {
        double s = 0;
        for (int i = 0; i < log.size(); i++) s += log.ttftS(i);
        return s / log.size();
    }

    @Test void requestFixedCostDelaysEveryFirstTokenByItAtLightLoad() {
        double fixed = 0.020;
        List<LlmRequest> reqs = requests(80, 5);
        EngineProfile base = EngineProfile.vllmV1();
        EngineOverheads o = base.overheads();
        EngineProfile withFixed = base.withOverheads(new EngineOverheads(o.stepS(), o.perSeqS(), 0, 0, 0, 0, fixed, 0));
        RequestLog a = ServingSimulator.runClosedLoop(CFG.withEngine(base.withOverheads(o.stepS(), o.perSeqS())), reqs, 1, 0).requestLog();
        RequestLog b = ServingSimulator.runClosedLoop(CFG.withEngine(withFixed), reqs, 1, 0).requestLog();
        double sum = 0;
        for (int i = 0; i < reqs.size(); i++) {
            double d = b.ttftS(i) - a.ttftS(i);
            assertTrue(d >= 0, "a front-end cost never makes a first token earlier");
            assertEquals(a.e2eS(i) - a.ttftS(i), b.e2eS(i) - b.ttftS(i), 1e-9, "one client alone: decode time unchanged");
            sum += d;
        }
        // One client alone: every first token comes exactly the fixed cost later.
        assertEquals(fixed, sum / reqs.size(), 1e-9);
    }
}
