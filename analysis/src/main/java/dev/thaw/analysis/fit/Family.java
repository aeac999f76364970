package dev.thaw.analysis.fit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.ParetoDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.WeibullDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.special.Gamma;

/**
 * The parametric families thaw fits, each with its maximum-likelihood estimator on a positive sample and the
 * parameter names written to fits.json: exponential {rate}, gamma {shape, scale}, weibull {shape, scale},
 * lognormal {mu, sigma}, pareto {xm, alpha}.
 */
public enum Family {
    EXPONENTIAL("exponential", 1) {
        @Override Map<String, Double> mle(double[] x, SampleLogs s) {
            return params("rate", 1 / s.mean);
        }
        @Override public RealDistribution distribution(Map<String, Double> p, RandomGenerator rng) {
            return new ExponentialDistribution(rng, 1 / get(p, "rate"));
        }
        @Override public double quantile(Map<String, Double> p, double u) { return -Math.log1p(-u) / get(p, "rate"); }
    },
    GAMMA("gamma", 2) {
        /** Newton on log k - digamma(k) = log(mean) - mean(log x), from Minka's closed-form start. */
        @Override Map<String, Double> mle(double[] x, SampleLogs s) {
            double c = Math.log(s.mean) - s.meanLog;
            if (!(c > 0)) throw new IllegalArgumentException("gamma MLE needs a non-constant sample");
            double k = (3 - c + Math.sqrt((c - 3) * (c - 3) + 24 * c)) / (12 * c);
            for (int i = 0; i < 100; i++) {
                double step = (Math.log(k) - Gamma.digamma(k) - c) / (1 / k - Gamma.trigamma(k));
                double next = k - step;
                k = next > 0 ? next : k / 2;
                if (Math.abs(step) < 1e-12 * k) break;
            }
            return params("shape", k, "scale", s.mean / k);
        }
        @Override public RealDistribution distribution(Map<String, Double> p, RandomGenerator rng) {
            return new GammaDistribution(rng, get(p, "shape"), get(p, "scale"), 1e-12);
        }
        /** Newton on the regularised incomplete gamma function from the Wilson-Hilferty start, bisection-guarded. */
        @Override public double quantile(Map<String, Double> p, double u) {
            double k = get(p, "shape"), th = get(p, "scale");
            if (u <= 0) return 0;
            if (u >= 1) return Double.POSITIVE_INFINITY;
            double z = new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1).inverseCumulativeProbability(u);
            double c = 1 / (9 * k), x = k * Math.pow(Math.max(1 - c + z * Math.sqrt(c), 1e-3), 3);
            double lo = 0, hi = Double.POSITIVE_INFINITY, lgk = Gamma.logGamma(k);
            for (int i = 0; i < 60; i++) {
                double f = Gamma.regularizedGammaP(k, x) - u;
                if (f > 0) hi = Math.min(hi, x); else lo = Math.max(lo, x);
                if (Math.abs(f) < 1e-12) break;
                double dens = Math.exp((k - 1) * Math.log(x) - x - lgk);
                double next = dens > 0 ? x - f / dens : Double.NaN;
                if (!(next > lo && next < hi)) next = Double.isInfinite(hi) ? Math.max(2 * x, lo * 2 + 1e-300) : (lo + hi) / 2;
                if (Math.abs(next - x) <= 1e-14 * x) { x = next; break; }
                x = next;
            }
            return x * th;
        }
    },
    WEIBULL("weibull", 2) {
        /** Root of sum(y^k ln y)/sum(y^k) - 1/k - mean(ln y) = 0 (increasing in k), y = x / geometric mean. */
        @Override Map<String, Double> mle(double[] x, SampleLogs s) {
            double[] ly = new double[x.length];
            double lmax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < x.length; i++) { ly[i] = Math.log(x[i]) - s.meanLog; lmax = Math.max(lmax, ly[i]); }
            final double top = lmax;
            // exp(k (l - top)) <= 1 never overflows; the ratio is unchanged by the shift
            UnivariateFunction g = k -> {
                double a = 0, b = 0;
                for (double l : ly) { double e = Math.exp(k * (l - top)); a += e * l; b += e; }
                return a / b - 1 / k;
            };
            double lo = 1e-3, hi = 1e3;
            if (g.value(lo) > 0 || g.value(hi) < 0) throw new IllegalArgumentException("weibull MLE has no root in [1e-3, 1e3]");
            double k = new BrentSolver(1e-12, 1e-10).solve(500, g, lo, hi);
            double m = 0;
            for (double l : ly) m += Math.exp(k * (l - top));
            double scale = Math.exp(s.meanLog + top) * Math.pow(m / x.length, 1 / k);
            return params("shape", k, "scale", scale);
        }
        @Override public RealDistribution distribution(Map<String, Double> p, RandomGenerator rng) {
            return new WeibullDistribution(rng, get(p, "shape"), get(p, "scale"), 1e-12);
        }
        @Override public double quantile(Map<String, Double> p, double u) {
            return get(p, "scale") * Math.pow(-Math.log1p(-u), 1 / get(p, "shape"));
        }
    },
    LOGNORMAL("lognormal", 2) {
        @Override Map<String, Double> mle(double[] x, SampleLogs s) {
            double v = 0;
            for (double xi : x) { double d = Math.log(xi) - s.meanLog; v += d * d; }
            return params("mu", s.meanLog, "sigma", Math.sqrt(v / x.length));
        }
        @Override public RealDistribution distribution(Map<String, Double> p, RandomGenerator rng) {
            return new LogNormalDistribution(rng, get(p, "mu"), get(p, "sigma"), 1e-12);
        }
        @Override public double quantile(Map<String, Double> p, double u) {
            return Math.exp(get(p, "mu") + get(p, "sigma") * Math.sqrt(2) * org.apache.commons.math3.special.Erf.erfInv(2 * u - 1));
        }
    },
    PARETO("pareto", 2) {
        /** xm = min(x), alpha = n / sum ln(x / xm). */
        @Override Map<String, Double> mle(double[] x, SampleLogs s) {
            double xm = s.min, sum = 0;
            for (double xi : x) sum += Math.log(xi / xm);
            if (!(sum > 0)) throw new IllegalArgumentException("pareto MLE needs a non-constant sample");
            return params("xm", xm, "alpha", x.length / sum);
        }
        @Override public RealDistribution distribution(Map<String, Double> p, RandomGenerator rng) {
            return new ParetoDistribution(rng, get(p, "xm"), get(p, "alpha"), 1e-12);
        }
        @Override public double quantile(Map<String, Double> p, double u) {
            return get(p, "xm") * Math.pow(1 - u, -1 / get(p, "alpha"));
        }
    };

    private final String id;
    private final int parameterCount;

    Family(String id, int parameterCount) {
        this.id = id;
        this.parameterCount = parameterCount;
    }

    /** The name used in fits.json. */
    public String id() { return id; }

    public int parameterCount() { return parameterCount; }

    /** A distribution with these parameters; {@code rng} may be null when it will not be sampled. */
    public abstract RealDistribution distribution(Map<String, Double> params, RandomGenerator rng);

    /** Inverse CDF at u in (0, 1), in closed form (gamma: Newton), much faster than the generic solver. */
    public abstract double quantile(Map<String, Double> params, double u);

    /** Maximum-likelihood parameters of a strictly positive sample. */
    public Map<String, Double> mle(double[] positive) {
        return mle(positive, new SampleLogs(positive));
    }

    abstract Map<String, Double> mle(double[] x, SampleLogs s);

    public static Family byId(String id) {
        for (Family f : values()) if (f.id.equals(id)) return f;
        throw new IllegalArgumentException("unknown family '" + id + "' (expected exponential, gamma, weibull, lognormal or pareto)");
    }

    private static Map<String, Double> params(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Double) kv[i + 1]);
        return m;
    }

    static double get(Map<String, Double> p, String name) {
        Double v = p.get(name);
        if (v == null) throw new IllegalArgumentException("missing parameter '" + name + "' in " + p);
        return v;
    }

    /** Mean, mean log and minimum, shared by the estimators. */
    static final class SampleLogs {
        final double mean, meanLog, min;

        SampleLogs(double[] x) {
            if (x.length < 2) throw new IllegalArgumentException("need at least 2 values to fit, got " + x.length);
            double s = 0, sl = 0, mn = Double.POSITIVE_INFINITY;
            for (double xi : x) {
                if (!(xi > 0) || Double.isInfinite(xi)) throw new IllegalArgumentException("fit needs positive finite values, got " + xi);
                s += xi;
                sl += Math.log(xi);
                mn = Math.min(mn, xi);
            }
            mean = s / x.length;
            meanLog = sl / x.length;
            min = mn;
        }
    }
}
