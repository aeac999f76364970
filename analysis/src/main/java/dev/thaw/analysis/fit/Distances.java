package dev.thaw.analysis.fit;

import java.util.Arrays;
import org.apache.commons.math3.distribution.RealDistribution;

/**
 * Distances between samples, or between a sample and a fitted distribution. Inputs need not be sorted (they are
 * copied and sorted; the {@code sorted*} variants skip that).
 *
 * <p>KS p-values use the asymptotic Kolmogorov distribution with Stephens' small-sample correction
 * {@code Q((sqrt(ne) + 0.12 + 0.11/sqrt(ne)) D)}, ne = n (one sample) or nm/(n+m) (two samples); accurate to about
 * 0.01 for ne >= 5, and it costs O(1) unlike exact methods. With estimated parameters the one-sample p-value is
 * optimistic (Lilliefors): use it to rank fits, not as a strict test.
 */
public final class Distances {
    private Distances() {}

    /** Two-sample Kolmogorov-Smirnov statistic sup |F_a - F_b|. */
    public static double ks(double[] a, double[] b) {
        return sortedKs(sorted(a), sorted(b));
    }

    public static double sortedKs(double[] a, double[] b) {
        requireNonEmpty(a, "a");
        requireNonEmpty(b, "b");
        int i = 0, j = 0, n = a.length, m = b.length;
        double d = 0;
        while (i < n && j < m) {
            double x = Math.min(a[i], b[j]);
            while (i < n && a[i] <= x) i++;
            while (j < m && b[j] <= x) j++;
            d = Math.max(d, Math.abs((double) i / n - (double) j / m));
        }
        return d;
    }

    /** Two-sample KS p-value (asymptotic, see class comment). */
    public static double ksPValue(double[] a, double[] b) {
        return ksPValue(ks(a, b), (double) a.length * b.length / (a.length + b.length));
    }

    /** One-sample KS statistic of a sample against a distribution. */
    public static double ks(double[] sample, RealDistribution dist) {
        return sortedKs(sorted(sample), dist);
    }

    public static double sortedKs(double[] x, RealDistribution dist) {
        requireNonEmpty(x, "sample");
        int n = x.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = dist.cumulativeProbability(x[i]);
            d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
        }
        return d;
    }

    /** P(D > d) for the KS statistic d of effective size ne. */
    public static double ksPValue(double d, double ne) {
        double sq = Math.sqrt(ne);
        return kolmogorovQ((sq + 0.12 + 0.11 / sq) * d);
    }

    /** Kolmogorov survival function Q(l) = 2 sum_{k>=1} (-1)^(k-1) exp(-2 k^2 l^2). */
    static double kolmogorovQ(double l) {
        if (l < 1e-3) return 1.0;
        if (l < 1.18) {
            // small l: the alternating series converges slowly; use the theta-function form of 1 - Q
            double y = Math.exp(-Math.PI * Math.PI / (8 * l * l));
            double p = Math.sqrt(2 * Math.PI) / l * (y + Math.pow(y, 9) + Math.pow(y, 25) + Math.pow(y, 49));
            return Math.min(1, Math.max(0, 1 - p));
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * l * l);
            sum += (k % 2 == 1 ? term : -term);
            if (term < 1e-16) break;
        }
        return Math.min(1, Math.max(0, 2 * sum));
    }

    /** Wasserstein-1 distance between two empirical distributions: the integral of |F_a - F_b| (exact). */
    public static double wasserstein(double[] a, double[] b) {
        return sortedWasserstein(sorted(a), sorted(b));
    }

    public static double sortedWasserstein(double[] a, double[] b) {
        requireNonEmpty(a, "a");
        requireNonEmpty(b, "b");
        int i = 0, j = 0, n = a.length, m = b.length;
        double prev = Math.min(a[0], b[0]), w = 0;
        while (i < n || j < m) {
            double x = (j >= m || (i < n && a[i] <= b[j])) ? a[i] : b[j];
            w += Math.abs((double) i / n - (double) j / m) * (x - prev);
            prev = x;
            while (i < n && a[i] <= x) i++;
            while (j < m && b[j] <= x) j++;
        }
        return w;
    }

    /**
     * Wasserstein-1 distance between a sample and a distribution, as the integral over u of |Q_n(u) - Q(u)|,
     * evaluated at the midpoints of {@code min(n, 4096)} equal u-cells (Q_n the empirical quantile). The midpoint
     * rule keeps heavy tails finite; its error shrinks like 1/cells for smooth Q.
     */
    public static double wasserstein(double[] sample, RealDistribution dist) {
        return sortedWasserstein(sorted(sample), dist);
    }

    public static double sortedWasserstein(double[] x, RealDistribution dist) {
        return sortedWasserstein(x, dist::inverseCumulativeProbability);
    }

    /** As {@link #wasserstein(double[], RealDistribution)}, with the quantile function given directly. */
    public static double sortedWasserstein(double[] x, java.util.function.DoubleUnaryOperator quantile) {
        requireNonEmpty(x, "sample");
        int n = x.length, cells = Math.min(n, 4096);
        double w = 0;
        for (int c = 0; c < cells; c++) {
            double u = (c + 0.5) / cells;
            double q = x[Math.min(n - 1, (int) Math.floor(u * n))];
            w += Math.abs(q - quantile.applyAsDouble(u));
        }
        return w / cells;
    }

    static double[] sorted(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s;
    }

    private static void requireNonEmpty(double[] a, String name) {
        if (a.length == 0) throw new IllegalArgumentException(name + " is empty");
    }
}
