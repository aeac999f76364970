package dev.thaw.analysis.detect;

/**
 * Evidence of a per-request cost change accumulated over one function's active minutes, however far apart: Page's
 * CUSUM of log-likelihood ratios, one chart per per-request metric and direction, plus one for CPU and execution
 * time moving together (the "metrics that move together"; their correlation from training).
 *
 * <p>A minute's robust z of a metric is about normal with mean {@code d = ln 2 / scale} when the metric's cost per
 * request doubled (or halved: {@code -d}), where {@code scale} is the spread of the metric's log in minutes of the
 * same load: a minute of 40 requests measures a doubling far more precisely than a minute of one. The chart adds
 * the log-likelihood ratio {@code d (z - d / 2)} of "doubled" against "unchanged" and restarts at 0 when the sum
 * falls below it; it alarms when the sum exceeds {@link AlertBuilder#CUSUM_H}. Nothing changed, the sum drifts down
 * and reaches h at most once per e^h active minutes on average (Lorden's bound for a CUSUM of likelihood ratios);
 * a shift that persists adds about d^2 / 2 per active minute, so a doubled execution time on a function invoked a
 * few minutes an hour is found once enough of those minutes have passed. Two guards for real data that is not quite
 * normal: each z is clipped to +-{@value #CLIP} and each weight {@code d} capped at {@value #MAX_WEIGHT}, so one
 * odd minute adds at most {@code 3 x (4 - 1.5) = 7.5} and no single minute can raise an alarm by itself (the
 * minute's own Mahalanobis distance covers that).
 */
final class CostEvidence {
    static final double DESIGN = Math.log(2), MAX_WEIGHT = 3, CLIP = 4;
    /** {@link MinuteScore#cusumFeature} code of the joint CPU and execution-time chart. */
    static final int COMPUTE = Features.F + 1;

    private final int[] index;
    private final int cpu, exec;
    private final double rho;
    private final double[] chart;
    private final long[] since;
    private final int[] minutes;

    /**
     * @param index the features with a baseline (positions into {@link Metric#PER_REQUEST})
     * @param rho   correlation of CPU and execution time per request (NaN when either has no baseline)
     */
    CostEvidence(int[] index, double rho) {
        this.index = index;
        int c = -1, e = -1;
        for (int a = 0; a < index.length; a++) {
            if (index[a] == Metric.PER_REQUEST.indexOf(Metric.CPU)) c = a;
            if (index[a] == Metric.PER_REQUEST.indexOf(Metric.EXEC)) e = a;
        }
        cpu = c;
        exec = e;
        this.rho = c >= 0 && e >= 0 && Double.isFinite(rho) ? rho : Double.NaN;
        chart = new double[2 * index.length + 2];
        since = new long[chart.length];
        minutes = new int[chart.length];
        java.util.Arrays.fill(since, Long.MIN_VALUE);
    }

    /**
     * Folds in one active minute: {@code z} by feature, {@code used} by position in {@code index}, {@code scale} the
     * stratum's spread by feature. Writes the strongest chart into {@code out}.
     */
    void add(long minute, double[] z, boolean[] used, double[] scale, MinuteScore out) {
        int k = index.length;
        for (int a = 0; a < k; a++) {
            if (!used[a]) continue;
            double d = weight(scale[index[a]]), x = clip(z[index[a]]);
            step(2 * a, d * (x - d / 2), minute);
            step(2 * a + 1, d * (-x - d / 2), minute);
        }
        if (!Double.isNaN(rho) && used[cpu] && used[exec]) {
            double dc = weight(scale[index[cpu]]), de = weight(scale[index[exec]]);
            double zc = clip(z[index[cpu]]), ze = clip(z[index[exec]]), q = 1 - rho * rho;
            double signal = (dc * zc + de * ze - rho * (dc * ze + de * zc)) / q, cost = (dc * dc + de * de - 2 * rho * dc * de) / (2 * q);
            step(2 * k, signal - cost, minute);
            step(2 * k + 1, -signal - cost, minute);
        }
        report(out);
    }

    /** Writes the strongest chart into {@code out} (also for idle minutes: the evidence stays until active minutes lower it). */
    void report(MinuteScore out) {
        int best = -1;
        for (int c = 0; c < chart.length; c++) if (chart[c] > 0 && (best < 0 || chart[c] > chart[best])) best = c;
        if (best < 0) { out.cusum = 0; out.cusumSince = Long.MIN_VALUE; out.cusumMinutes = 0; out.cusumFeature = 0; return; }
        out.cusum = chart[best];
        out.cusumSince = since[best];
        out.cusumMinutes = minutes[best];
        int feature = best / 2 < index.length ? index[best / 2] + 1 : COMPUTE;
        out.cusumFeature = best % 2 == 0 ? feature : -feature;
    }

    private void step(int c, double llr, long minute) {
        double v = chart[c] + llr;
        if (v <= 0) { chart[c] = 0; since[c] = Long.MIN_VALUE; minutes[c] = 0; return; }
        if (chart[c] == 0) since[c] = minute;
        chart[c] = v;
        minutes[c]++;
    }

    private static double weight(double scale) { return Math.min(MAX_WEIGHT, DESIGN / scale); }

    private static double clip(double z) { return Math.max(-CLIP, Math.min(CLIP, z)); }
}
