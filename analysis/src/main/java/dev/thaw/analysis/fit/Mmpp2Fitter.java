package dev.thaw.analysis.fit;

/**
 * Fits a {@link Mmpp2} to counts in equal bins by expectation-maximisation (Baum-Welch) of a two-state Poisson
 * hidden Markov model: state i emits Poisson(rate_i * bin) counts and the per-bin transition matrix P is
 * estimated; the continuous switching rates follow from P = exp(Q bin): with s = P01 + P10,
 * q01 + q10 = -ln(1 - s)/bin, split in the ratio P01 : P10. This treats the state as constant within a bin, so
 * choose bins much shorter than the sojourn times (e.g. 1-60 s). Starts from a split of the bins at the mean count
 * and stops when the log-likelihood gains less than 1e-9 relative, or after 300 iterations. Deterministic.
 */
public final class Mmpp2Fitter {
    private Mmpp2Fitter() {}

    /** @return the fitted process, or null when the counts show no second state (e.g. constant or all zero). */
    public static Mmpp2 fit(long[] counts, double binS) {
        int n = counts.length;
        if (n < 10) return null;
        double mean = 0;
        for (long c : counts) mean += c;
        mean /= n;
        double lo = 0, hi = 0;
        int nlo = 0, nhi = 0;
        for (long c : counts) { if (c <= mean) { lo += c; nlo++; } else { hi += c; nhi++; } }
        if (nlo == 0 || nhi == 0) return null;
        double[] mu = {Math.max(lo / nlo, 1e-3), hi / nhi};
        double[][] p = {{0.9, 0.1}, {0.1, 0.9}};
        double[] init = {0.5, 0.5};
        double[] a0 = new double[n], a1 = new double[n], scale = new double[n];
        double[] lf = new double[n];
        for (int t = 0; t < n; t++) lf[t] = org.apache.commons.math3.special.Gamma.logGamma(counts[t] + 1.0);
        double prevLl = Double.NEGATIVE_INFINITY;
        for (int iter = 0; iter < 300; iter++) {
            double lm0 = Math.log(mu[0]), lm1 = Math.log(mu[1]);
            double ll = 0;
            // forward pass with per-step normalisation
            double f0 = init[0], f1 = init[1];
            for (int t = 0; t < n; t++) {
                double g0 = counts[t] * lm0 - mu[0] - lf[t], g1 = counts[t] * lm1 - mu[1] - lf[t];
                double gm = Math.max(g0, g1);
                double e0 = Math.exp(g0 - gm), e1 = Math.exp(g1 - gm);
                double x0, x1;
                if (t == 0) { x0 = f0 * e0; x1 = f1 * e1; }
                else { x0 = (a0[t - 1] * p[0][0] + a1[t - 1] * p[1][0]) * e0; x1 = (a0[t - 1] * p[0][1] + a1[t - 1] * p[1][1]) * e1; }
                double s = x0 + x1;
                a0[t] = x0 / s; a1[t] = x1 / s;
                scale[t] = s;
                ll += Math.log(s) + gm;
            }
            // backward pass fused with the M-step sums
            double b0 = 1, b1 = 1;
            double sg0 = 0, sg1 = 0, sc0 = 0, sc1 = 0, x00 = 0, x01 = 0, x10 = 0, x11 = 0, gt0 = 0, gt1 = 0;
            double firstG0 = 0, firstG1 = 0;
            for (int t = n - 1; t >= 0; t--) {
                double g0 = a0[t] * b0, g1 = a1[t] * b1, gs = g0 + g1;
                g0 /= gs; g1 /= gs;
                sg0 += g0; sg1 += g1; sc0 += g0 * counts[t]; sc1 += g1 * counts[t];
                if (t == 0) { firstG0 = g0; firstG1 = g1; break; }
                double h0 = counts[t] * lm0 - mu[0] - lf[t], h1 = counts[t] * lm1 - mu[1] - lf[t];
                double hm = Math.max(h0, h1);
                double e0 = Math.exp(h0 - hm) * b0, e1 = Math.exp(h1 - hm) * b1;
                double y00 = a0[t - 1] * p[0][0] * e0, y01 = a0[t - 1] * p[0][1] * e1;
                double y10 = a1[t - 1] * p[1][0] * e0, y11 = a1[t - 1] * p[1][1] * e1;
                double ys = y00 + y01 + y10 + y11;
                x00 += y00 / ys; x01 += y01 / ys; x10 += y10 / ys; x11 += y11 / ys;
                gt0 += (y00 + y01) / ys; gt1 += (y10 + y11) / ys;
                double nb0 = p[0][0] * e0 + p[0][1] * e1, nb1 = p[1][0] * e0 + p[1][1] * e1, ns = nb0 + nb1;
                b0 = nb0 / ns; b1 = nb1 / ns;
            }
            mu[0] = Math.max(sc0 / sg0, 1e-9);
            mu[1] = Math.max(sc1 / sg1, 1e-9);
            p[0][0] = x00 / gt0; p[0][1] = x01 / gt0; p[1][0] = x10 / gt1; p[1][1] = x11 / gt1;
            init[0] = firstG0; init[1] = firstG1;
            if (Math.abs(ll - prevLl) < 1e-9 * Math.abs(ll)) break;
            prevLl = ll;
        }
        int slow = mu[0] <= mu[1] ? 0 : 1, fast = 1 - slow;
        double pSlowFast = p[slow][fast], pFastSlow = p[fast][slow], s = pSlowFast + pFastSlow;
        if (!(s > 0) || !(Math.abs(mu[fast] - mu[slow]) > 1e-9 * mu[fast])) return null;
        double r = -Math.log(Math.max(1 - s, 1e-12)) / binS;
        return new Mmpp2(mu[slow] / binS, mu[fast] / binS, r * pSlowFast / s, r * pFastSlow / s);
    }
}
