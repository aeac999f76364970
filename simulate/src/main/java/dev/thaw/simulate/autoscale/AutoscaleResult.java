package dev.thaw.simulate.autoscale;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Outcome of one autoscaled serving run. TTFT includes the wait for a replica's cold start; that wait is also
 * reported alone ({@code coldStartDelayS}, over the requests that had to wait) and TTFT without it
 * ({@code ttftWarmS}). GPU-hours count every replica from the start of its cold start to its removal.
 */
public record AutoscaleResult(String label, int requests, int completed, int replicaStarts, int maxReplicasAlive,
                              Stats ttftS, Stats ttftWarmS, Stats coldStartDelayS, Stats tpotS, Stats e2eS,
                              double sloAttainment, double goodputReqPerS, double gpuHours, double costUsd,
                              double goodputPerDollar, double makespanS, Detail detail) implements java.io.Serializable {

    /** Mean and nearest-rank percentiles of a sample; NaN when empty. */
    public record Stats(int count, double mean, double p50, double p90, double p99, double max) implements java.io.Serializable {
        static Stats of(double[] values, int n) {
            double[] v = Arrays.copyOf(values, n);
            Arrays.sort(v);
            if (n == 0) return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            double s = 0;
            for (double x : v) s += x;
            return new Stats(n, s / n, rank(v, 50), rank(v, 90), rank(v, 99), v[n - 1]);
        }

        private static double rank(double[] v, double p) { return v[Math.max(0, (int) Math.ceil(p / 100 * v.length) - 1)]; }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", count); m.put("mean", nan(mean)); m.put("p50", nan(p50)); m.put("p90", nan(p90)); m.put("p99", nan(p99)); m.put("max", nan(max));
            return m;
        }
    }

    /**
     * Per request (in arrival order): the replica that served it, when that replica was ready, when the request
     * could first reach it, its first-token and finish times; per replica: start, ready and removal times.
     */
    public record Detail(double[] arrivalS, int[] replica, double[] replicaReadyS, double[] availableS, double[] firstTokenS,
                         double[] finishS, double[] replicaStartS, double[] replicaReadyAt, double[] replicaEndS) implements java.io.Serializable {}

    static Object nan(double v) { return Double.isFinite(v) ? v : null; }

    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", label);
        m.put("requests", requests);
        m.put("completed", completed);
        m.put("replica_cold_starts", replicaStarts);
        m.put("max_replicas_alive", maxReplicasAlive);
        m.put("ttft_s", ttftS.toMap());
        m.put("ttft_warm_s", ttftWarmS.toMap());
        m.put("cold_start_delay_s", coldStartDelayS.toMap());
        m.put("tpot_s", tpotS.toMap());
        m.put("e2e_s", e2eS.toMap());
        m.put("slo_attainment", sloAttainment);
        m.put("goodput_req_per_s", goodputReqPerS);
        m.put("gpu_hours", gpuHours);
        m.put("cost_usd", costUsd);
        m.put("goodput_per_dollar", nan(goodputPerDollar));
        m.put("makespan_s", makespanS);
        return m;
    }
}
