package dev.thaw.reports.chart;

import dev.thaw.reports.table.Table;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.chart.util.ShapeUtils;

/**
 * Plans as points in a two-objective plane (e.g. GPUs or cost vs p99 TTFT). The Pareto front (points no other
 * point beats on both objectives) is drawn in colour, joined and labelled; dominated plans are grey; the chosen
 * plan is marked with a diamond and labelled. Labels never overlap ({@link PointLabels}); every point names itself
 * in a tooltip.
 */
public final class ParetoChart extends ChartBuilder<ParetoChart> {
    public record Point(String label, double x, double y) {}

    private final List<Point> points = new ArrayList<>();
    private boolean minimizeX = true, minimizeY = true;
    private boolean logX, logY;
    private String best;

    ParetoChart(String id, String title) { super(id, title); }

    public ParetoChart point(String label, double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y))
            throw new IllegalArgumentException("Pareto point '" + label + "' has a non-finite coordinate");
        points.add(new Point(label, x, y));
        return this;
    }

    /** Which way is better on each axis (default: smaller is better on both). */
    public ParetoChart objectives(boolean minimizeX, boolean minimizeY) {
        this.minimizeX = minimizeX;
        this.minimizeY = minimizeY;
        return this;
    }

    public ParetoChart logX() { this.logX = true; return this; }
    public ParetoChart logY() { this.logY = true; return this; }
    /** The plan the search chose: drawn as a diamond. */
    public ParetoChart best(String label) { this.best = label; return this; }

    /** Points not dominated by any other, sorted by x. Ties on both objectives all stay on the front. */
    public List<Point> front() {
        List<Point> out = new ArrayList<>();
        for (Point p : points) {
            boolean dominated = false;
            for (Point q : points) if (q != p && dominates(q, p)) { dominated = true; break; }
            if (!dominated) out.add(p);
        }
        out.sort(Comparator.comparingDouble(Point::x).thenComparingDouble(Point::y));
        return out;
    }

    private boolean dominates(Point q, Point p) {
        double qx = minimizeX ? q.x : -q.x, px = minimizeX ? p.x : -p.x;
        double qy = minimizeY ? q.y : -q.y, py = minimizeY ? p.y : -p.y;
        return qx <= px && qy <= py && (qx < px || qy < py);
    }

    @Override protected JFreeChart chart() {
        if (points.isEmpty()) throw new IllegalArgumentException("Pareto chart '" + id + "' has no point");
        List<Point> front = front();
        XYSeries others = new XYSeries("dominated", false, true);
        XYSeries frontSeries = new XYSeries("Pareto front", false, true);
        XYSeries chosen = new XYSeries("chosen", false, true);
        for (Point p : points) if (!front.contains(p)) others.add(p.x, p.y);
        for (Point p : front) frontSeries.add(p.x, p.y);
        for (Point p : points) if (p.label.equals(best)) chosen.add(p.x, p.y);
        XYSeriesCollection ds = new XYSeriesCollection();
        ds.addSeries(frontSeries);
        ds.addSeries(others);
        if (chosen.getItemCount() > 0) ds.addSeries(chosen);
        // every point names itself in a tooltip (an SVG <title>): the labels drawn are only the front's and the chosen
        List<List<Point>> bySeries = List.of(front, points.stream().filter(p -> !front.contains(p)).toList(),
                points.stream().filter(p -> p.label.equals(best)).toList());
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true) {
            @Override protected void drawSecondaryPass(java.awt.Graphics2D g2, XYPlot plot, org.jfree.data.xy.XYDataset dataset, int pass,
                                                       int series, int item, org.jfree.chart.axis.ValueAxis domainAxis,
                                                       java.awt.geom.Rectangle2D dataArea, org.jfree.chart.axis.ValueAxis rangeAxis,
                                                       org.jfree.chart.plot.CrosshairState crosshairState,
                                                       org.jfree.chart.entity.EntityCollection entities) {
                // SVG only: <g class="point"><title>label</title><path/></g>, the title shows as the point's tooltip
                boolean tip = g2 instanceof org.jfree.svg.SVGGraphics2D && series < bySeries.size() && item < bySeries.get(series).size();
                if (tip) {
                    Point p = bySeries.get(series).get(item);
                    g2.setRenderingHint(org.jfree.svg.SVGHints.KEY_BEGIN_GROUP, java.util.Map.of("class", "point"));
                    g2.setRenderingHint(org.jfree.svg.SVGHints.KEY_ELEMENT_TITLE,
                            p.label + " (" + Table.display(p.x) + ", " + Table.display(p.y) + ")");
                }
                super.drawSecondaryPass(g2, plot, dataset, pass, series, item, domainAxis, dataArea, rangeAxis, crosshairState, entities);
                if (tip) g2.setRenderingHint(org.jfree.svg.SVGHints.KEY_END_GROUP, Boolean.TRUE);
            }
        };
        r.setDrawSeriesLineAsPath(true);
        r.setSeriesLinesVisible(0, true);
        r.setSeriesPaint(0, Theme.series(0));
        r.setSeriesStroke(0, Theme.LINE);
        r.setSeriesShape(0, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
        r.setSeriesPaint(1, Theme.MUTED);
        r.setSeriesShape(1, new Ellipse2D.Double(-3, -3, 6, 6));
        r.setSeriesPaint(2, Theme.series(3));
        r.setSeriesShape(2, ShapeUtils.createDiamond(8f));
        XYPlot plot = new XYPlot(ds, Axes.of(xLabel, logX, false), Axes.of(yLabel, logY, false), r);
        // GPU counts and similar: no 1.5 GPUs on the axis
        if (!logX && points.stream().allMatch(p -> p.x == Math.rint(p.x)))
            ((org.jfree.chart.axis.NumberAxis) plot.getDomainAxis()).setStandardTickUnits(
                    org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
        // labels for the chosen plan first, then the front; points that coincide share one label
        List<PointLabels.Label> labels = new ArrayList<>();
        List<Point> labelled = new ArrayList<>();
        for (Point p : points) if (p.label.equals(best)) labelled.add(p);
        for (Point p : front) if (!labelled.contains(p)) labelled.add(p);
        List<Point> placed = new ArrayList<>();
        for (Point p : labelled) {
            if (placed.stream().anyMatch(q -> q.x == p.x && q.y == p.y)) continue;
            long ties = points.stream().filter(q -> q != p && q.x == p.x && q.y == p.y).count();
            labels.add(new PointLabels.Label(ties > 0 ? p.label + " (+" + ties + " tied)" : p.label, p.x, p.y));
            placed.add(p);
        }
        plot.addAnnotation(new PointLabels(labels));
        plot.getDomainAxis().setLowerMargin(0.04);
        plot.getDomainAxis().setUpperMargin(0.04);
        return new JFreeChart(null, Theme.LABEL_FONT, plot, true);
    }

    @Override protected Table data() {
        List<Point> front = front();
        Table.Builder t = Table.of("label", "x", "y", "pareto", "chosen");
        for (Point p : points) t.row(p.label, p.x, p.y, front.contains(p), p.label.equals(best));
        return t.build();
    }
}
