package dev.thaw.workload.calibrate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the calibration report draws, source and generated side by side: IDC over time scales, quantiles of the
 * inter-arrival times (a CDF) and the per-minute rate over the source's span. Each is a map of equal-length arrays.
 */
public final class CalibrationCurves {
    static final int QUANTILES = 120;

    private CalibrationCurves() {}

    /** @param traces name to sorted arrival times (seconds); the first is the source */
    public static Map<String, Object> of(Map<String, double[]> traces, BurstinessStats stats) {
        double[] source = traces.values().iterator().next();
        double span = source[source.length - 1] - source[0];
        Map<String, Object> out = new LinkedHashMap<>();
        // IDC from 0.1 s to an eighth of the source's span (enough windows for a variance), log-spaced
        double lo = 0.1, hi = Math.max(1, span / 8);
        int n = Math.max(2, (int) Math.round(6 * Math.log10(hi / lo)) + 1);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = lo * Math.pow(hi / lo, i / (double) (n - 1));
        Map<String, Object> idc = new LinkedHashMap<>();
        idc.put("window_s", w);
        traces.forEach((name, t) -> {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = stats.idc(t, w[i]);
            idc.put(name, v);
        });
        out.put("idc", idc);
        Map<String, Object> iat = new LinkedHashMap<>();
        double[] q = new double[QUANTILES];
        for (int i = 0; i < QUANTILES; i++) q[i] = (i + 0.5) / QUANTILES;
        iat.put("quantile", q);
        traces.forEach((name, t) -> iat.put(name, quantiles(gaps(t), q)));
        out.put("iat_s", iat);
        Map<String, Object> rate = new LinkedHashMap<>();
        int minutes = Math.max(1, (int) Math.ceil(span / 60));
        double[] start = new double[minutes];
        for (int i = 0; i < minutes; i++) start[i] = i * 60;
        rate.put("minute_start_s", start);
        traces.forEach((name, t) -> rate.put(name, perMinute(t, minutes)));
        out.put("per_minute", rate);
        return out;
    }

    static double[] gaps(double[] t) {
        double[] g = new double[Math.max(0, t.length - 1)];
        for (int i = 1; i < t.length; i++) g[i - 1] = t[i] - t[i - 1];
        Arrays.sort(g);
        return g;
    }

    static double[] quantiles(double[] sorted, double[] q) {
        double[] out = new double[q.length];
        for (int i = 0; i < q.length; i++) out[i] = sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(q[i] * sorted.length))];
        return out;
    }

    /** Arrivals in each minute from the trace's first arrival, over the first {@code minutes} minutes. */
    static double[] perMinute(double[] t, int minutes) {
        double[] c = new double[minutes];
        if (t.length == 0) return c;
        for (double x : t) {
            int k = (int) ((x - t[0]) / 60);
            if (k >= 0 && k < minutes) c[k]++;
        }
        return c;
    }
}
