package dev.thaw.workload.io;

/** Locale-independent fixed-point formatting, identical on every machine (no String.format, no locale). */
public final class Fixed {
    private static final long[] POW10 = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    private Fixed() {}

    /** {@code value} rounded (half up) to {@code decimals} places (0..9). */
    public static String of(double value, int decimals) {
        return scaled(Math.round(value * POW10[decimals]), decimals);
    }

    /** An integer count of 10^-decimals units written as a decimal, e.g. scaled(1500, 3) = "1.500". */
    public static String scaled(long units, int decimals) {
        StringBuilder sb = new StringBuilder(24);
        append(sb, units, decimals);
        return sb.toString();
    }

    public static void append(StringBuilder sb, long units, int decimals) {
        if (units < 0) { sb.append('-'); units = -units; }
        long p = POW10[decimals];
        sb.append(units / p);
        if (decimals == 0) return;
        sb.append('.');
        String frac = Long.toString(units % p);
        for (int i = frac.length(); i < decimals; i++) sb.append('0');
        sb.append(frac);
    }
}
