package dev.thaw.analysis.detect;

/**
 * Turns one function-minute of {@link Metric} values into the model's coordinates: the logarithm of each
 * per-request metric (a multiplicative change becomes a shift), the logarithm of the request count, and the load
 * stratum. Each metric has a floor below which changes are noise (1 millicore, 0.1 ms, 1 us of response writing,
 * 1 byte, 1 MiB, an error rate of 1%). A CPU average of exactly 0 in a minute with requests is a missing sample:
 * the per-request log reports 0 CPU for about one request in five (the sampler missed it).
 */
public final class Features {
    /** Number of per-request features, in the order of {@link Metric#PER_REQUEST}. */
    public static final int F = Metric.PER_REQUEST.size();
    /** Load strata: minutes with 1, 2-3, 4-7, ..., 128+ requests (the noise of an average halves every fourfold step). */
    public static final int STRATA = 8;
    static final double[] FLOOR = {1e-3, 1e-4, 1e-6, 1, 1, 0.01};

    private Features() {}

    /** Fills {@code out} (length F) with the log features of the minute; NaN where the metric is missing. */
    public static void perRequest(double[] values, double[] out) {
        double n = values[Metric.REQUESTS.ordinal()];
        for (int f = 0; f < F; f++) {
            Metric m = Metric.PER_REQUEST.get(f);
            double v = values[m.ordinal()];
            if (m == Metric.ERRORS && Double.isFinite(v)) v = v / n;
            if (m == Metric.CPU && v == 0) v = Double.NaN; // no CPU sample caught in the minute, not a function that used none
            out[f] = Double.isFinite(v) && v >= 0 ? Math.log(v + FLOOR[f]) : Double.NaN;
        }
    }

    public static int stratum(double requests) {
        int s = 63 - Long.numberOfLeadingZeros(Math.max(1, (long) requests));
        return Math.min(STRATA - 1, s);
    }

    public static boolean active(double[] values) {
        double n = values[Metric.REQUESTS.ordinal()];
        return n >= 1;
    }

    public static int hourOfDay(long minute) { return (int) Math.floorMod(minute / 60, 24); }

    public static int dayOfWeek(long minute) { return (int) Math.floorMod(minute / 1440, 7); }
}
