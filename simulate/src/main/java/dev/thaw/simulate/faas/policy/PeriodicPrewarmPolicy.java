package dev.thaw.simulate.faas.policy;

import dev.thaw.simulate.faas.ColdStartModel;
import dev.thaw.simulate.faas.FunctionCatalog;
import java.util.Arrays;

/**
 * Pre-warming for periodic functions (timers are about 60% of Huawei functions): when the last two idle times of a
 * function agree within {@code tolerance} (relative) and are longer than twice {@code leadS}, the pod is unloaded as
 * soon as it goes idle and a fresh one is pre-warmed {@code leadS} before the next expected arrival, kept for
 * {@code 2 x leadS}. Functions without such a period get a fixed keep-alive of {@code fallbackS}.
 */
public final class PeriodicPrewarmPolicy implements KeepAlivePolicy {
    private final double leadS, fallbackS, tolerance;
    private double[] lastEnd, idle1, idle2;

    public PeriodicPrewarmPolicy(double leadS, double fallbackS, double tolerance) {
        if (!(leadS > 0) || !(fallbackS >= 0) || !(tolerance >= 0)) throw new IllegalArgumentException("lead > 0, fallback >= 0, tolerance >= 0 required");
        this.leadS = leadS;
        this.fallbackS = fallbackS;
        this.tolerance = tolerance;
    }

    @Override public void start(FunctionCatalog catalog, ColdStartModel coldStarts) {
        int n = catalog.size();
        lastEnd = new double[n];
        idle1 = new double[n];
        idle2 = new double[n];
        Arrays.fill(lastEnd, Double.NaN);
        Arrays.fill(idle1, Double.NaN);
        Arrays.fill(idle2, Double.NaN);
    }

    @Override public void onInvocation(int f, double timeS, double durationS) {
        if (!Double.isNaN(lastEnd[f])) {
            idle2[f] = idle1[f];
            idle1[f] = Math.max(0, timeS - lastEnd[f]);
        }
        double end = timeS + durationS;
        if (Double.isNaN(lastEnd[f]) || end > lastEnd[f]) lastEnd[f] = end;
    }

    @Override public void window(int f, double idleFromS, KeepAliveWindow out) {
        double a = idle1[f], b = idle2[f];
        if (!Double.isNaN(b) && a > 2 * leadS && Math.abs(a - b) <= tolerance * Math.max(a, b)) {
            out.set(a - leadS, 2 * leadS);
        } else {
            out.set(0, fallbackS);
        }
    }

    @Override public String name() {
        return "prewarm:" + KeepAlivePolicies.formatDuration(leadS) + ":" + KeepAlivePolicies.formatDuration(fallbackS);
    }
}
