package dev.thaw.workload.llm;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;

/**
 * Empirical marginals joined by a Gaussian copula: its correlation is set from the trace's Spearman rank correlation
 * (rho = 2 sin(pi rho_S / 6), which a Gaussian copula maps back to the same rho_S), and samples map correlated normals through each marginal's empirical quantiles. Keeps
 * the marginals and the rank correlation while producing lengths that need not appear as pairs in the trace.
 */
public final class GaussianCopulaTokens implements TokenLengthModel {
    private final int[] promptSorted, outputSorted;
    private final double rho;

    public GaussianCopulaTokens(int[] prompt, int[] output, double rho) {
        if (prompt.length == 0 || output.length == 0) throw new IllegalArgumentException("empty marginals");
        if (!(rho >= -1 && rho <= 1)) throw new IllegalArgumentException("copula correlation must be in [-1, 1], got " + rho);
        this.promptSorted = prompt.clone();
        this.outputSorted = output.clone();
        Arrays.sort(promptSorted);
        Arrays.sort(outputSorted);
        this.rho = rho;
    }

    public static GaussianCopulaTokens fit(List<LlmRequest> reqs) {
        int[] p = reqs.stream().mapToInt(LlmRequest::promptTokens).toArray(), o = reqs.stream().mapToInt(LlmRequest::outputTokens).toArray();
        return new GaussianCopulaTokens(p, o, 2 * Math.sin(Math.PI / 6 * spearman(p, o)));
    }

    public double rho() { return rho; }

    @Override public void sample(SplittableRandom rng, int[] out) {
        double z1 = rng.nextGaussian(), z2 = rho * z1 + Math.sqrt(1 - rho * rho) * rng.nextGaussian();
        out[0] = Math.max(1, quantile(promptSorted, phi(z1)));
        out[1] = Math.max(1, quantile(outputSorted, phi(z2)));
    }

    static double phi(double z) { return 0.5 * Erf.erfc(-z / Math.sqrt(2)); }

    static int quantile(int[] sorted, double u) { return sorted[Math.min(sorted.length - 1, (int) (u * sorted.length))]; }

    /** Pearson correlation of the normal scores of mid-ranks (ties share their average rank). */
    public static double normalScoreCorrelation(int[] a, int[] b) {
        double[] x = normalScores(a), y = normalScores(b);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) { sxy += x[i] * y[i]; sxx += x[i] * x[i]; syy += y[i] * y[i]; }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** Spearman rank correlation with mid-ranks. */
    public static double spearman(int[] a, int[] b) {
        double[] x = ranks(a), y = ranks(b);
        double mx = Arrays.stream(x).average().orElse(0), my = Arrays.stream(y).average().orElse(0), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my); }
        return sxy / Math.sqrt(sxx * syy);
    }

    static double[] normalScores(int[] v) {
        NormalDistribution n = new NormalDistribution(null, 0, 1);
        double[] r = ranks(v);
        double[] s = new double[v.length];
        for (int i = 0; i < v.length; i++) s[i] = n.inverseCumulativeProbability(r[i] / (v.length + 1));
        return s;
    }

    static double[] ranks(int[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (p, q) -> Integer.compare(v[p], v[q]));
        double[] r = new double[v.length];
        for (int i = 0; i < idx.length; ) {
            int j = i;
            while (j + 1 < idx.length && v[idx[j + 1]] == v[idx[i]]) j++;
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) r[idx[k]] = mid;
            i = j + 1;
        }
        return r;
    }
}
