package dev.thaw.analysis.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.distribution.AbstractRealDistribution;

/**
 * Maximum-likelihood fits with goodness of fit. Only strictly positive finite values are used (zeros, e.g. IATs
 * of requests in the same millisecond, cannot enter a positive family's likelihood); {@link #positive} says how
 * many remain.
 */
public final class Fitter {
    private Fitter() {}

    /** Fits one family. The sample is copied; non-positive and non-finite values are dropped. */
    public static FittedModel fit(double[] sample, Family family) {
        return fitSortedPositive(positive(sample), family);
    }

    /** Every family that can be fitted, best (lowest AIC) first. Families whose MLE fails are left out. */
    public static List<FittedModel> fitAll(double[] sample) {
        double[] x = positive(sample);
        List<FittedModel> out = new ArrayList<>();
        for (Family f : Family.values()) {
            try {
                out.add(fitSortedPositive(x, f));
            } catch (IllegalArgumentException | ArithmeticException | org.apache.commons.math3.exception.MathRuntimeException e) {
                // a degenerate sample for this family (e.g. constant): skip it, the others still rank
            }
        }
        out.sort(Comparator.comparingDouble(FittedModel::aic));
        return out;
    }

    /** Sorted copy of the strictly positive finite values. */
    public static double[] positive(double[] sample) {
        double[] x = Arrays.stream(sample).filter(v -> v > 0 && !Double.isInfinite(v)).toArray();
        Arrays.sort(x);
        return x;
    }

    static FittedModel fitSortedPositive(double[] x, Family family) {
        var params = family.mle(x);
        AbstractRealDistribution d = (AbstractRealDistribution) family.distribution(params, null);
        double ll = 0;
        for (double xi : x) ll += d.logDensity(xi);
        int k = family.parameterCount();
        int n = x.length;
        double ks = Distances.sortedKs(x, d);
        return new FittedModel(family, params, n, ll, 2 * k - 2 * ll, k * Math.log(n) - 2 * ll, ks,
                Distances.ksPValue(ks, n), Distances.sortedWasserstein(x, u -> family.quantile(params, u)));
    }
}
