package dev.thaw.reports.chart;

import dev.thaw.reports.table.Table;
import java.awt.BasicStroke;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/**
 * Box summaries of several samples side by side (small vs large pods): box from the 25th to the 75th percentile,
 * line at the median, diamond at the mean, whiskers at the 5th and 95th percentiles. Individual outliers are not
 * drawn (there can be millions); the data CSV lists the quantiles.
 */
public final class BoxChart extends ChartBuilder<BoxChart> {
    private final Map<String, double[]> groups = new LinkedHashMap<>();
    private boolean logY;

    BoxChart(String id, String title) { super(id, title); }

    public BoxChart logY() { this.logY = true; return this; }

    public BoxChart group(String name, double[] values) {
        double[] v = finite(values, false);
        if (v.length == 0) throw new IllegalArgumentException("box group '" + name + "' has no finite values");
        Arrays.sort(v);
        groups.put(name, v);
        return this;
    }

    /** Quantile by linear interpolation between order statistics (type 7, as R and NumPy default). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    private String label(String name) { return name + " (n=" + Table.display((long) groups.get(name).length) + ")"; }

    @Override protected JFreeChart chart() {
        if (groups.isEmpty()) throw new IllegalArgumentException("box chart '" + id + "' has no group");
        DefaultBoxAndWhiskerCategoryDataset ds = new DefaultBoxAndWhiskerCategoryDataset();
        for (var e : groups.entrySet()) {
            double[] v = e.getValue();
            double p5 = quantile(v, 0.05), p95 = quantile(v, 0.95);
            ds.add(new BoxAndWhiskerItem(mean(v), quantile(v, 0.5), quantile(v, 0.25), quantile(v, 0.75),
                    p5, p95, p5, p95, List.of()), "all", label(e.getKey()));
        }
        BoxAndWhiskerRenderer r = new BoxAndWhiskerRenderer();
        r.setFillBox(true);
        r.setSeriesPaint(0, Theme.withAlpha(Theme.series(0), 70));
        r.setSeriesOutlinePaint(0, Theme.series(0));
        r.setDefaultOutlinePaint(Theme.series(0));
        r.setArtifactPaint(Theme.INK);
        r.setUseOutlinePaintForWhiskers(true);
        r.setSeriesOutlineStroke(0, new BasicStroke(1.4f));
        r.setMeanVisible(false);
        r.setMaximumBarWidth(0.18);
        r.setWhiskerWidth(0.5);
        ValueAxis y = Axes.of(yLabel, logY, false);
        CategoryPlot plot = new CategoryPlot(ds, new CategoryAxis(xLabel), y, r);
        // the stock mean marker scales with the box width; a small diamond on its own dataset reads better
        DefaultCategoryDataset means = new DefaultCategoryDataset();
        for (var e : groups.entrySet()) means.addValue(mean(e.getValue()), "mean", label(e.getKey()));
        LineAndShapeRenderer m = new LineAndShapeRenderer(false, true);
        m.setSeriesShape(0, ShapeUtils.createDiamond(5f));
        m.setSeriesPaint(0, Theme.series(3));
        plot.setDataset(1, means);
        plot.setRenderer(1, m);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        return new JFreeChart(null, Theme.LABEL_FONT, plot, false);
    }

    @Override protected Table data() {
        Table.Builder t = Table.of("group", "n", "mean", "p5", "p25", "p50", "p75", "p95", "max");
        for (var e : groups.entrySet()) {
            double[] v = e.getValue();
            t.row(e.getKey(), (long) v.length, mean(v), quantile(v, .05), quantile(v, .25), quantile(v, .5),
                    quantile(v, .75), quantile(v, .95), v[v.length - 1]);
        }
        return t.build();
    }

}
