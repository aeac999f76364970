package dev.thaw.reports.chart;

import dev.thaw.reports.table.Table;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Bars over categories: grouped (policies side by side per metric) or stacked (cold-start components per hour).
 * Each series gives one value per category, in category order.
 */
public final class BarChart extends ChartBuilder<BarChart> {
    private final boolean stacked;
    private final List<String> categories = new ArrayList<>();
    private final Map<String, double[]> series = new LinkedHashMap<>();
    private boolean valueLabels;
    private boolean horizontal;

    BarChart(String id, String title, boolean stacked) {
        super(id, title);
        this.stacked = stacked;
    }

    public BarChart categories(List<String> names) {
        categories.clear();
        categories.addAll(names);
        return this;
    }

    public BarChart series(String name, double... values) {
        if (values.length != categories.size())
            throw new IllegalArgumentException("bar series '" + name + "' has " + values.length + " values for "
                    + categories.size() + " categories (set categories first)");
        series.put(name, values.clone());
        return this;
    }

    /** Prints each bar's value above it (grouped bars only; stacked segments are read from the legend). */
    public BarChart valueLabels() { this.valueLabels = true; return this; }

    /** Bars grow to the right: for long category names. */
    public BarChart horizontal() { this.horizontal = true; return this; }

    @Override protected JFreeChart chart() {
        if (categories.isEmpty() || series.isEmpty())
            throw new IllegalArgumentException("bar chart '" + id + "' needs categories and at least one series");
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (var e : series.entrySet())
            for (int c = 0; c < categories.size(); c++) ds.addValue(e.getValue()[c], e.getKey(), categories.get(c));
        BarRenderer r = stacked ? new StackedBarRenderer() : new BarRenderer();
        r.setItemMargin(0.04);
        r.setMaximumBarWidth(0.12);
        if (stacked) r.setMaximumBarWidth(0.06);
        for (int i = 0; i < series.size(); i++) r.setSeriesPaint(i, Theme.series(i));
        if (valueLabels && !stacked) {
            r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new CompactFormat()));
            r.setDefaultItemLabelsVisible(true);
            r.setDefaultItemLabelFont(Theme.ANNOTATION_FONT);
            r.setDefaultItemLabelPaint(Theme.INK_SOFT);
            r.setDefaultPositiveItemLabelPosition(horizontal
                    ? new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT)
                    : new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
        }
        CategoryAxis x = new CategoryAxis(xLabel);
        if (!horizontal && categories.size() > 12) x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        x.setMaximumCategoryLabelLines(2);
        NumberAxis y = Axes.linear(yLabel, true);
        if (valueLabels) y.setUpperMargin(0.12);
        CategoryPlot plot = new CategoryPlot(ds, x, y, r);
        plot.setOrientation(horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL);
        return new JFreeChart(null, Theme.LABEL_FONT, plot, series.size() > 1);
    }

    @Override protected void style(JFreeChart chart) {
        CategoryAxis x = ((CategoryPlot) chart.getPlot()).getDomainAxis();
        if (categories.size() > 16) x.setTickLabelFont(Theme.TICK_FONT.deriveFont(Font.PLAIN, 9.5f));
        x.setCategoryMargin(stacked ? 0.25 : 0.22);
    }

    @Override protected Table data() {
        List<String> cols = new ArrayList<>();
        cols.add("category");
        cols.addAll(series.keySet());
        Table.Builder t = Table.of(cols);
        for (int c = 0; c < categories.size(); c++) {
            Object[] row = new Object[cols.size()];
            row[0] = categories.get(c);
            int i = 1;
            for (double[] v : series.values()) row[i++] = v[c];
            t.row(row);
        }
        return t.build();
    }
}
