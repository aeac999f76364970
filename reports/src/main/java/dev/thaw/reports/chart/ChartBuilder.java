package dev.thaw.reports.chart;

import dev.thaw.reports.table.Table;
import org.jfree.chart.JFreeChart;

/** What every chart builder shares: identity, caption, axis labels and size. */
public abstract class ChartBuilder<B extends ChartBuilder<B>> {
    protected final String id;
    protected final String title;
    protected String caption = "";
    protected String xLabel = "";
    protected String yLabel = "";
    protected int width = 680;
    protected int height = 400;

    protected ChartBuilder(String id, String title) {
        this.id = Figure.checkId(id);
        if (title == null || title.isBlank()) throw new IllegalArgumentException("figure '" + id + "' needs a title");
        this.title = title;
    }

    @SuppressWarnings("unchecked")
    private B self() { return (B) this; }

    /** One or two sentences under the figure: what it shows and how to read it. */
    public B caption(String caption) { this.caption = caption == null ? "" : caption; return self(); }

    public B axes(String xLabel, String yLabel) { this.xLabel = xLabel; this.yLabel = yLabel; return self(); }

    /** Nominal size in pixels (the SVG scales to its container; the PNG is rendered at twice this). */
    public B size(int width, int height) {
        if (width < 100 || height < 80) throw new IllegalArgumentException("figure size too small: " + width + "x" + height);
        this.width = width;
        this.height = height;
        return self();
    }

    public final Figure build() {
        JFreeChart chart = chart();
        Theme.apply(chart);
        style(chart);
        return new Figure(id, title, caption, chart, data(), width, height);
    }

    protected abstract JFreeChart chart();

    /** Chart-specific touches applied after the theme (series colours, strokes, annotations). */
    protected void style(JFreeChart chart) {}

    protected abstract Table data();

    static double[] finite(double[] values, boolean positiveOnly) {
        return java.util.Arrays.stream(values).filter(v -> Double.isFinite(v) && (!positiveOnly || v > 0)).toArray();
    }

    static void requireSameLength(String what, double[] a, double[] b) {
        if (a.length != b.length)
            throw new IllegalArgumentException(what + ": x has " + a.length + " values but y has " + b.length);
    }
}
