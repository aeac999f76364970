package dev.thaw.reports.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;

/**
 * Draws each heat-map cell as one filled rectangle centred on its (x, y). The stock renderer also strokes every
 * block, which doubles the SVG; a quarter-pixel overlap hides the seams anti-aliasing would otherwise show.
 */
final class FillOnlyBlockRenderer extends XYBlockRenderer {
    @Override public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
            XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
            CrosshairState crosshairState, int pass) {
        double x = dataset.getXValue(series, item), y = dataset.getYValue(series, item);
        double z = ((XYZDataset) dataset).getZValue(series, item);
        double w = getBlockWidth() / 2, h = getBlockHeight() / 2;
        double x0 = domainAxis.valueToJava2D(x - w, dataArea, plot.getDomainAxisEdge());
        double x1 = domainAxis.valueToJava2D(x + w, dataArea, plot.getDomainAxisEdge());
        double y0 = rangeAxis.valueToJava2D(y - h, dataArea, plot.getRangeAxisEdge());
        double y1 = rangeAxis.valueToJava2D(y + h, dataArea, plot.getRangeAxisEdge());
        g2.setPaint(getPaintScale().getPaint(z));
        g2.fill(new Rectangle2D.Double(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0) + 0.25, Math.abs(y1 - y0) + 0.25));
    }
}
