package dev.thaw.reports.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;

/** Axis factories with the theme's number format: decade ticks on log axes, compact labels everywhere. */
final class Axes {
    private Axes() {}

    static ValueAxis of(String label, boolean log, boolean includeZero) {
        return log ? log(label) : linear(label, includeZero);
    }

    static NumberAxis linear(String label, boolean includeZero) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(includeZero);
        a.setNumberFormatOverride(new CompactFormat());
        return a;
    }

    static LogAxis log(String label) {
        LogAxis a = new PlainLogAxis(label);
        a.setBase(10);
        a.setTickUnit(new NumberTickUnit(1));
        a.setNumberFormatOverride(new CompactFormat());
        a.setMinorTickCount(9);
        a.setMinorTickMarksVisible(true);
        a.setSmallestValue(1e-12);
        return a;
    }

    /**
     * A log axis whose tick labels are plain strings. LogAxis labels are attributed strings (for superscripts),
     * which the SVG backend can only draw as glyph outlines: ten times the bytes and no selectable text.
     */
    static final class PlainLogAxis extends LogAxis {
        PlainLogAxis(String label) { super(label); }

        @Override protected List refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            return plain(super.refreshTicksHorizontal(g2, dataArea, edge));
        }

        @Override protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            return plain(super.refreshTicksVertical(g2, dataArea, edge));
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        private List plain(List ticks) {
            List out = new ArrayList(ticks.size());
            // under two decades there are too few decade labels to read a value off: label 2 and 5 as well
            boolean narrow = Math.log10(getUpperBound() / Math.max(getLowerBound(), 1e-300)) < 2;
            for (Object o : ticks) {
                ValueTick t = (ValueTick) o;
                boolean labelled = t.getTickType() == TickType.MAJOR || narrow && isTwoOrFive(t.getValue());
                String text = labelled ? CompactFormat.label(t.getValue()) : "";
                out.add(new NumberTick(t.getTickType(), t.getValue(), text, t.getTextAnchor(), t.getRotationAnchor(), t.getAngle()));
            }
            return out;
        }

        private static boolean isTwoOrFive(double v) {
            double mantissa = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
            return Math.abs(mantissa - 2) < 1e-6 || Math.abs(mantissa - 5) < 1e-6;
        }
    }
}
