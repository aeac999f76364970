package dev.thaw.simulate.autoscale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replicas up and requests waiting over time in one autoscaled run, sampled at evenly spaced instants, and the
 * moments replicas were started by scaling out (the cold starts; the warm minimum at time 0 is not one).
 *
 * @param timeS      sample instants
 * @param replicas   replicas up (from the start of their cold start to their removal) at each instant
 * @param waiting    requests that have arrived and have no first token yet at each instant
 * @param coldStartS start times of the replicas started by scaling out
 */
public record ScalingTimeline(double[] timeS, int[] replicas, int[] waiting, double[] coldStartS) {
    /** Samples {@code d} at {@code points} instants from the first arrival to the last finish. */
    public static ScalingTimeline of(AutoscaleResult.Detail d, int points) {
        int n = d.arrivalS().length;
        if (n == 0 || points < 2) return new ScalingTimeline(new double[0], new int[0], new int[0], new double[0]);
        double t0 = d.arrivalS()[0], t1 = t0;
        for (double f : d.finishS()) if (Double.isFinite(f)) t1 = Math.max(t1, f);
        for (double a : d.arrivalS()) t1 = Math.max(t1, a);
        double dt = Math.max(1e-9, (t1 - t0) / (points - 1));
        int[] up = new int[points + 1], wait = new int[points + 1];
        for (int r = 0; r < d.replicaStartS().length; r++) add(up, d.replicaStartS()[r], d.replicaEndS()[r], t0, dt, points);
        for (int i = 0; i < n; i++) {
            double first = Double.isFinite(d.firstTokenS()[i]) ? d.firstTokenS()[i] : Double.POSITIVE_INFINITY;
            add(wait, d.arrivalS()[i], first, t0, dt, points);
        }
        double[] t = new double[points];
        int[] replicas = new int[points], waiting = new int[points];
        int a = 0, b = 0;
        for (int k = 0; k < points; k++) {
            a += up[k];
            b += wait[k];
            t[k] = t0 + k * dt;
            replicas[k] = a;
            waiting[k] = b;
        }
        List<Double> cold = new ArrayList<>();
        // replicas that were ready the moment they started are the warm minimum, not cold starts
        for (int r = 0; r < d.replicaStartS().length; r++)
            if (d.replicaReadyAt()[r] > d.replicaStartS()[r]) cold.add(d.replicaStartS()[r]);
        return new ScalingTimeline(t, replicas, waiting, cold.stream().mapToDouble(Double::doubleValue).sorted().toArray());
    }

    /** Counts an interval [from, to) at every sample instant t0 + k dt inside it (a difference array). */
    private static void add(int[] diff, double from, double to, double t0, double dt, int points) {
        if (!(to > from)) return;
        int k0 = (int) Math.max(0, Math.ceil((from - t0) / dt));
        int k1 = Double.isInfinite(to) ? points : (int) Math.min(points, Math.max(0, Math.ceil((to - t0) / dt)));
        if (k0 >= k1) return;
        diff[k0]++;
        diff[k1]--;
    }

    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t_s", timeS);
        m.put("replicas", replicas);
        m.put("waiting", waiting);
        m.put("cold_starts_s", coldStartS);
        return m;
    }
}
