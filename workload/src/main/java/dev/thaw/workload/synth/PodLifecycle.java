package dev.thaw.workload.synth;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * Huawei's pod life cycle for one function (docs/analytics.md): a request goes to an alive pod with a free
 * concurrency slot; when there is none (no pod alive, or all full) a new pod is cold-started for it. A pod stays
 * alive until {@code keepAliveS} after the end of its last request: every request resets the keep-alive.
 *
 * <p>A pod runs nothing before its cold start is over: the requests it takes meanwhile (its own first one and any
 * that find a free slot on it) wait in their slots and run once it is ready, as in the platform simulator
 * ({@code thaw faas}). A session that brings more requests during a slow cold start than the pod has slots
 * cold-starts a second pod.
 */
public final class PodLifecycle {
    /** Per request: index of the pod serving it (0-based, in order of creation) and whether it started that pod. */
    public record Result(int[] pod, boolean[] coldStart, int pods) {}

    private PodLifecycle() {}

    /** Pods that are ready the instant they are started. */
    public static Result simulate(double[] arrivalS, double[] execS, int concurrency, double keepAliveS) {
        return simulate(arrivalS, execS, concurrency, keepAliveS, i -> 0);
    }

    /**
     * {@code arrivalS} sorted ascending; {@code execS[i]} is the execution time of request i and
     * {@code coldStartS.applyAsDouble(i)} how long the pod that request i would cold-start takes to be ready.
     */
    public static Result simulate(double[] arrivalS, double[] execS, int concurrency, double keepAliveS, IntToDoubleFunction coldStartS) {
        if (concurrency < 1) throw new IllegalArgumentException("pod concurrency must be >= 1");
        int n = arrivalS.length;
        int[] pod = new int[n];
        boolean[] cold = new boolean[n];
        PodPool pool = new PodPool(concurrency, keepAliveS);
        for (int i = 0; i < n; i++) {
            double t = arrivalS[i];
            cold[i] = pool.place(t, coldStartS, i);
            double end = Math.max(t, pool.ready()) + execS[i];
            pool.occupy(end);
            pod[i] = pool.chosen;
        }
        return new Result(pod, cold, pool.pods);
    }

    /** Requests in the order they reached the platform: their times and, per position, the request's index in the input. */
    public record Closed(double[] arrivalS, int[] order, Result pods) {}

    /**
     * As {@link #simulate(double[], double[], int, double, IntToDoubleFunction)}, for requests that belong to
     * closed-loop sessions: {@code next[i]} is the next request of request i's session (-1: none), which its client
     * sends only after request i's response, so it is held back by as long as request i waited for its pod to be
     * ready. Times are kept on the millisecond grid. {@code coldStartS} is indexed like the input.
     */
    public static Closed simulateSessions(double[] arrivalS, double[] execS, int[] next, int concurrency, double keepAliveS,
                                          IntToDoubleFunction coldStartS) {
        if (concurrency < 1) throw new IllegalArgumentException("pod concurrency must be >= 1");
        int n = arrivalS.length;
        boolean[] follower = new boolean[n];
        for (int i = 0; i < n; i++) if (next[i] >= 0) follower[next[i]] = true;
        double[] time = arrivalS.clone();
        java.util.PriorityQueue<Integer> due = new java.util.PriorityQueue<>(
                (a, b) -> time[a] != time[b] ? Double.compare(time[a], time[b]) : Integer.compare(a, b));
        for (int i = 0; i < n; i++) if (!follower[i]) due.add(i);
        int[] pod = new int[n], order = new int[n];
        boolean[] cold = new boolean[n];
        double[] at = new double[n];
        PodPool pool = new PodPool(concurrency, keepAliveS);
        for (int j = 0; j < n; j++) {
            int i = due.poll();
            double t = time[i];
            cold[j] = pool.place(t, coldStartS, i);
            double wait = Math.max(0, pool.ready() - t), end = t + wait + execS[i];
            pool.occupy(end);
            pod[j] = pool.chosen;
            order[j] = i;
            at[j] = t;
            if (next[i] >= 0) {
                time[next[i]] = Math.rint((arrivalS[next[i]] + (t - arrivalS[i]) + wait) * 1000) / 1000;
                due.add(next[i]);
            }
        }
        return new Closed(at, order, new Result(pod, cold, pool.pods));
    }

    /**
     * The pods of one function as requests are placed on them: when each expires (keep-alive after its last
     * request), when it is ready, and when each of its slots frees. Placement is first fit over live pods in
     * creation order; a request that finds no free slot cold-starts a new pod.
     */
    private static final class PodPool {
        private final int concurrency;
        private final double keepAliveS;
        private double[] expiry = new double[8], ready = new double[8];
        private double[][] slotEnd = new double[8][];
        int pods, chosen;
        private int firstAlive, slot;

        PodPool(int concurrency, double keepAliveS) {
            this.concurrency = concurrency;
            this.keepAliveS = keepAliveS;
        }

        /** Places request {@code i} arriving at {@code t} ({@link #chosen}); true when it cold-starts a new pod. */
        boolean place(double t, IntToDoubleFunction coldStartS, int i) {
            while (firstAlive < pods && expiry[firstAlive] <= t) firstAlive++;
            chosen = -1;
            for (int p = firstAlive; p < pods && chosen < 0; p++) {
                if (expiry[p] <= t) continue;
                for (int s = 0; s < concurrency; s++) if (slotEnd[p][s] <= t) { chosen = p; slot = s; break; }
            }
            if (chosen >= 0) return false;
            if (pods == expiry.length) {
                expiry = Arrays.copyOf(expiry, pods * 2);
                ready = Arrays.copyOf(ready, pods * 2);
                slotEnd = Arrays.copyOf(slotEnd, pods * 2);
            }
            chosen = pods++;
            slot = 0;
            slotEnd[chosen] = new double[concurrency];
            ready[chosen] = t + coldStartS.applyAsDouble(i);
            return true;
        }

        /** When the chosen pod is (or was) ready. */
        double ready() { return ready[chosen]; }

        /** The placed request holds its slot until {@code end}; the pod lives until keep-alive after it. */
        void occupy(double end) {
            slotEnd[chosen][slot] = end;
            expiry[chosen] = Math.max(expiry[chosen], end + keepAliveS);
        }
    }
}
