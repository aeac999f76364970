package dev.thaw.analysis.fit;

import java.util.Map;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * One family fitted to one sample: parameters and goodness of fit. {@code ks} and {@code wasserstein} compare the
 * sample with the fitted distribution ({@link Distances}); {@code ksP} is the asymptotic p-value (optimistic with
 * estimated parameters). {@code n} is the number of positive values used.
 */
public record FittedModel(Family family, Map<String, Double> params, long n, double loglik, double aic, double bic,
                          double ks, double ksP, double wasserstein) {

    public RealDistribution distribution(RandomGenerator rng) {
        return family.distribution(params, rng);
    }

    public double param(String name) {
        return Family.get(params, name);
    }
}
