package dev.thaw.ingest.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The byte-level number parser equals the JDK's, bit for bit, on the decimal spellings traces use. */
class NumberParserTest {
    static double parse(String s, boolean[] ok) {
        byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.US_ASCII);
        return NumberParser.parseDouble(b, 2, b.length - 4, ok);
    }

    static long parseLong(String s, boolean[] ok) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return NumberParser.parseLong(b, 0, b.length, ok);
    }

    @Test
    void randomDecimalsEqualDoubleParseDouble() {
        SplittableRandom rnd = new SplittableRandom(5);
        boolean[] ok = new boolean[1];
        for (int n = 0; n < 200_000; n++) {
            StringBuilder sb = new StringBuilder();
            if (rnd.nextInt(4) == 0) sb.append('-');
            int intDigits = rnd.nextInt(12), fracDigits = rnd.nextInt(n % 7 == 0 ? 25 : 10);
            for (int i = 0; i < intDigits; i++) sb.append((char) ('0' + rnd.nextInt(10)));
            if (intDigits == 0 || rnd.nextBoolean()) {
                if (intDigits == 0) sb.append('0');
                sb.append('.');
                for (int i = 0; i < fracDigits; i++) sb.append((char) ('0' + rnd.nextInt(10)));
            }
            if (rnd.nextInt(20) == 0) sb.append('e').append(rnd.nextInt(41) - 20);
            String s = sb.toString();
            double v = parse(s, ok);
            assertTrue(ok[0], s);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(v), s);
        }
    }

    @Test
    void eightDigitsAtATimeStopAtTheFieldEndWhateverFollows() {
        // Fields at every offset of a buffer, followed by digits of the next cell (or the buffer's end): the word-wide
        // path must read only the field's own bytes, and agree with the JDK for integers and decimals alike.
        SplittableRandom rnd = new SplittableRandom(17);
        boolean[] ok = new boolean[1];
        for (int n = 0; n < 100_000; n++) {
            StringBuilder sb = new StringBuilder();
            if (rnd.nextInt(5) == 0) sb.append('-');
            int intDigits = 1 + rnd.nextInt(n % 3 == 0 ? 20 : 9);
            for (int i = 0; i < intDigits; i++) sb.append((char) ('0' + rnd.nextInt(10)));
            String integer = sb.toString();
            if (rnd.nextBoolean()) {
                sb.append('.');
                int frac = rnd.nextInt(n % 5 == 0 ? 24 : 10);
                for (int i = 0; i < frac; i++) sb.append((char) ('0' + rnd.nextInt(10)));
            }
            String s = sb.toString();
            String after = "9".repeat(rnd.nextInt(12));
            byte[] b = ("7".repeat(rnd.nextInt(9)) + s + after).getBytes(StandardCharsets.US_ASCII);
            int off = b.length - after.length() - s.length();
            double v = NumberParser.parseDouble(b, off, s.length(), ok);
            assertTrue(ok[0], s);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(v), s + " followed by " + after);
            if (integer.replace("-", "").length() <= 18) {
                byte[] c = ("7".repeat(rnd.nextInt(9)) + integer + after).getBytes(StandardCharsets.US_ASCII);
                long l = NumberParser.parseLong(c, c.length - after.length() - integer.length(), integer.length(), ok);
                assertTrue(ok[0], integer);
                assertEquals(Long.parseLong(integer), l, integer + " followed by " + after);
            }
        }
    }

    @Test
    void shortCellsParsedInOneWordEqualTheDigitByDigitPath() {
        // Every cell of up to eight bytes from digits, points, signs, exponents and letters: read where the one-word
        // path applies (eight bytes readable, whatever follows) and where it cannot (the cell ends the buffer, so the
        // digit-by-digit parser reads it); both must accept the same cells and give the same bits.
        SplittableRandom rnd = new SplittableRandom(23);
        String alphabet = "0123456789012345678901234567890123456789..-+eEx ";
        boolean[] ok = new boolean[1];
        int accepted = 0;
        for (int n = 0; n < 300_000; n++) {
            int len = 1 + rnd.nextInt(8);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < len; i++) sb.append(alphabet.charAt(rnd.nextInt(i == 0 || rnd.nextInt(3) > 0 ? 40 : alphabet.length())));
            String s = sb.toString();
            byte[] alone = s.getBytes(StandardCharsets.US_ASCII);
            double want = NumberParser.parseDouble(alone, 0, alone.length, ok);
            boolean wantOk = ok[0];
            byte[] padded = (s + (char) ('0' + rnd.nextInt(10)) + ".5-7,123").getBytes(StandardCharsets.US_ASCII);
            double got = NumberParser.parseDouble(padded, 0, alone.length, ok);
            assertEquals(wantOk, ok[0], s);
            if (wantOk) {
                accepted++;
                assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), s);
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(got), s);
            }
        }
        assertTrue(accepted > 100_000, "accepted " + accepted);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(oneWord("-0")));
        assertEquals(0.5, oneWord(".5"));
        assertEquals(5.0, oneWord("5."));
        assertEquals(-0.86106, oneWord("-0.86106"));
        assertEquals(12345678.0, oneWord("12345678"));
    }

    private static double oneWord(String s) {
        boolean[] ok = new boolean[1];
        double v = NumberParser.parseDouble((s + "12345678").getBytes(StandardCharsets.US_ASCII), 0, s.length(), ok);
        assertTrue(ok[0], s);
        return v;
    }

    @Test
    void leadingDigitsCountsDigitBytesFromTheFirst() {
        for (String s : new String[] {"12345678", "1234567,", "0.861066", ",1234567", "99999999", "9:999999", "/0000000"}) {
            long w = 0;
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            for (int i = 7; i >= 0; i--) w = (w << 8) | (b[i] & 0xff);
            int expected = 0;
            while (expected < 8 && Character.isDigit(s.charAt(expected))) expected++;
            assertEquals(expected, NumberParser.leadingDigits(w), s);
            if (expected > 0) assertEquals(Long.parseLong(s.substring(0, expected)), NumberParser.digits(w, expected), s);
        }
    }

    @Test
    void refusesWhatTracesNeverMean() {
        boolean[] ok = new boolean[1];
        for (String s : new String[] {"", "-", ".", "abc", "1d", "0x1p3", "Infinity", "1,5", "1.2.3", "--1"}) {
            parse(s, ok);
            assertFalse(ok[0], "'" + s + "'");
        }
    }

    @Test
    void integersAlsoWrittenAsRealsWithAZeroFraction() {
        boolean[] ok = new boolean[1];
        assertEquals(12, parseLong("12.0", ok));
        assertTrue(ok[0]);
        assertEquals(-7, parseLong("-7", ok));
        assertEquals(1440, parseLong("1440.000", ok));
        assertEquals(123456789012345678L, parseLong("123456789012345678", ok));
        assertTrue(ok[0]);
        assertEquals(1_700_000_000_123_456_789L, parseLong("1700000000123456789", ok), "a nanosecond Unix time, exactly");
        assertTrue(ok[0]);
        assertEquals(Long.MAX_VALUE, parseLong("9223372036854775807.0", ok));
        assertTrue(ok[0]);
        assertEquals(9_007_199_254_740_993L, parseLong("9007199254740993", ok), "2^53 + 1: not a double, still a long");
        for (String s : new String[] {"1.5", "", "x", "12a", "9223372036854775808", "1e30"}) {
            parseLong(s, ok);
            assertFalse(ok[0], "'" + s + "'");
        }
    }
}
