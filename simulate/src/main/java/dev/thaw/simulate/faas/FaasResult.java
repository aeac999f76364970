package dev.thaw.simulate.faas;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Outcome of one replay. A cold start is a pod started on demand (one row of the Huawei cold-start table); the
 * cold-start rate is the share of invocations that had to wait for a pod to start (on demand or still pre-warming).
 * Wasted memory-time counts memory of warm pods that serve nothing (after they are ready, outside every request).
 *
 * @param coldStartsPerFunction on-demand pod starts by function index
 * @param invocationsPerFunction invocations by function index
 */
public record FaasResult(String policy, long invocations, long coldStarts, long prewarmStarts, long coldRequests,
                         long rejected, long queued, double coldStartRate, Percentiles perAppColdStartRate,
                         double wastedMemoryGbS, double podMemoryGbS, double costUsd, Percentiles podLifetimeS,
                         Percentiles podUtility, double podUtilityShareBelow1, Percentiles addedLatencyS,
                         double addedLatencyTotalS, long maxPodsAlive, long pods, double horizonS,
                         long[] coldStartsPerFunction, long[] invocationsPerFunction) {

    /** Mean and nearest-rank percentiles; NaN when there was nothing to measure. */
    public record Percentiles(long count, double mean, double p50, double p75, double p90, double p99, double max) {
        /** The histogram's percentiles; its mean from {@code sum}, which the caller added up in a fixed order. */
        static Percentiles of(LogHistogram h, double sum) {
            return new Percentiles(h.count(), h.count() == 0 ? Double.NaN : sum / h.count(), h.percentile(50), h.percentile(75), h.percentile(90), h.percentile(99), h.max());
        }

        static Percentiles exact(double[] sorted) {
            int n = sorted.length;
            if (n == 0) return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            double s = 0;
            for (double v : sorted) s += v;
            return new Percentiles(n, s / n, rank(sorted, 50), rank(sorted, 75), rank(sorted, 90), rank(sorted, 99), sorted[n - 1]);
        }

        private static double rank(double[] sorted, double p) {
            int r = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, r - 1)];
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", count); m.put("mean", mean); m.put("p50", p50); m.put("p75", p75); m.put("p90", p90); m.put("p99", p99); m.put("max", max);
            return m;
        }
    }

    /** The JSON object of {@code thaw faas --json} (keys per docs/cli.md, plus details). */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", policy);
        m.put("invocations", invocations);
        m.put("cold_starts", coldStarts);
        m.put("cold_start_rate", coldStartRate);
        m.put("wasted_memory_gb_s", wastedMemoryGbS);
        Map<String, Object> u = podUtility.toMap();
        u.put("share_below_1", podUtilityShareBelow1);
        m.put("pod_utility", u);
        m.put("cold_requests", coldRequests);
        m.put("prewarm_starts", prewarmStarts);
        m.put("rejected", rejected);
        m.put("queued", queued);
        m.put("per_app_cold_start_rate", perAppColdStartRate.toMap());
        m.put("pod_memory_gb_s", podMemoryGbS);
        m.put("cost_usd", costUsd);
        m.put("pod_lifetime_s", podLifetimeS.toMap());
        m.put("added_latency_s", addedLatencyS.toMap());
        m.put("added_latency_total_s", addedLatencyTotalS);
        m.put("pods", pods);
        m.put("max_pods_alive", maxPodsAlive);
        m.put("horizon_s", horizonS);
        return m;
    }
}
