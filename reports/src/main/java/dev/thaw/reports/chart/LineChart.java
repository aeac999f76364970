package dev.thaw.reports.chart;

import dev.thaw.reports.table.Table;
import java.awt.geom.Ellipse2D;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Lines over a numeric x: time series (requests per minute over the trace), or curves such as the index of
 * dispersion versus time scale on log-log axes with the Poisson reference at 1. Series longer than
 * {@value #MAX_POINTS} points are reduced by keeping each bucket's minimum and maximum, so spikes survive.
 */
public final class LineChart extends ChartBuilder<LineChart> {
    static final int MAX_POINTS = 1500;

    private final Map<String, double[][]> series = new LinkedHashMap<>();
    private final Map<String, double[]> marks = new LinkedHashMap<>();
    private boolean logX, logY, points;
    private Double reference;
    private String referenceLabel = "";

    LineChart(String id, String title) { super(id, title); }

    public LineChart logX() { this.logX = true; return this; }
    public LineChart logY() { this.logY = true; return this; }
    /** Marks every data point (for short curves such as IDC at five time scales). */
    public LineChart points() { this.points = true; return this; }

    /** A dashed horizontal line, e.g. IDC = 1 for a Poisson process. */
    public LineChart reference(double y, String label) { this.reference = y; this.referenceLabel = label; return this; }

    /** Moments of events (e.g. cold starts): a marker on the x axis and a thin vertical line at each. */
    public LineChart marks(String name, double[] x) {
        marks.put(name, java.util.Arrays.stream(x).filter(Double::isFinite).toArray());
        return this;
    }

    public LineChart series(String name, double[] x, double[] y) {
        requireSameLength("line series '" + name + "'", x, y);
        series.put(name, new double[][] {x.clone(), y.clone()});
        return this;
    }

    /** Index pairs kept after reduction: all points when short, else each bucket's first, min and max. */
    private int[] kept(double[] y) {
        int n = y.length;
        if (n <= MAX_POINTS) return java.util.stream.IntStream.range(0, n).toArray();
        int buckets = MAX_POINTS / 2;
        java.util.TreeSet<Integer> keep = new java.util.TreeSet<>();
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets), to = (int) ((long) (b + 1) * n / buckets);
            int mn = from, mx = from;
            for (int i = from; i < to; i++) {
                if (y[i] < y[mn]) mn = i;
                if (y[i] > y[mx]) mx = i;
            }
            keep.add(mn);
            keep.add(mx);
        }
        keep.add(n - 1);
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    private boolean plottable(double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0);
    }

    @Override protected JFreeChart chart() {
        if (series.isEmpty()) throw new IllegalArgumentException("line chart '" + id + "' has no series");
        XYSeriesCollection ds = new XYSeriesCollection();
        for (var e : series.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, true);
            double[] x = e.getValue()[0], y = e.getValue()[1];
            for (int i : kept(y)) if (plottable(x[i], y[i])) s.add(x[i], y[i]);
            ds.addSeries(s);
        }
        for (var e : marks.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, true);
            for (double x : e.getValue()) if (plottable(x, logY ? 1 : 0)) s.add(x, logY ? 1 : 0);
            ds.addSeries(s);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, points);
        r.setDrawSeriesLineAsPath(true);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesPaint(i, Theme.series(i));
            r.setSeriesStroke(i, series.size() == 1 && !points ? new java.awt.BasicStroke(1.4f) : Theme.LINE);
            r.setSeriesShape(i, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        }
        for (int i = series.size(); i < ds.getSeriesCount(); i++) {
            r.setSeriesPaint(i, Theme.series(3 + i - series.size()));
            r.setSeriesLinesVisible(i, false);
            r.setSeriesShapesVisible(i, true);
            r.setSeriesShape(i, org.jfree.chart.util.ShapeUtils.createUpTriangle(4.5f));
        }
        XYPlot plot = new XYPlot(ds, Axes.of(xLabel, logX, false), Axes.of(yLabel, logY, !logY), r);
        int m0 = 0;
        for (double[] xs : marks.values()) {
            java.awt.Paint paint = Theme.series(3 + m0++);
            for (double x : xs) {
                ValueMarker v = new ValueMarker(x, paint, new java.awt.BasicStroke(0.6f));
                v.setAlpha(0.35f);
                plot.addDomainMarker(v);
            }
        }
        if (reference != null && ds.getItemCount(0) > 0) includeReference(plot, ds);
        if (reference != null) {
            ValueMarker m = new ValueMarker(reference, Theme.INK_SOFT, Theme.REFERENCE);
            m.setLabel(referenceLabel);
            m.setLabelFont(Theme.ANNOTATION_FONT);
            m.setLabelPaint(Theme.INK_SOFT);
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            m.setLabelBackgroundColor(new java.awt.Color(255, 255, 255, 0));
            plot.addRangeMarker(m);
        }
        return new JFreeChart(null, Theme.LABEL_FONT, plot, series.size() + marks.size() > 1);
    }

    /** Widens the y range so the reference line is visible even when every value lies far from it. */
    private void includeReference(XYPlot plot, XYSeriesCollection ds) {
        double lo = reference, hi = reference;
        for (int s = 0; s < ds.getSeriesCount(); s++)
            for (int i = 0; i < ds.getItemCount(s); i++) {
                lo = Math.min(lo, ds.getYValue(s, i));
                hi = Math.max(hi, ds.getYValue(s, i));
            }
        if (logY) plot.getRangeAxis().setRange(lo / 1.6, hi * 1.6);
        else plot.getRangeAxis().setRange(lo - 0.06 * (hi - lo), hi + 0.06 * (hi - lo) + (hi == lo ? 1 : 0));
    }

    @Override protected Table data() {
        Table.Builder t = Table.of("series", "x", "y");
        for (var e : series.entrySet()) {
            double[] x = e.getValue()[0], y = e.getValue()[1];
            for (int i = 0; i < x.length; i++) t.row(e.getKey(), x[i], y[i]);
        }
        for (var e : marks.entrySet()) for (double x : e.getValue()) t.row(e.getKey(), x, Double.NaN);
        return t.build();
    }

}
