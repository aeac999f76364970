package dev.thaw.reports.chart;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;

/**
 * Text labels next to points, placed when the chart is drawn (when pixel positions are known): each label, in
 * priority order, takes the first of four spots around its point that stays inside the plot and clear of the
 * labels already placed; a label with no free spot is left out (the point's tooltip still names it). So no two
 * labels ever overlap, however many points crowd together.
 */
final class PointLabels extends AbstractXYAnnotation {
    record Label(String text, double x, double y) {}

    private final List<Label> labels;

    /** @param labels in priority order: the first is placed first */
    PointLabels(List<Label> labels) { this.labels = List.copyOf(labels); }

    @Override public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
                               int rendererIndex, PlotRenderingInfo info) {
        g2.setFont(Theme.ANNOTATION_FONT);
        g2.setPaint(Theme.INK);
        FontMetrics fm = g2.getFontMetrics();
        List<Rectangle2D> taken = new ArrayList<>();
        for (Label l : labels) {
            double px = domainAxis.valueToJava2D(l.x, dataArea, plot.getDomainAxisEdge());
            double py = rangeAxis.valueToJava2D(l.y, dataArea, plot.getRangeAxisEdge());
            if (!Double.isFinite(px) || !Double.isFinite(py)) continue;
            double w = fm.stringWidth(l.text), h = fm.getAscent() + fm.getDescent(), gap = 6;
            double[][] spots = {{px + gap, py - gap - h}, {px - gap - w, py - gap - h}, {px + gap, py + gap}, {px - gap - w, py + gap}};
            for (double[] s : spots) {
                Rectangle2D box = new Rectangle2D.Double(s[0], s[1], w, h);
                if (!dataArea.contains(box) || taken.stream().anyMatch(box::intersects)) continue;
                taken.add(new Rectangle2D.Double(s[0] - 2, s[1] - 1, w + 4, h + 2));
                g2.drawString(l.text, (float) s[0], (float) (s[1] + fm.getAscent()));
                break;
            }
        }
    }

    @Override public boolean equals(Object o) { return o instanceof PointLabels p && p.labels.equals(labels); }

    @Override public int hashCode() { return labels.hashCode(); }
}
