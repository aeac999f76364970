package dev.thaw.analysis.detect;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A {@link FunctionModel} compiled for scoring. Per load stratum and per-request feature: a robust centre (median)
 * and scale (1.4826 MAD or the 10-90% range / 2.563, whichever is larger, widened by 2/sqrt(n) for the errors of
 * a centre and spread learned from n minutes, and floored); a stratum with fewer than {@value #MIN_SAMPLES}
 * minutes borrows the nearest stratum that has enough, widening its scale by the square root of the ratio of
 * typical request counts when it borrows from busier minutes (averages over fewer requests are noisier). The features' correlation (pooled within-stratum
 * Pearson correlation of the logs, shrunk 20% toward the identity) gives the robust Mahalanobis distance
 * {@code d2 = z' R^-1 z} of the robust z-scores. Load is judged against the hour of day's 99th percentile of
 * requests per active minute, scaled by the day of week's rate once two weeks are known. A baseline also keeps
 * the last few minutes' z-scores of its function (see {@link #windowed}): use one instance per function and feed
 * it the function's minutes in time order. It also accumulates the evidence of a lasting per-request cost change
 * over all active minutes ({@link CostEvidence}).
 */
public final class FunctionBaseline {
    static final int MIN_SAMPLES = 12;
    static final double MIN_SCALE = 0.05, SHRINK = 0.2, MAX_Z = 30;
    /** Standard errors (of the centre and the spread, about one each) added to a stratum's scale learned from n minutes, per 1/sqrt(n). */
    static final double SMALL_SAMPLE_WIDENING = 2;
    static final int TAIL_SEEN = 3, WINDOW = 10, WINDOW_GAP_MIN = 30;
    /** Typical requests in a minute of each load stratum (1, 2-3, 4-7, ..., 128+). */
    private static final double[] TYPICAL_REQUESTS = {1, 2.5, 5.5, 11.5, 23.5, 47.5, 95.5, 200};
    /** A single minute adds at most this |z| per feature to the windowed evidence: one spike must not look persistent. */
    static final double WINDOW_CLIP = 4;
    private final CostEvidence evidence;
    private final double[][] recent = new double[WINDOW][F];
    private final double[] windowSum = new double[F], windowCount = new double[F];
    private long seen, lastActive = Long.MIN_VALUE;
    private int filled;
    private static final org.apache.commons.math3.distribution.NormalDistribution NORMAL = new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1);
    private static final int F = Features.F, S = Features.STRATA;

    private final FunctionModel model;
    final double[][] center = new double[S][F], scale = new double[S][F];
    private final BinnedDistribution[][] source = new BinnedDistribution[S][F];
    private final boolean[] present = new boolean[F];
    private final int[] index; // present features
    private final double[][] precision; // R^-1 over present features
    private final double loadQ99;
    private final double[] hourQ99 = new double[24], dowFactor = new double[7];
    private final double podsMedian, coldQ99;

    public FunctionBaseline(FunctionModel model) {
        this.model = model;
        for (int f = 0; f < F; f++) {
            BinnedDistribution all = new BinnedDistribution();
            for (int s = 0; s < S; s++) if (model.feature[s][f] != null) all.merge(model.feature[s][f]);
            present[f] = all.count() >= MIN_SAMPLES;
            for (int s = 0; s < S; s++) {
                center[s][f] = Double.NaN;
                scale[s][f] = Double.NaN;
                if (!present[f]) continue;
                BinnedDistribution b = null;
                int from = -1;
                for (int dist = 0; dist < S && b == null; dist++) {
                    for (int t : new int[] {s - dist, s + dist}) {
                        if (t >= 0 && t < S && model.feature[t][f] != null && model.feature[t][f].count() >= MIN_SAMPLES) { b = model.feature[t][f]; from = t; break; }
                    }
                }
                if (b == null) { b = all; from = s; }
                // MAD, or the 10-90% range where a capped metric (CPU at the pod limit) piles up and makes the MAD 0
                double spread = Math.max(1.4826 * b.mad(), (b.quantile(0.9) - b.quantile(0.1)) / 2.563);
                // widened by about one standard error each of the centre (a median: 1.25 sd / sqrt(n)) and of the
                // spread (about 1.1 sd / sqrt(n)) learned from n minutes: the accumulated evidence (CostEvidence)
                // takes a persistent error of the centre for a cost change, so a sparse stratum learned from a
                // dozen minutes must not be trusted as if its centre were known
                double sc = spread * (1 + SMALL_SAMPLE_WIDENING / Math.sqrt(b.count()));
                sc = Math.sqrt(sc * sc + BinnedDistribution.RESOLUTION * BinnedDistribution.RESOLUTION);
                if (from > s) sc *= Math.sqrt(TYPICAL_REQUESTS[from] / TYPICAL_REQUESTS[s]); // averages over fewer requests are noisier
                center[s][f] = b.median();
                source[s][f] = b;
                scale[s][f] = Math.max(MIN_SCALE, sc);
            }
        }
        int k = 0;
        for (boolean p : present) if (p) k++;
        index = new int[k];
        k = 0;
        for (int f = 0; f < F; f++) if (present[f]) index[k++] = f;
        double[][] corr = correlation();
        precision = k == 0 ? new double[0][0] : invert(corr);
        int cpuAt = -1, execAt = -1;
        for (int a = 0; a < k; a++) {
            if (index[a] == Metric.PER_REQUEST.indexOf(Metric.CPU)) cpuAt = a;
            if (index[a] == Metric.PER_REQUEST.indexOf(Metric.EXEC)) execAt = a;
        }
        evidence = new CostEvidence(index, cpuAt >= 0 && execAt >= 0 ? corr[cpuAt][execAt] : Double.NaN);
        loadQ99 = model.load.count() == 0 ? 1 : Math.exp(model.load.quantile(0.99));
        for (int h = 0; h < 24; h++) {
            BinnedDistribution b = model.loadByHour[h];
            hourQ99[h] = b != null && b.count() >= 30 ? Math.max(Math.exp(b.quantile(0.99)), 0.5 * loadQ99) : loadQ99;
        }
        double rate = model.minutes == 0 ? 0 : model.requests / model.minutes;
        for (int d = 0; d < 7; d++) {
            boolean known = model.minutesByDow[d] >= 2 * 1440 && rate > 0;
            dowFactor[d] = known ? Math.max(0.25, Math.min(4, model.requestsByDow[d] / model.minutesByDow[d] / rate)) : 1;
        }
        podsMedian = model.pods.count() == 0 ? Double.NaN : Math.exp(model.pods.median()) - 1;
        coldQ99 = model.coldStarts.count() == 0 ? Double.NaN : Math.exp(model.coldStarts.quantile(0.99)) - 1;
    }

    private double[][] correlation() {
        int k = index.length;
        double[][] r = new double[k][k];
        for (int a = 0; a < k; a++) {
            r[a][a] = 1;
            for (int b = a + 1; b < k; b++) {
                int i = index[a], j = index[b], key = i * F + j;
                double sxy = 0, sxx = 0, syy = 0;
                for (int s = 0; s < S; s++) {
                    double n = model.pairN[s][key];
                    if (n < 2) continue;
                    double mx = model.pairSx[s][key] / n, my = model.pairSy[s][key] / n;
                    sxy += model.pairSxy[s][key] - n * mx * my;
                    sxx += model.pairSxy[s][i * F + i] - model.pairSx[s][i * F + i] * model.pairSx[s][i * F + i] / Math.max(1, model.pairN[s][i * F + i]);
                    syy += model.pairSxy[s][j * F + j] - model.pairSx[s][j * F + j] * model.pairSx[s][j * F + j] / Math.max(1, model.pairN[s][j * F + j]);
                }
                double c = sxx > 1e-12 && syy > 1e-12 ? sxy / Math.sqrt(sxx * syy) : 0;
                c = Math.max(-0.95, Math.min(0.95, c)) * (1 - SHRINK);
                r[a][b] = r[b][a] = c;
            }
        }
        return r;
    }

    private static double[][] invert(double[][] r) {
        RealMatrix m = new Array2DRowRealMatrix(r);
        try {
            return new CholeskyDecomposition(m, 1e-10, 1e-12).getSolver().getInverse().getData();
        } catch (RuntimeException notPositiveDefinite) {
            double[][] id = new double[r.length][r.length];
            for (int i = 0; i < r.length; i++) id[i][i] = 1;
            return id;
        }
    }

    /**
     * Training data can have a second mode (CPU samplers that report 0 for some requests, a rare big payload): a
     * value that far out was seen in at least {@value #TAIL_SEEN} training minutes is only as surprising as its
     * empirical tail says, so |z| is capped at the normal quantile of that tail share.
     */
    static double capByTrainingTail(double z, double x, BinnedDistribution b) {
        long seen = b.tail(x, z < 0);
        if (seen < TAIL_SEEN) return z;
        double p = Math.min(0.5, (seen + 1.0) / (b.count() + 2.0));
        double cap = -NORMAL.inverseCumulativeProbability(p / 2);
        return Math.signum(z) * Math.min(Math.abs(z), cap);
    }

    public FunctionModel model() { return model; }

    /** Centres, scales and the precision matrix, for debugging. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < S; s++) sb.append("stratum ").append(s).append(" centre ").append(java.util.Arrays.toString(center[s])).append(" scale ").append(java.util.Arrays.toString(scale[s])).append('\n');
        for (double[] row : precision) sb.append(java.util.Arrays.toString(row)).append('\n');
        return sb.toString();
    }

    /** Number of per-request features this function has a baseline for. */
    public int features() { return index.length; }

    /**
     * Scores one minute into {@code out}: robust z per feature (NaN where absent), the Mahalanobis distance over the
     * features present in both the minute and the baseline, the load ratio to the seasonal 99th percentile.
     */
    public void score(long minute, double[] values, MinuteScore out, double[] scratch) {
        out.reset(minute);
        evidence.report(out);
        double n = values[Metric.REQUESTS.ordinal()];
        if (!(n >= 1)) return;
        out.requests = n;
        out.active = true;
        double limit = hourQ99[Features.hourOfDay(minute)] * dowFactor[Features.dayOfWeek(minute)];
        out.loadRatio = n / Math.max(1, limit);
        double pods = values[Metric.PODS.ordinal()], cold = values[Metric.COLD_STARTS.ordinal()];
        out.podsRatio = Double.isFinite(pods) && podsMedian > 0 ? pods / podsMedian : Double.NaN;
        out.coldExcess = Double.isFinite(cold) && Double.isFinite(coldQ99) ? cold - coldQ99 : Double.NaN;
        Features.perRequest(values, scratch);
        int s = Features.stratum(n);
        int k = index.length, used = 0;
        double[] z = out.z;
        boolean[] use = out.used;
        for (int a = 0; a < k; a++) {
            int f = index[a];
            if (Double.isNaN(scratch[f])) { use[a] = false; continue; }
            double v = (scratch[f] - center[s][f]) / scale[s][f];
            if (Math.abs(v) > 3) v = capByTrainingTail(v, scratch[f], source[s][f]);
            z[f] = Math.max(-MAX_Z, Math.min(MAX_Z, v));
            out.ratio[f] = Math.exp(scratch[f] - center[s][f]);
            use[a] = true;
            used++;
        }
        out.dims = used;
        if (used == 0) { filled = 0; return; }
        evidence.add(minute, z, use, scale[s], out);
        double d2 = 0;
        if (used == k) {
            for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) d2 += z[index[a]] * precision[a][b] * z[index[b]];
        } else {
            // a feature missing this minute: the precision of a sub-vector is not a block of R^-1; use independence
            for (int a = 0; a < k; a++) if (use[a]) d2 += z[index[a]] * z[index[a]];
        }
        out.d2 = Math.max(0, d2);
        // one metric far out is evidence too, even when the joint distance spreads it over all dimensions: in
        // multiples of the one-dimensional threshold, re-expressed on the joint threshold's scale
        double maxZ2 = 0;
        for (int a = 0; a < k; a++) if (use[a]) maxZ2 = Math.max(maxZ2, z[index[a]] * z[index[a]]);
        out.d2 = Math.max(out.d2, maxZ2 / AlertBuilder.singleMetricThreshold() * AlertBuilder.threshold(used));
        windowed(minute, out);
    }

    /**
     * Evidence accumulated over this function's last {@value #WINDOW} active minutes (no more than
     * {@value #WINDOW_GAP_MIN} minutes apart): the per-feature sum of z over the last k minutes divided by sqrt(k) is
     * again standard normal when nothing changed, so its Mahalanobis distance is chi-square too; a moderate shift
     * that persists (CPU x2 over averages of a few requests) adds up where a single minute stays inside the noise.
     * {@code out.d2} becomes the largest distance over k = 1..{@value #WINDOW}.
     */
    private void windowed(long minute, MinuteScore out) {
        if (lastActive != Long.MIN_VALUE && minute - lastActive > WINDOW_GAP_MIN) filled = 0;
        lastActive = minute;
        int slot = (int) (seen++ % WINDOW);
        for (int f = 0; f < F; f++) recent[slot][f] = Math.max(-WINDOW_CLIP, Math.min(WINDOW_CLIP, out.z[f]));
        filled = Math.min(WINDOW, filled + 1);
        double best = out.d2;
        double[] sum = windowSum, cnt = windowCount;
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(cnt, 0);
        for (int k = 1; k <= filled; k++) {
            double[] z = recent[(int) ((seen - k) % WINDOW)];
            for (int f = 0; f < F; f++) if (!Double.isNaN(z[f])) { sum[f] += z[f]; cnt[f]++; }
            if (k == 1) continue;
            int k2 = index.length;
            boolean complete = true;
            for (int a = 0; a < k2; a++) if (cnt[index[a]] == 0) complete = false;
            double d2 = 0;
            if (complete) {
                for (int a = 0; a < k2; a++) for (int b = 0; b < k2; b++)
                    d2 += sum[index[a]] / Math.sqrt(cnt[index[a]]) * precision[a][b] * sum[index[b]] / Math.sqrt(cnt[index[b]]);
            } else {
                for (int a = 0; a < k2; a++) if (cnt[index[a]] > 0) d2 += sum[index[a]] * sum[index[a]] / cnt[index[a]];
            }
            if (d2 > best) { best = d2; out.windowMinutes = k; }
        }
        out.d2 = best;
    }
}
