package dev.thaw.workload.synth;

import java.util.Arrays;

/**
 * Huawei's pod life cycle for one function (docs/analytics.md): a request goes to an alive pod with a free
 * concurrency slot; when there is none (no pod alive, or all full) a new pod is cold-started for it. A pod stays
 * alive until {@code keepAliveS} after the end of its last request: every request resets the keep-alive.
 */
public final class PodLifecycle {
    /** Per request: index of the pod serving it (0-based, in order of creation) and whether it started that pod. */
    public record Result(int[] pod, boolean[] coldStart, int pods) {}

    private PodLifecycle() {}

    /** {@code arrivalS} sorted ascending; {@code execS[i]} is the execution time of request i. */
    public static Result simulate(double[] arrivalS, double[] execS, int concurrency, double keepAliveS) {
        if (concurrency < 1) throw new IllegalArgumentException("pod concurrency must be >= 1");
        int n = arrivalS.length;
        int[] pod = new int[n];
        boolean[] cold = new boolean[n];
        double[] expiry = new double[8];
        double[][] slotEnd = new double[8][];
        int pods = 0, firstAlive = 0;
        for (int i = 0; i < n; i++) {
            double t = arrivalS[i], end = t + execS[i];
            while (firstAlive < pods && expiry[firstAlive] <= t) firstAlive++;
            int chosen = -1, slot = -1;
            for (int p = firstAlive; p < pods && chosen < 0; p++) {
                if (expiry[p] <= t) continue;
                for (int s = 0; s < concurrency; s++) if (slotEnd[p][s] <= t) { chosen = p; slot = s; break; }
            }
            if (chosen < 0) {
                if (pods == expiry.length) { expiry = Arrays.copyOf(expiry, pods * 2); slotEnd = Arrays.copyOf(slotEnd, pods * 2); }
                chosen = pods++;
                slot = 0;
                slotEnd[chosen] = new double[concurrency];
                cold[i] = true;
            }
            slotEnd[chosen][slot] = end;
            expiry[chosen] = Math.max(expiry[chosen], end + keepAliveS);
            pod[i] = chosen;
        }
        return new Result(pod, cold, pods);
    }
}
