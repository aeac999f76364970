package dev.thaw.workload.arrival;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;

/** The gap families the analysis module fits: exponential, gamma, Weibull, lognormal, Pareto, plus an empirical one. */
public final class Gaps {
    private Gaps() {}

    static void positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
    }

    public record Exponential(double rate) implements GapDistribution {
        public Exponential { positive("exponential rate", rate); }
        @Override public double sample(SplittableRandom r) { return r.nextExponential() / rate; }
        @Override public double mean() { return 1 / rate; }
        @Override public double cv() { return 1; }
    }

    /** Gamma(shape k, scale theta); Marsaglia-Tsang sampler, boosted for k < 1. */
    public record GammaGaps(double shape, double scale) implements GapDistribution {
        public GammaGaps { positive("gamma shape", shape); positive("gamma scale", scale); }
        @Override public double sample(SplittableRandom r) { return scale * standardGamma(shape, r); }
        @Override public double mean() { return shape * scale; }
        @Override public double cv() { return 1 / Math.sqrt(shape); }
    }

    public record Weibull(double shape, double scale) implements GapDistribution {
        public Weibull { positive("Weibull shape", shape); positive("Weibull scale", scale); }
        @Override public double sample(SplittableRandom r) { return scale * Math.pow(r.nextExponential(), 1 / shape); }
        @Override public double mean() { return scale * Math.exp(Gamma.logGamma(1 + 1 / shape)); }
        @Override public double cv() {
            double g1 = Math.exp(Gamma.logGamma(1 + 1 / shape)), g2 = Math.exp(Gamma.logGamma(1 + 2 / shape));
            return Math.sqrt(g2 - g1 * g1) / g1;
        }
    }

    public record Lognormal(double mu, double sigma) implements GapDistribution {
        public Lognormal { if (!Double.isFinite(mu)) throw new IllegalArgumentException("lognormal mu must be finite"); positive("lognormal sigma", sigma); }
        @Override public double sample(SplittableRandom r) { return Math.exp(mu + sigma * r.nextGaussian()); }
        @Override public double mean() { return Math.exp(mu + sigma * sigma / 2); }
        @Override public double cv() { return Math.sqrt(Math.expm1(sigma * sigma)); }
    }

    /** Pareto type I with minimum xm and tail index alpha (mean infinite for alpha <= 1). */
    public record Pareto(double xm, double alpha) implements GapDistribution {
        public Pareto { positive("Pareto xm", xm); positive("Pareto alpha", alpha); }
        @Override public double sample(SplittableRandom r) { return xm * Math.exp(r.nextExponential() / alpha); }
        @Override public double mean() { return alpha > 1 ? alpha * xm / (alpha - 1) : Double.POSITIVE_INFINITY; }
        @Override public double cv() { return alpha > 2 ? 1 / Math.sqrt(alpha * (alpha - 2)) : Double.POSITIVE_INFINITY; }
    }

    /** Resamples observed gaps (bootstrap): keeps the exact empirical shape, including ties. */
    public record Empirical(double[] values) implements GapDistribution {
        public Empirical {
            if (values.length == 0) throw new IllegalArgumentException("empirical gap distribution needs at least one value");
            values = values.clone();
            for (double v : values) if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("gaps must be finite and >= 0, got " + v);
        }
        @Override public double sample(SplittableRandom r) { return values[r.nextInt(values.length)]; }
        @Override public double mean() { return Arrays.stream(values).average().orElse(0); }
        @Override public double cv() {
            double m = mean(), v = 0;
            for (double x : values) v += (x - m) * (x - m);
            return Math.sqrt(v / values.length) / m;
        }
    }

    /** Builds a gap distribution from a fitted family and its parameters (names as in fits.json). */
    public static GapDistribution of(String family, Map<String, Double> p) {
        return switch (family.toLowerCase()) {
            case "exponential" -> new Exponential(need(p, "rate", family));
            case "gamma" -> new GammaGaps(need(p, "shape", family), need(p, "scale", family));
            case "weibull" -> new Weibull(need(p, "shape", family), need(p, "scale", family));
            case "lognormal" -> new Lognormal(need(p, "mu", family), need(p, "sigma", family));
            case "pareto" -> new Pareto(need(p, "xm", family), need(p, "alpha", family));
            default -> throw new IllegalArgumentException("unknown gap family '" + family + "' (expected exponential, gamma, weibull, lognormal or pareto)");
        };
    }

    private static double need(Map<String, Double> p, String name, String family) {
        Double v = p.get(name);
        if (v == null) throw new IllegalArgumentException(family + " needs parameter '" + name + "', got " + p.keySet());
        return v;
    }

    /** Standard gamma variate with the given shape (scale 1). */
    public static double standardGamma(double shape, SplittableRandom r) {
        if (shape < 1) {
            // Gamma(k) = Gamma(k+1) * U^(1/k)
            return standardGamma(shape + 1, r) * Math.exp(-r.nextExponential() / shape);
        }
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = r.nextGaussian(), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = r.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v;
            if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
        }
    }
}
