package dev.thaw.analysis.detect;

/** Parses plain decimals ({@code -12.345}) without allocation; NaN for anything else (the caller falls back). */
final class FastDouble {
    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};

    private FastDouble() {}

    static double parse(String s) {
        int i = 0, n = s.length();
        boolean neg = false;
        if (n > 0 && s.charAt(0) == '-') { neg = true; i = 1; }
        long mant = 0;
        int digits = 0, frac = -1;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits >= 15) return Double.NaN; // beyond 2^53: let Double.parseDouble round it
                mant = mant * 10 + (c - '0');
                if (mant > 0 || frac >= 0) digits++;
                if (frac >= 0) frac++;
            } else if (c == '.' && frac < 0) {
                frac = 0;
            } else {
                return Double.NaN;
            }
        }
        if (n == 0 || (n == 1 && neg) || frac > 18) return Double.NaN;
        double v = frac > 0 ? mant / POW10[frac] : mant;
        return neg ? -v : v;
    }
}
