package dev.thaw.analysis.detect;

import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Turns one function's minute scores (in time order) into alerts. A minute is anomalous in cost when its
 * Mahalanobis distance exceeds the chi-square quantile 1 - {@value #COST_TAIL} for its number of features, and in
 * load when its requests reach {@value #FLOOD_RATIO}x the seasonal 99th percentile (and at least
 * {@value #FLOOD_MIN_REQUESTS}). Anomalous minutes less than {@value #GAP_MIN} minutes apart form one episode; an
 * episode becomes an alert when it has {@value #COST_MINUTES} cost-anomalous minutes or one beyond
 * {@value #SINGLE_MINUTE_SCORE}x the threshold, or {@value #FLOOD_MINUTES} load-anomalous minutes. More requests at the same per-request cost only
 * raise the load ratio, which stays below the flood ratio for ordinary load growth. Independently of single
 * minutes, a cost alert is raised when the evidence accumulated over the function's active minutes
 * ({@link CostEvidence}) exceeds {@link #CUSUM_H}; the alert starts at that minute (the time of detection) and
 * stays open, across idle hours, while the evidence stays above the threshold.
 */
public final class AlertBuilder {
    static final double COST_TAIL = 1e-7, FLOOD_RATIO = 4, FLOOD_MIN_REQUESTS = 10;
    static final int GAP_MIN = 30, COST_MINUTES = 2, FLOOD_MINUTES = 3;
    static final double SINGLE_MINUTE_SCORE = 2;
    /**
     * Alarm threshold of the evidence accumulated over active minutes (a log-likelihood ratio, see
     * {@link CostEvidence}): e^-20 = 2e-9 per chart and active minute, so 12 charts over the ~26,000 active minutes of
     * 1,000 bundled function-days stay far below one false alarm even with tails heavier than normal.
     */
    public static final double CUSUM_H = 20;
    private static final double[] THRESHOLD = new double[Features.F + 1];
    private static final double SINGLE = new ChiSquaredDistribution(null, 1).inverseCumulativeProbability(1 - COST_TAIL / Features.F);

    static {
        for (int k = 1; k <= Features.F; k++) THRESHOLD[k] = new ChiSquaredDistribution(null, k).inverseCumulativeProbability(1 - COST_TAIL);
    }

    private final String function;
    private final Consumer<Alert> sink;
    private long start = -1, last = -1;
    private int costMinutes, floodMinutes;
    private double peak, peakCost;
    private final double[] peakZ = new double[Features.F], peakRatio = new double[Features.F];
    private double peakLoad, peakRequests, peakPods, peakCold, peakCusum;
    private int cusumFeature, cusumMinutes;
    private long cusumSince;

    public AlertBuilder(String function, Consumer<Alert> sink) { this.function = function; this.sink = sink; }

    public static double threshold(int dims) { return THRESHOLD[Math.max(1, Math.min(Features.F, dims))]; }

    /** Threshold of one metric's squared z: the chi-square(1) quantile at {@value #COST_TAIL} / F (Bonferroni over the metrics). */
    public static double singleMetricThreshold() { return SINGLE; }

    /** Folds in a scored minute. */
    public void accept(MinuteScore s) {
        // evidence still above the threshold keeps the episode open across idle hours
        boolean evidence = s.cusum > CUSUM_H;
        if (!s.active) { if (start >= 0 && s.minute - last > GAP_MIN && !evidence) flush(); return; }
        double costScore = s.dims == 0 ? 0 : s.d2 / threshold(s.dims);
        boolean flood = s.loadRatio >= FLOOD_RATIO && s.requests >= FLOOD_MIN_REQUESTS;
        boolean cost = costScore > 1;
        if (!cost && !flood && !evidence) { if (start >= 0 && s.minute - last > GAP_MIN) flush(); return; }
        if (start >= 0 && s.minute - last > GAP_MIN && !evidence) flush();
        if (start < 0) { start = s.minute; costMinutes = floodMinutes = 0; peak = peakCost = peakLoad = peakCusum = 0; }
        last = s.minute;
        if (cost) costMinutes++;
        if (flood) floodMinutes++;
        if (evidence && s.cusum > peakCusum) {
            peakCusum = s.cusum;
            cusumFeature = s.cusumFeature;
            cusumMinutes = s.cusumMinutes;
            cusumSince = s.cusumSince;
        }
        double score = Math.max(Math.max(costScore, evidence ? s.cusum / CUSUM_H : 0), flood ? s.loadRatio / FLOOD_RATIO : 0);
        if (cost && costScore > peakCost) {
            peakCost = costScore;
            System.arraycopy(s.z, 0, peakZ, 0, peakZ.length);
            System.arraycopy(s.ratio, 0, peakRatio, 0, peakRatio.length);
            peakRequests = s.requests;
        }
        if (flood && s.loadRatio > peakLoad) { peakLoad = s.loadRatio; peakPods = s.podsRatio; peakCold = s.coldExcess; }
        peak = Math.max(peak, score);
    }

    /** Closes the open episode (call at the end of the data). */
    public void finish() { if (start >= 0) flush(); }

    private void flush() {
        boolean costAlert = costMinutes >= COST_MINUTES || peakCost > SINGLE_MINUTE_SCORE || peakCusum > 0;
        boolean floodAlert = floodMinutes >= FLOOD_MINUTES;
        if (costAlert || floodAlert) {
            StringBuilder metrics = new StringBuilder(), words = new StringBuilder();
            if (floodAlert) {
                metrics.append(Metric.REQUESTS.huawei2025Folder).append(String.format(Locale.ROOT, " x%.1f", peakLoad));
                words.append(String.format(Locale.ROOT, "requests reached %.1fx the usual peak for the hour", peakLoad));
                if (Double.isFinite(peakPods)) {
                    metrics.append(';').append(Metric.PODS.huawei2025Folder).append(String.format(Locale.ROOT, " x%.1f", peakPods));
                    words.append(String.format(Locale.ROOT, ", pods %.1fx their median", peakPods));
                }
                if (Double.isFinite(peakCold) && peakCold > 0) {
                    metrics.append(';').append(Metric.COLD_STARTS.huawei2025Folder).append(String.format(Locale.ROOT, " +%.0f", peakCold));
                    words.append(String.format(Locale.ROOT, ", %.0f cold starts a minute above the usual most", peakCold));
                }
                words.append(" for ").append(floodMinutes).append(" minutes: an invocation flood (denial of wallet?)");
            }
            if (costAlert) {
                if (words.length() > 0) words.append("; ");
                StringBuilder moved = new StringBuilder();
                for (int f = 0; f < Features.F; f++) {
                    if (!(Math.abs(peakZ[f]) >= 3)) continue;
                    Metric m = Metric.PER_REQUEST.get(f);
                    if (metrics.length() > 0) metrics.append(';');
                    metrics.append(m.huawei2025Folder).append(String.format(Locale.ROOT, " x%.2f", peakRatio[f]));
                    if (moved.length() > 0) moved.append(", ");
                    moved.append(m.label).append(peakZ[f] > 0 ? " up " : " down ").append(String.format(Locale.ROOT, "x%.2f", peakRatio[f]));
                }
                if (peakCusum > 0) {
                    int f = Math.abs(cusumFeature) - 1;
                    boolean compute = f == Features.F;
                    String folders = compute ? Metric.CPU.huawei2025Folder + "+" + Metric.EXEC.huawei2025Folder : Metric.PER_REQUEST.get(f).huawei2025Folder;
                    String label = compute ? "CPU and execution time per request" : Metric.PER_REQUEST.get(f).label;
                    if (moved.length() == 0) {
                        if (metrics.length() > 0) metrics.append(';');
                        metrics.append(folders).append(cusumFeature > 0 ? " up" : " down");
                    }
                    if (moved.length() > 0) moved.append("; ");
                    moved.append(label).append(cusumFeature > 0 ? " up" : " down").append(String.format(Locale.ROOT,
                            " consistently over %d active minutes since day %d %02d:%02d", cusumMinutes,
                            Math.floorDiv(cusumSince, 1440), Features.hourOfDay(cusumSince), Math.floorMod(cusumSince, 60)));
                }
                words.append(moved.length() == 0 ? "per-request metrics jointly unusual" : moved);
                if (peakCost > 0) words.append(String.format(Locale.ROOT, "; at %.0f requests/min (compared with minutes of the same load) in %d minutes", peakRequests, costMinutes));
                words.append(": per-request cost changed, not just load");
            }
            sink.accept(new Alert(function, start, last, peak, floodAlert && costAlert ? "flood+cost" : floodAlert ? "flood" : "cost",
                    metrics.toString(), words.toString()));
        }
        start = -1;
        last = -1;
    }
}
