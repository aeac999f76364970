package dev.thaw.analysis.table;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** How result tables write numbers into CSV: nine significant digits, plain where plain is short. */
class ResultTableFormatTest {
    @Test void numbersAreWrittenPlainInTheUsualRangeAndRoundTrip() {
        assertEquals("60", ResultTable.format(60.0), "a keep-alive of 60 s, not 6E+1");
        assertEquals("1200000", ResultTable.format(1.2e6));
        assertEquals("0.1", ResultTable.format(0.1));
        assertEquals("-3.25", ResultTable.format(-3.25));
        assertEquals("0.333333333", ResultTable.format(1.0 / 3));
        assertEquals("1.5E-9", ResultTable.format(1.5e-9), "tiny values keep the exponent");
        assertEquals("1.23E+20", ResultTable.format(1.23e20), "huge values keep the exponent");
        assertEquals("", ResultTable.format(Double.NaN));
        assertEquals("inf", ResultTable.format(Double.POSITIVE_INFINITY));
        for (double d : new double[] {60, 1.2e6, 0.1, -3.25, 1.5e-9, 1.23e20, 12345.6789})
            assertEquals(d, Double.parseDouble(ResultTable.format(d)), Math.abs(d) * 1e-9);
    }
}
