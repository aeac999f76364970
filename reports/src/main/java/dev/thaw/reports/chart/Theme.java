package dev.thaw.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The one look of every thaw chart: white ground, light grid, muted axes, and the Okabe-Ito palette, which stays
 * distinguishable under the common colour-vision deficiencies. Sequential scales use viridis, diverging scales a
 * blue-white-red ramp (both colour-blind safe).
 */
public final class Theme {
    private Theme() {}

    /** Okabe-Ito, reordered so the first colours are the most distinct; yellow (weak on white) comes last. */
    public static final Color[] SERIES = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
        new Color(0x56B4E9), new Color(0xCC79A7), new Color(0x444444), new Color(0xB8A100)};
    /** Points that are shown for context only (dominated plans, background samples). */
    public static final Color MUTED = new Color(0xA8B0BA);
    public static final Color INK = new Color(0x1F2937);
    public static final Color INK_SOFT = new Color(0x4B5563);
    public static final Color GRID = new Color(0xE5E7EB);
    public static final Color AXIS = new Color(0x9CA3AF);
    public static final String FONT = "SansSerif";
    public static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 12);
    public static final Font LABEL_FONT = new Font(FONT, Font.PLAIN, 13);
    public static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 15);
    public static final Font ANNOTATION_FONT = new Font(FONT, Font.PLAIN, 11);
    public static final Stroke LINE = new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    public static final Stroke DASHED = new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {6f, 4f}, 0f);
    public static final Stroke REFERENCE = new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {3f, 3f}, 0f);

    public static Color series(int i) { return SERIES[Math.floorMod(i, SERIES.length)]; }

    public static Color withAlpha(Color c, int alpha) { return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha); }

    /** Applies the theme to a freshly built chart; renderer colours are set by the chart builders. */
    static void apply(JFreeChart chart) {
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.getRenderingHints().put(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        chart.setPadding(new RectangleInsets(6, 4, 4, 10));
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setFrame(BlockBorder.NONE);
            legend.setItemFont(LABEL_FONT);
            legend.setItemPaint(INK_SOFT);
            legend.setBackgroundPaint(Color.WHITE);
            legend.setPosition(RectangleEdge.TOP);
            legend.setMargin(new RectangleInsets(0, 0, 6, 0));
        }
        if (chart.getTitle() != null) styleTitle(chart.getTitle());
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setInsets(new RectangleInsets(4, 4, 4, 4));
        if (plot instanceof XYPlot xy) {
            grid(xy);
            for (int i = 0; i < xy.getDomainAxisCount(); i++) axis(xy.getDomainAxis(i));
            for (int i = 0; i < xy.getRangeAxisCount(); i++) axis(xy.getRangeAxis(i));
            for (int i = 0; i < xy.getRendererCount(); i++)
                if (xy.getRenderer(i) instanceof XYBarRenderer bar) {
                    bar.setBarPainter(new StandardXYBarPainter());
                    bar.setShadowVisible(false);
                }
        } else if (plot instanceof CategoryPlot cat) {
            cat.setRangeGridlinePaint(GRID);
            cat.setRangeGridlineStroke(new BasicStroke(1f));
            cat.setDomainGridlinesVisible(false);
            cat.setAxisOffset(RectangleInsets.ZERO_INSETS);
            axis(cat.getDomainAxis());
            for (int i = 0; i < cat.getRangeAxisCount(); i++) axis(cat.getRangeAxis(i));
            if (cat.getRenderer() instanceof BarRenderer bar) {
                bar.setBarPainter(new StandardBarPainter());
                bar.setShadowVisible(false);
                bar.setDrawBarOutline(false);
            }
        }
    }

    static void styleTitle(TextTitle title) {
        title.setFont(TITLE_FONT);
        title.setPaint(INK);
        title.setPosition(RectangleEdge.TOP);
        title.setMargin(new RectangleInsets(4, 8, 8, 0));
        title.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
    }

    private static void grid(XYPlot xy) {
        xy.setDomainGridlinePaint(GRID);
        xy.setRangeGridlinePaint(GRID);
        xy.setDomainGridlineStroke(new BasicStroke(1f));
        xy.setRangeGridlineStroke(new BasicStroke(1f));
        xy.setDomainMinorGridlinesVisible(false);
        xy.setRangeMinorGridlinesVisible(false);
        xy.setAxisOffset(RectangleInsets.ZERO_INSETS);
    }

    private static void axis(Axis axis) {
        if (axis == null) return;
        axis.setLabelFont(LABEL_FONT);
        axis.setLabelPaint(INK_SOFT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setTickLabelPaint(INK_SOFT);
        axis.setAxisLinePaint(AXIS);
        axis.setTickMarkPaint(AXIS);
        axis.setTickMarkOutsideLength(3f);
        if (axis instanceof ValueAxis v) v.setMinorTickMarkOutsideLength(2f);
        if (axis instanceof CategoryAxis c) {
            c.setCategoryMargin(0.18);
            c.setLowerMargin(0.02);
            c.setUpperMargin(0.02);
        }
    }

    /** A paint for a legend or text that must be readable on {@code background}. */
    static Paint textOn(Color background) {
        double l = 0.2126 * background.getRed() + 0.7152 * background.getGreen() + 0.0722 * background.getBlue();
        return l < 140 ? Color.WHITE : INK;
    }
}
