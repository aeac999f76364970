package dev.thaw.workload.arrival;

import java.util.Arrays;

/**
 * A periodic piecewise-constant relative rate: {@code relative[i]} applies to [i*binS, (i+1)*binS) modulo the period
 * {@code relative.length * binS}. Normalised to mean 1, so it scales a base rate without changing the long-run mean.
 */
public record RateProfile(double binS, double[] relative) {
    public RateProfile {
        Gaps.positive("profile bin width", binS);
        if (relative.length == 0) throw new IllegalArgumentException("rate profile needs at least one bin");
        double sum = 0;
        for (double v : relative) {
            if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("relative rates must be finite and >= 0, got " + v);
            sum += v;
        }
        if (sum <= 0) throw new IllegalArgumentException("rate profile is zero everywhere");
        double mean = sum / relative.length;
        relative = Arrays.stream(relative).map(v -> v / mean).toArray();
    }

    /** 24 hourly bins. */
    public static RateProfile diurnal(double... hourly) {
        if (hourly.length != 24) throw new IllegalArgumentException("a diurnal profile has 24 hourly values, got " + hourly.length);
        return new RateProfile(3600, hourly);
    }

    /** 168 hourly bins over a week (Monday 00:00 first). */
    public static RateProfile weekly(double... hourly) {
        if (hourly.length != 168) throw new IllegalArgumentException("a weekly profile has 168 hourly values, got " + hourly.length);
        return new RateProfile(3600, hourly);
    }

    /** Smooth day: relative rate 1 + a*cos(2 pi (h - peakHour)/24), with a from the peak-to-trough ratio. */
    public static RateProfile sinusoidalDay(double peakToTrough, double peakHour) {
        if (!(peakToTrough >= 1)) throw new IllegalArgumentException("peak-to-trough ratio must be >= 1, got " + peakToTrough);
        double a = (peakToTrough - 1) / (peakToTrough + 1);
        double[] h = new double[24];
        for (int i = 0; i < 24; i++) h[i] = 1 + a * Math.cos(2 * Math.PI * (i + 0.5 - peakHour) / 24);
        return diurnal(h);
    }

    public double periodS() { return binS * relative.length; }

    public double max() { return Arrays.stream(relative).max().orElseThrow(); }

    public double at(double tS) {
        double p = tS % periodS();
        if (p < 0) p += periodS();
        return relative[Math.min(relative.length - 1, (int) (p / binS))];
    }

    /** Elementwise product of two profiles on a common bin width (e.g. diurnal x weekly). */
    public RateProfile times(RateProfile o) {
        if (binS != o.binS) throw new IllegalArgumentException("profiles must share a bin width");
        int n = lcm(relative.length, o.relative.length);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = relative[i % relative.length] * o.relative[i % o.relative.length];
        return new RateProfile(binS, v);
    }

    private static int lcm(int a, int b) {
        int x = a, y = b;
        while (y != 0) { int t = x % y; x = y; y = t; }
        return a / x * b;
    }
}
