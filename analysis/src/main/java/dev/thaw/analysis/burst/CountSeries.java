package dev.thaw.analysis.burst;

/**
 * Statistics of a series of counts in equal bins (e.g. requests per second). Shared by {@link Burstiness}
 * (built from raw arrivals) and the streaming arrival aggregators (built from binned counts), so both agree.
 */
public final class CountSeries {
    private CountSeries() {}

    /**
     * Index of dispersion for counts Var(N_T)/E(N_T) (population variance) over windows of {@code window} bins.
     * Only complete windows are used (a trailing partial window would bias the variance); NaN when fewer than
     * two complete windows exist or the mean is zero.
     */
    public static double idc(long[] counts, int window) {
        if (window < 1) throw new IllegalArgumentException("window must be >= 1 bin, got " + window);
        int windows = counts.length / window;
        if (windows < 2) return Double.NaN;
        double sum = 0, sum2 = 0;
        for (int w = 0; w < windows; w++) {
            long c = 0;
            for (int i = w * window, end = i + window; i < end; i++) c += counts[i];
            sum += c;
            sum2 += (double) c * c;
        }
        double mean = sum / windows;
        if (mean == 0) return Double.NaN;
        double var = Math.max(0, sum2 / windows - mean * mean);
        return var / mean;
    }

    /**
     * Hurst exponent by the aggregated-variance method: the series is averaged over blocks of m bins for m = 1,
     * 2, 4, ... while at least {@link #MIN_BLOCKS} blocks remain; Var(X^(m)) ~ m^(2H-2), so H = 1 + slope/2 of the
     * least-squares line of log Var against log m. 0.5 for a memoryless process, towards 1 with long-range
     * dependence. NaN when fewer than three scales are available or the series is constant.
     */
    public static double hurstAggregatedVariance(long[] counts) {
        int n = counts.length;
        double[] xs = new double[32], ys = new double[32];
        int k = 0;
        for (int m = 1; n / m >= MIN_BLOCKS; m *= 2) {
            int blocks = n / m;
            double sum = 0, sum2 = 0;
            for (int b = 0; b < blocks; b++) {
                long c = 0;
                for (int i = b * m, end = i + m; i < end; i++) c += counts[i];
                double x = (double) c / m;
                sum += x;
                sum2 += x * x;
            }
            double mean = sum / blocks;
            double var = sum2 / blocks - mean * mean;
            if (var <= 0) break;
            xs[k] = Math.log(m);
            ys[k] = Math.log(var);
            k++;
        }
        if (k < 3) return Double.NaN;
        double mx = 0, my = 0;
        for (int i = 0; i < k; i++) { mx += xs[i]; my += ys[i]; }
        mx /= k; my /= k;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < k; i++) { sxy += (xs[i] - mx) * (ys[i] - my); sxx += (xs[i] - mx) * (xs[i] - mx); }
        return 1 + (sxy / sxx) / 2;
    }

    /** Fewest blocks an aggregation level must have to enter the Hurst regression. */
    public static final int MIN_BLOCKS = 10;

    /** Mean and max of the series; peak-to-mean = max/mean (NaN for an empty or all-zero series). */
    public static double peakToMean(long[] counts) {
        long max = 0, sum = 0;
        for (long c : counts) { sum += c; max = Math.max(max, c); }
        return sum == 0 ? Double.NaN : max / ((double) sum / counts.length);
    }

    /** Autocorrelation at {@code lag} bins (NaN when the series is shorter than lag + 2 or constant). */
    public static double autocorrelation(long[] counts, int lag) {
        int n = counts.length;
        if (lag < 0 || n < lag + 2) return Double.NaN;
        double mean = 0;
        for (long c : counts) mean += c;
        mean /= n;
        double den = 0, num = 0;
        for (int i = 0; i < n; i++) den += (counts[i] - mean) * (counts[i] - mean);
        for (int i = 0; i + lag < n; i++) num += (counts[i] - mean) * (counts[i + lag] - mean);
        return den == 0 ? Double.NaN : num / den;
    }
}
