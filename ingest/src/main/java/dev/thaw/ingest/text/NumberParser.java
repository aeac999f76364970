package dev.thaw.ingest.text;

/**
 * Parses decimal numbers straight from UTF-8 bytes. The fast path (at most 18 significant digits and a power of
 * ten up to 22) is exact: both the digits and the power are exact doubles, so one division or multiplication
 * rounds correctly. Anything else falls back to {@link Double#parseDouble}, so results always equal the JDK's.
 */
public final class NumberParser {
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final double[] POW10 = new double[23];
    private static final long[] POW10L = new long[19];
    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) { POW10[i] = p; p *= 10; }
        long q = 1;
        for (int i = 0; i < POW10L.length; i++) { POW10L[i] = q; q *= 10; }
    }

    private NumberParser() {}

    /** Returns the value, or NaN with {@code ok[0] = false} when the bytes are not a number. */
    public static double parseDouble(byte[] b, int off, int len, boolean[] ok) {
        if (len <= 8 && len > 0 && off + 8 <= b.length) {
            double v = parseShort((long) LONGS.get(b, off), len);
            if (v == v) { ok[0] = true; return v; }
        }
        // Eight digits at a time while the buffer has eight bytes to read past each run; else one at a time.
        int end = off + len, i = off;
        if (len > 0 && end + 8 <= b.length) {
            boolean neg = b[i] == '-';
            if (neg || b[i] == '+') i++;
            long mant = 0;
            int total = 0, scale = 0, n;
            do {
                long w = (long) LONGS.get(b, i);
                n = Math.min(leadingDigits(w), end - i);
                if (n == 0) break;
                mant = mant * POW10L[n] + digits(w, n);
                total += n;
                i += n;
            } while (n == 8 && total <= 10);
            int intDigits = total;
            if (i < end && b[i] == '.') {
                i++;
                do {
                    long w = (long) LONGS.get(b, i);
                    n = Math.min(leadingDigits(w), end - i);
                    if (n == 0 || total + n > 18) break;
                    mant = mant * POW10L[n] + digits(w, n);
                    total += n;
                    scale += n;
                    i += n;
                } while (n == 8);
            }
            if (i == end && total > 0 && total <= 18 && intDigits <= 18 && mant < (1L << 53) && scale <= 22) {
                ok[0] = true;
                double v = mant / POW10[scale];
                return neg ? -v : v;
            }
        }
        return parseDoubleByDigit(b, off, len, ok);
    }

    /**
     * A number of at most eight bytes held in one word (its first {@code len} bytes): an optional minus, digits and at
     * most one point, as most trace cells are ({@code 0.861066}, {@code -3.25}, {@code 42}), parsed without a loop:
     * the point is found by a mask and squeezed out, the digits are combined at once. NaN for anything else, which
     * the general parser then reads; the result is the general parser's (the same exact division).
     */
    static double parseShort(long w, int len) {
        boolean neg = (w & 0xFF) == '-';
        if (neg) { w >>>= 8; len--; }
        if (len == 0) return Double.NaN;
        long keep = len == 8 ? -1L : (1L << (len << 3)) - 1;
        long x = w ^ 0x2E2E2E2E2E2E2E2EL; // '.' bytes become zero
        long dots = ~(((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x | 0x7F7F7F7F7F7F7F7FL) & keep;
        int digitCount = len, scale = 0;
        if (dots != 0) {
            if ((dots & (dots - 1)) != 0 || len == 1) return Double.NaN; // two points, or a point alone
            int at = Long.numberOfTrailingZeros(dots) >>> 3;
            long below = (1L << (at << 3)) - 1;
            w = (w & below) | ((w >>> 8) & ~below); // the digits after the point move down one byte over it
            digitCount = len - 1;
            scale = digitCount - at;
        }
        if (leadingDigits(w) < digitCount) return Double.NaN;
        double v = digits(w, digitCount) / POW10[scale];
        return neg ? -v : v;
    }

    /** How many of the word's bytes, from the lowest (the first in the text), are ASCII digits before another byte. */
    static int leadingDigits(long w) {
        long x = (w & 0xF0F0F0F0F0F0F0F0L) ^ 0x3030303030303030L;              // high nibble is not 3
        long y = ((w + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) ^ 0x3030303030303030L; // or the byte is above '9'
        long v = x | y;
        long nonZero = (((v & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | v) & 0x8080808080808080L;
        return Long.numberOfTrailingZeros(nonZero) >>> 3;
    }

    /** The value of the word's first {@code n} (1..8) bytes, all digits: the others are shifted out. */
    static long digits(long w, int n) {
        long v = (w - 0x3030303030303030L) << ((8 - n) << 3);
        v = v * 10 + (v >>> 8);
        return (((v & 0x000000FF000000FFL) * 0x000F424000000064L) + (((v >>> 16) & 0x000000FF000000FFL) * 0x0000271000000001L)) >>> 32;
    }

    /** The general parser, a digit at a time. */
    private static double parseDoubleByDigit(byte[] b, int off, int len, boolean[] ok) {
        ok[0] = true;
        int i = off, end = off + len;
        if (i == end) { ok[0] = false; return Double.NaN; }
        boolean neg = false;
        if (b[i] == '-') { neg = true; i++; } else if (b[i] == '+') i++;
        long mant = 0;
        int digits = 0, scale = 0;
        boolean any = false, truncated = false;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            any = true;
            if (digits < 18) { mant = mant * 10 + (b[i] - '0'); if (mant != 0) digits++; } else truncated = true;
            i++;
        }
        if (i < end && b[i] == '.') {
            i++;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                any = true;
                if (digits < 18) { mant = mant * 10 + (b[i] - '0'); if (mant != 0) digits++; scale++; } else truncated = true;
                i++;
            }
        }
        if (i == end && any && !truncated) {
            if (scale <= 22 && scale >= -22 && mant < (1L << 53)) {
                double v = scale >= 0 ? mant / POW10[scale] : mant * POW10[-scale];
                return neg ? -v : v;
            }
        }
        return slow(b, off, len, ok);
    }

    private static double slow(byte[] b, int off, int len, boolean[] ok) {
        String s = new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1).trim();
        try {
            // The JDK accepts "1d", "0x1p3" and "Infinity"; traces never mean those, so refuse letters other than e/E.
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (Character.isLetter(c) && c != 'e' && c != 'E') { ok[0] = false; return Double.NaN; }
            }
            double v = Double.parseDouble(s);
            // 1e309 overflows to infinity: a number no trace means, refused like the word "inf"
            if (Double.isInfinite(v)) { ok[0] = false; return Double.NaN; }
            return v;
        } catch (NumberFormatException e) {
            ok[0] = false;
            return Double.NaN;
        }
    }

    /** Parses an integer, also written as a real with a zero fraction ("12.0", as wide count files do). */
    public static long parseLong(byte[] b, int off, int len, boolean[] ok) {
        int end = off + len, i = off;
        if (len > 0 && end + 8 <= b.length) {
            boolean neg = b[i] == '-';
            if (neg || b[i] == '+') i++;
            long v = 0;
            int total = 0, n;
            do {
                long w = (long) LONGS.get(b, i);
                n = Math.min(leadingDigits(w), end - i);
                if (n == 0) break;
                v = v * POW10L[n] + digits(w, n);
                total += n;
                i += n;
            } while (n == 8 && total <= 10);
            if (i == end && total > 0 && total <= 18) {
                ok[0] = true;
                return neg ? -v : v;
            }
        }
        return parseLongByDigit(b, off, len, ok);
    }

    private static long parseLongByDigit(byte[] b, int off, int len, boolean[] ok) {
        ok[0] = true;
        int i = off, end = off + len;
        boolean neg = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) { neg = b[i] == '-'; i++; }
        if (i == end) { ok[0] = false; return 0; }
        long v = 0;
        int start = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            if (i - start >= 18) return longViaDouble(b, off, len, ok);
            v = v * 10 + (b[i] - '0');
            i++;
        }
        if (i == start) return longViaDouble(b, off, len, ok);
        if (i < end) {
            if (b[i] != '.') return longViaDouble(b, off, len, ok);
            i++;
            while (i < end && b[i] == '0') i++;
            if (i < end) return longViaDouble(b, off, len, ok);
        }
        return neg ? -v : v;
    }

    private static long longViaDouble(byte[] b, int off, int len, boolean[] ok) {
        // 19-digit integers (nanosecond Unix times) fit a long but not a double: parse them exactly first.
        String s = new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
        int dot = s.indexOf('.');
        if (dot >= 0 && s.substring(dot + 1).matches("0*")) s = s.substring(0, dot);
        if (s.matches("[-+]?[0-9]{1,19}")) {
            try {
                ok[0] = true;
                return Long.parseLong(s);
            } catch (NumberFormatException tooBig) {
                ok[0] = false;
                return 0;
            }
        }
        double d = parseDouble(b, off, len, ok);
        if (!ok[0] || d != Math.rint(d) || Math.abs(d) > 9.007199254740992E15) { ok[0] = false; return 0; }
        return (long) d;
    }
}
