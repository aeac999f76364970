package dev.thaw.simulate.search;

import dev.thaw.simulate.llm.Precision;
import dev.thaw.simulate.llm.Slo;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.workload.llm.LlmRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectivesTest {
    private static final Slo SLO = new Slo(1000, 50);

    private static Figures figures(double[] ttft, double[] tpot, double makespan) {
        double[] e2e = new double[ttft.length];
        for (int i = 0; i < e2e.length; i++) e2e[i] = ttft[i] + 10 * (Double.isNaN(tpot[i]) ? 0 : tpot[i]);
        return new Figures(ttft, tpot, e2e, makespan, 1000, 2.0, 500, 0);
    }

    @Test void nearestRankPercentilesAndMeanByHand() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) v[i] = 100 - i;  // 1..100 shuffled order
        Stats s = Stats.of(v);
        assertEquals(50.5, s.mean(), 1e-12);
        assertEquals(50, s.p50());
        assertEquals(90, s.p90());
        assertEquals(99, s.p99());
        assertEquals(2, Stats.of(new double[] {Double.NaN, 2, Double.NaN}).mean());
    }

    @Test void scoresHaveTheRightSignAndUnits() {
        Figures f = figures(new double[] {0.5, 1.5, 0.2}, new double[] {0.04, 0.02, Double.NaN}, 10);
        assertEquals((0.5 + 1.5 + 0.2) / 3 * 1e3, Objectives.parse("ttft-mean", SLO).value(f), 1e-9);
        assertEquals(1.5, Objectives.parse("ttft-p99", SLO).score(f));
        assertEquals(0.03, Objectives.parse("tpot-mean", SLO).score(f), 1e-12);
        Objective tp = Objectives.parse("throughput", SLO);
        assertTrue(tp.maximised());
        assertEquals(-50.0, tp.score(f));
        // Requests 1 (TTFT 0.5, TPOT 0.04) and 3 (TTFT 0.2, one token) meet the SLO; request 2 misses TTFT.
        assertEquals(2, f.metSlo(SLO));
        assertEquals(0.2, Objectives.parse("goodput", SLO).value(f), 1e-12);
        assertEquals(2.0, Objectives.parse("energy", SLO).value(f), 1e-12);
        assertEquals(4000.0, Objectives.parse("cost", SLO).value(f), 1e-9);
    }

    @Test void mixNormalisesByTheReference() {
        Figures ref = figures(new double[] {1, 1}, new double[] {0.1, 0.1}, 10);
        Figures half = figures(new double[] {0.5, 0.5}, new double[] {0.1, 0.1}, 10);
        Objective mix = Objectives.mix("mix:ttft-mean=1,tpot-mean=3", SLO, ref);
        assertEquals(4.0, mix.score(ref), 1e-12);
        assertEquals(0.5 + 3, mix.score(half), 1e-12);
    }

    @Test void badNamesAreRejectedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Objectives.parse("latency", SLO));
        assertTrue(e.getMessage().contains("ttft-mean"));
        assertThrows(IllegalArgumentException.class, () -> Objectives.mix("mix:ttft-mean=-1", SLO, figures(new double[] {1}, new double[] {1}, 1)));
        assertThrows(IllegalArgumentException.class, () -> new Slo(0, 1));
    }

    @Test void rateScalingDividesGapsAndKeepsTheFirstArrival() {
        Workload w = new Workload("w", List.of(new LlmRequest(1, 10, 5, 5), new LlmRequest(2, 14, 5, 5), new LlmRequest(3, 12, 5, 5)));
        Workload fast = w.rateScaled(2);
        assertEquals(List.of(10.0, 11.0, 12.0), fast.requests().stream().map(LlmRequest::arrivalS).toList());
        assertEquals(2 * w.ratePerS(), fast.ratePerS(), 1e-12);
        assertEquals(List.of(1L, 3L, 2L), fast.requests().stream().map(LlmRequest::id).toList());
    }

    @Test void maxSustainableRateSitsOnTheEdgeOfTheSlo() {
        ToyEvaluator ev = new ToyEvaluator(40, 24);
        Workload w = Workloads.poisson(200, 5, 1000, 200, 9);
        Candidate c = new Candidate(0, new ClusterChoice("toy", 4, 1), 2, 2, 1, 1, List.of(12), Precision.BF16, Precision.BF16,
                "vllm-v1", 8, 2048, "least-outstanding");
        Slo slo = new Slo(3000, 50);  // the longest toy prefill takes 2 s alone
        MaxSustainableRate.Result r = MaxSustainableRate.find(ev, c, w, slo, 0.9, 8);
        assertTrue(r.bracketed());
        assertTrue(MaxSustainableRate.meets(ev, c, w, r.rateScale(), slo, 0.9));
        assertFalse(MaxSustainableRate.meets(ev, c, w, r.rateScale() * 1.1, slo, 0.9));
        assertEquals(r.rateScale() * w.ratePerS(), r.requestsPerS(), 1e-9);
    }
}
