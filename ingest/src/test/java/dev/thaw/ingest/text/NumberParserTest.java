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
