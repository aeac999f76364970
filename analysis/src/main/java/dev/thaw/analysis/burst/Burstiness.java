package dev.thaw.analysis.burst;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Burstiness of one arrival sequence, from plain arrays (the workload generator's calibration loop reuses this).
 *
 * <ul>
 *   <li>IAT statistics: mean, sd (population), CV = sd/mean, Goh-Barabasi B = (sd - mean)/(sd + mean).</li>
 *   <li>IDC at 1 s, 10 s, 60 s, 600 s and 3600 s: counts are binned per second from t0 = floor(first arrival);
 *       only complete windows inside [t0, last arrival] count (see {@link CountSeries#idc}).</li>
 *   <li>Hurst exponent: aggregated variance of the per-second counts ({@link CountSeries#hurstAggregatedVariance}).</li>
 * </ul>
 */
public record Burstiness(long n, double spanS, double ratePerS, double iatMean, double iatSd, double iatCv,
                         double gohBarabasi, Map<String, Double> idc, double hurst) {

    /** Window lengths in seconds for the IDC, keyed as in the CLI JSON ("1s", "10s", ...). */
    public static final int[] IDC_WINDOWS_S = {1, 10, 60, 600, 3600};

    /** @param sortedArrivals arrival times in seconds, ascending (checked). */
    public static Burstiness of(double[] sortedArrivals) {
        int n = sortedArrivals.length;
        if (n < 2) throw new IllegalArgumentException("need at least 2 arrivals, got " + n);
        double sum = 0, sum2 = 0;
        for (int i = 1; i < n; i++) {
            double d = sortedArrivals[i] - sortedArrivals[i - 1];
            if (!(d >= 0)) throw new IllegalArgumentException("arrivals not sorted at index " + i);
            sum += d;
            sum2 += d * d;
        }
        IatMoments iat = new IatMoments(n - 1, sum, sum2);
        long[] perSecond = perSecondCounts(sortedArrivals);
        double span = sortedArrivals[n - 1] - sortedArrivals[0];
        return new Burstiness(n, span, span > 0 ? (n - 1) / span : Double.NaN, iat.mean(), iat.sd(), iat.cv(),
                iat.gohBarabasi(), idcAll(perSecond), CountSeries.hurstAggregatedVariance(perSecond));
    }

    /** IDC at every {@link #IDC_WINDOWS_S} window from per-second counts, in that order. */
    public static Map<String, Double> idcAll(long[] perSecond) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int w : IDC_WINDOWS_S) m.put(w + "s", CountSeries.idc(perSecond, w));
        return m;
    }

    /** Counts per 1-second bin from floor(first arrival) to the last arrival. */
    public static long[] perSecondCounts(double[] sortedArrivals) {
        double t0 = Math.floor(sortedArrivals[0]);
        int bins = (int) Math.floor(sortedArrivals[sortedArrivals.length - 1] - t0) + 1;
        long[] c = new long[bins];
        for (double t : sortedArrivals) c[(int) Math.floor(t - t0)]++;
        return c;
    }

    /** Coefficient of variation of the inter-arrival times of ascending arrivals. */
    public static double iatCv(double[] sortedArrivals) {
        return of(sortedArrivals).iatCv();
    }

    /** Count, sum and sum of squares of inter-arrival times; exact to merge. */
    public record IatMoments(long n, double sum, double sum2) {
        public double mean() { return n == 0 ? Double.NaN : sum / n; }
        public double sd() {
            if (n == 0) return Double.NaN;
            double m = sum / n;
            return Math.sqrt(Math.max(0, sum2 / n - m * m));
        }
        public double cv() { return sd() / mean(); }
        public double gohBarabasi() { double s = sd(), m = mean(); return (s - m) / (s + m); }
    }
}
