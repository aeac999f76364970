package dev.thaw.reports.layout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thaw.ingest.BadInputException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.ParetoDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.WeibullDistribution;

/**
 * The CDF of a fitted family named in JSON, as written by {@code thaw analyze} in fits.json:
 * {@code {"family": "lognormal", "mu": .., "sigma": ..}}, weibull (shape, scale), gamma (shape, scale),
 * exponential (mean), pareto (scale, shape).
 */
final class Fits {
    private Fits() {}

    static DoubleUnaryOperator cdf(JsonNode fit, Path where) {
        String family = fit.path("family").asText("").toLowerCase(Locale.ROOT);
        RealDistribution d = switch (family) {
            case "lognormal" -> new LogNormalDistribution(null, need(fit, "mu", where), need(fit, "sigma", where));
            case "weibull" -> new WeibullDistribution(null, need(fit, "shape", where), need(fit, "scale", where));
            case "gamma" -> new GammaDistribution(null, need(fit, "shape", where), need(fit, "scale", where));
            case "exponential" -> new ExponentialDistribution(null, need(fit, "mean", where));
            case "pareto" -> new ParetoDistribution(null, need(fit, "scale", where), need(fit, "shape", where));
            default -> throw BadInputException.ofFile(where, "unknown fit family '" + family
                    + "' (lognormal, weibull, gamma, exponential, pareto)");
        };
        return d::cumulativeProbability;
    }

    private static double need(JsonNode fit, String key, Path where) {
        JsonNode n = fit.get(key);
        if (n == null || !n.isNumber()) throw BadInputException.ofFile(where, "fit '" + fit + "' lacks numeric '" + key + "'");
        return n.asDouble();
    }
}
