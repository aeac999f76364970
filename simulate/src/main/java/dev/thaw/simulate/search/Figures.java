package dev.thaw.simulate.search;

import dev.thaw.simulate.llm.Slo;

/**
 * What objectives are computed from: per-request TTFT, TPOT and E2E in seconds (workload order; TPOT NaN for
 * one-token outputs, +infinity for rejected requests), the wall-clock makespan, energy and cost. The same record
 * carries either the outcome of a simulation or analytic lower bounds on it: every objective is monotone in every
 * field, so an objective evaluated on bounds is a bound on the objective of the outcome.
 */
public record Figures(double[] ttftS, double[] tpotS, double[] e2eS, double makespanS, double energyJ,
                      double costUsd, long outputTokens, int rejected) implements java.io.Serializable {
    public Figures {
        if (ttftS.length != tpotS.length || ttftS.length != e2eS.length) throw new IllegalArgumentException("per-request arrays differ in length");
    }

    public int requests() { return ttftS.length; }

    /** Requests per second over the makespan. */
    public double requestsPerS() { return makespanS > 0 ? (requests() - rejected) / makespanS : 0; }

    public double outputTokensPerS() { return makespanS > 0 ? outputTokens / makespanS : 0; }

    /** Requests that met both SLOs. A NaN TPOT (one output token) meets any TPOT SLO. */
    public int metSlo(Slo slo) {
        int n = 0;
        for (int i = 0; i < ttftS.length; i++)
            if (ttftS[i] * 1e3 <= slo.ttftMs() && (Double.isNaN(tpotS[i]) || tpotS[i] * 1e3 <= slo.tpotMs())) n++;
        return n;
    }

    public double goodputReqPerS(Slo slo) { return makespanS > 0 ? metSlo(slo) / makespanS : 0; }

    public double energyPerTokenJ() { return outputTokens > 0 ? energyJ / outputTokens : Double.POSITIVE_INFINITY; }

    public double costPerMillionTokensUsd() { return outputTokens > 0 ? costUsd * 1e6 / outputTokens : Double.POSITIVE_INFINITY; }
}
