package dev.thaw.simulate.search;

import dev.thaw.workload.llm.LlmRequest;

/** Builds lower-bound {@link Figures} from per-request lower bounds, bounding makespan, energy and cost from them. */
public final class Bounds {
    private Bounds() {}

    /**
     * @param idlePowerW total idle power of the plan's devices: energy is at least that times the makespan
     * @param pricePerHourUsd total price of the plan's devices per hour
     */
    public static Figures of(Workload w, double[] ttftLb, double[] tpotLb, double[] e2eLb, double idlePowerW, double pricePerHourUsd) {
        double lastFinish = Double.NEGATIVE_INFINITY;
        int i = 0;
        for (LlmRequest r : w.requests()) lastFinish = Math.max(lastFinish, r.arrivalS() + e2eLb[i++]);
        double makespan = Math.max(0, lastFinish - w.firstArrivalS());
        return new Figures(ttftLb, tpotLb, e2eLb, makespan, idlePowerW * makespan, pricePerHourUsd * makespan / 3600.0,
                w.outputTokens(), 0);
    }

    /**
     * Multiplies every per-request time by {@code factor} (at most 1), a safety margin for models whose bound is
     * approximate, and recomputes the makespan from the shrunken E2E times (scaling the makespan itself would throw
     * away the whole bound on throughput). Energy and cost keep their ratio to the makespan.
     */
    public static Figures slack(Figures f, Workload w, double factor) {
        double[] e2e = scale(f.e2eS(), factor);
        double lastFinish = Double.NEGATIVE_INFINITY;
        int i = 0;
        for (LlmRequest r : w.requests()) lastFinish = Math.max(lastFinish, r.arrivalS() + e2e[i++]);
        double makespan = Math.min(f.makespanS(), Math.max(0, lastFinish - w.firstArrivalS()));
        double k = f.makespanS() > 0 ? makespan / f.makespanS() : 0;
        return new Figures(scale(f.ttftS(), factor), scale(f.tpotS(), factor), e2e, makespan, f.energyJ() * k, f.costUsd() * k,
                f.outputTokens(), 0);
    }

    private static double[] scale(double[] a, double k) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] * k;
        return out;
    }
}
