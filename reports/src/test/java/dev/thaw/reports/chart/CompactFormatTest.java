package dev.thaw.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CompactFormatTest {
    @Test void tickLabelsAreShortAndDistinct() {
        assertEquals("0", CompactFormat.label(0));
        assertEquals("0.01", CompactFormat.label(0.01));
        assertEquals("0.25", CompactFormat.label(0.25));
        assertEquals("1", CompactFormat.label(1));
        assertEquals("2.5", CompactFormat.label(2.5));
        assertEquals("10,000", CompactFormat.label(10_000));
        assertEquals("1.8M", CompactFormat.label(1_800_000));
        assertEquals("2M", CompactFormat.label(2_000_000));
        assertEquals("2.2M", CompactFormat.label(2_200_000));
        assertEquals("350M", CompactFormat.label(3.5e8));
        assertEquals("1.2G", CompactFormat.label(1.2e9));
        assertEquals("1e-4", CompactFormat.label(1e-4));
        assertEquals("2.5e-6", CompactFormat.label(2.5e-6));
        assertEquals("-1.5M", CompactFormat.label(-1.5e6));
    }

    @Test void powerOfTenAxesLabelTheQuantityNotItsLog() {
        assertEquals("1,000", new CompactFormat(true).format(3.0));
        assertEquals("0.01", new CompactFormat(true).format(-2.0));
    }
}
