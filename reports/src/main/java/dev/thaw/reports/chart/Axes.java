package dev.thaw.reports.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
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
        a.setTickUnit(new NumberTickUnit(1, new CompactFormat(), 9));
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
            return ticks(edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER, true);
        }

        @Override protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            return ticks(edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT, false);
        }

        /**
         * Major ticks at powers of ten, minor ticks at 2..9 times them. Generated here because LogAxis starts at
         * the first power of ten inside the range and so drops the minor ticks below it.
         */
        @SuppressWarnings({"rawtypes", "unchecked"})
        private List ticks(TextAnchor anchor, boolean horizontal) {
            double lo = Math.max(getLowerBound(), 1e-300), hi = getUpperBound();
            // under two decades there are too few decade labels to read a value off: label 2 and 5 as well
            boolean narrow = Math.log10(hi / lo) < 2;
            List out = new ArrayList();
            for (int d = (int) Math.floor(Math.log10(lo)); d <= (int) Math.ceil(Math.log10(hi)); d++)
                for (int m = 1; m <= 9; m++) {
                    double v = m * Math.pow(10, d);
                    if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) continue;
                    boolean labelled = m == 1 || narrow && (m == 2 || m == 5);
                    // a horizontal label in the first 3% of the axis would sit on the vertical axis' lowest label
                    if (horizontal && Math.log10(v / lo) < 0.03 * Math.log10(hi / lo)) labelled = false;
                    out.add(new NumberTick(m == 1 ? TickType.MAJOR : TickType.MINOR, v,
                            labelled ? CompactFormat.label(v) : "", anchor, anchor, 0.0));
                }
            return out;
        }
    }
}
