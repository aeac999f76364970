package dev.thaw.reports.chart;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.renderer.PaintScale;

/** A continuous colour ramp between anchor colours, as a JFreeChart {@link PaintScale}. NaN paints as "no data". */
final class ColorScale implements PaintScale {
    /** viridis, sampled at 9 points: perceptually uniform and colour-blind safe. */
    private static final int[] VIRIDIS = {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962,
        0xADDC30, 0xFDE725};
    /** RdBu reversed (blue negative, red positive), the usual colour-blind-safe diverging ramp. */
    private static final int[] BLUE_RED = {0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582,
        0xD6604D, 0xB2182B};
    static final Color NO_DATA = new Color(0xF3F4F6);

    private final double lower;
    private final double upper;
    private final int[] anchors;

    private ColorScale(double lower, double upper, int[] anchors) {
        this.lower = lower;
        this.upper = upper > lower ? upper : lower + 1;
        this.anchors = anchors;
    }

    static ColorScale sequential(double lower, double upper) { return new ColorScale(lower, upper, VIRIDIS); }

    static ColorScale diverging(double lower, double upper) { return new ColorScale(lower, upper, BLUE_RED); }

    @Override public double getLowerBound() { return lower; }

    @Override public double getUpperBound() { return upper; }

    @Override public Paint getPaint(double value) { return color(value); }

    Color color(double value) {
        if (Double.isNaN(value)) return NO_DATA;
        double t = (Math.max(lower, Math.min(upper, value)) - lower) / (upper - lower) * (anchors.length - 1);
        int i = Math.min((int) Math.floor(t), anchors.length - 2);
        double f = t - i;
        Color a = new Color(anchors[i]), b = new Color(anchors[i + 1]);
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f), mix(a.getBlue(), b.getBlue(), f));
    }

    private static int mix(int a, int b, double f) { return (int) Math.round(a + (b - a) * f); }
}
