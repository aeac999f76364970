package dev.thaw.cli;

/**
 * Range checks for options and cells, each one line at the top of a command's {@code call()}:
 * {@code Checks.positive("--duration", duration);}. A failed check throws an {@link IllegalArgumentException} that
 * names the option, the value and the range, which {@link Failures} turns into exit 2. Every {@code double} option
 * is already finite ({@link ThawCommand} registers a converter refusing NaN and infinities).
 */
public final class Checks {
    private Checks() {}

    public static double finite(String name, double v) {
        if (!Double.isFinite(v)) throw refused(name, v, "a finite number");
        return v;
    }

    public static double nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw refused(name, v, "a finite number >= 0");
        return v;
    }

    public static double positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw refused(name, v, "a finite number > 0");
        return v;
    }

    /** {@code lo <= v <= hi}; {@code why} says where the bound comes from (shown to the user), or null. */
    public static double range(String name, double v, double lo, double hi, String why) {
        if (!(v >= lo && v <= hi)) throw refused(name, v, "in [" + num(lo) + ", " + num(hi) + "]" + (why == null ? "" : " (" + why + ")"));
        return v;
    }

    public static long range(String name, long v, long lo, long hi, String why) {
        if (v < lo || v > hi) throw refused(name, v, "in [" + lo + ", " + hi + "]" + (why == null ? "" : " (" + why + ")"));
        return v;
    }

    public static int range(String name, int v, int lo, int hi, String why) { return (int) range(name, (long) v, lo, hi, why); }

    /** An optional value: null passes. */
    public static Double positiveOrNull(String name, Double v) { return v == null ? null : positive(name, v); }

    public static Integer rangeOrNull(String name, Integer v, int lo, int hi, String why) { return v == null ? null : range(name, v, lo, hi, why); }

    private static IllegalArgumentException refused(String name, Object v, String expected) {
        return new IllegalArgumentException(name + " must be " + expected + ", got " + (v instanceof Double d ? num(d) : v));
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
