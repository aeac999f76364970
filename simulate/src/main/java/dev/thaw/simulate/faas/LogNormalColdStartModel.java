package dev.thaw.simulate.faas;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Cold starts whose four components are independent log-normals chosen by pod size class (small: at most 400
 * millicores and 256 MB; large: the rest), with code and dependency deployment scaled per runtime. Functions
 * without dependency layers (a fixed share, decided per function by a hash so it is stable across replays) get a
 * dependency time of exactly 0, as in the Huawei data.
 *
 * <p>{@link #huaweiDefaults()} is shaped after the paper's published figures (pooled median of about 1 s, large
 * pods slower, scheduling and dependencies dominating); it is a stand-in, not a fit. Plug in parameters fitted by the
 * analysis module with {@link #LogNormalColdStartModel(double[][], double[][], double, Map)}.
 */
public final class LogNormalColdStartModel implements ColdStartModel {
    private final double[][] mu;     // [sizeClass 0 small / 1 large][component]
    private final double[][] sigma;
    private final double withDependencies;
    private final Map<String, Double> runtimeFactor;

    /**
     * @param mu log-scale means, {@code mu[0]} for small pods and {@code mu[1]} for large, four components each
     * @param sigma log-scale standard deviations, same layout
     * @param withDependencies share of functions that have dependency layers, in [0, 1]
     * @param runtimeFactor multiplier of code and dependency time per runtime name (missing runtimes: 1)
     */
    public LogNormalColdStartModel(double[][] mu, double[][] sigma, double withDependencies, Map<String, Double> runtimeFactor) {
        if (mu.length != 2 || sigma.length != 2 || mu[0].length != 4 || mu[1].length != 4 || sigma[0].length != 4 || sigma[1].length != 4)
            throw new IllegalArgumentException("mu and sigma must be 2 size classes x 4 components");
        if (!(withDependencies >= 0 && withDependencies <= 1)) throw new IllegalArgumentException("withDependencies must be in [0,1]: " + withDependencies);
        this.mu = new double[][] {mu[0].clone(), mu[1].clone()};
        this.sigma = new double[][] {sigma[0].clone(), sigma[1].clone()};
        this.withDependencies = withDependencies;
        this.runtimeFactor = new HashMap<>(runtimeFactor);
    }

    public static LogNormalColdStartModel huaweiDefaults() {
        double[] smallMedian = {0.05, 0.15, 0.6, 0.6};
        double[][] mu = new double[2][4];
        for (int c = 0; c < 4; c++) {
            mu[0][c] = Math.log(smallMedian[c]);
            mu[1][c] = Math.log(2 * smallMedian[c]);
        }
        double[] s = {1.0, 1.0, 1.2, 1.2};
        return new LogNormalColdStartModel(mu, new double[][] {s, s}, 0.5,
                Map.of("Custom", 5.0, "http", 5.0, "Java", 1.5, "Go1.x", 0.7));
    }

    @Override public double sample(int f, FunctionCatalog catalog, SplittableRandom rng, double[] out) {
        int k = catalog.isSmallPod(f) ? 0 : 1;
        double factor = runtimeFactor.getOrDefault(catalog.runtime(f), 1.0);
        double total = 0;
        for (int c = 0; c < 4; c++) {
            double v;
            if (c == DEPENDENCY && !hasDependencies(f)) v = 0;
            else {
                v = Math.exp(mu[k][c] + sigma[k][c] * rng.nextGaussian());
                if (c == CODE || c == DEPENDENCY) v *= factor;
            }
            out[c] = v;
            total += v;
        }
        return total;
    }

    @Override public double mean(int f, FunctionCatalog catalog) {
        int k = catalog.isSmallPod(f) ? 0 : 1;
        double factor = runtimeFactor.getOrDefault(catalog.runtime(f), 1.0);
        double total = 0;
        for (int c = 0; c < 4; c++) {
            if (c == DEPENDENCY && !hasDependencies(f)) continue;
            double m = Math.exp(mu[k][c] + 0.5 * sigma[k][c] * sigma[k][c]);
            total += (c == CODE || c == DEPENDENCY) ? m * factor : m;
        }
        return total;
    }

    /** Stable per function: a mixed hash of the index compared with the share. */
    boolean hasDependencies(int f) {
        long z = (f + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53 < withDependencies;
    }
}
