package dev.thaw.reports.chart;

import dev.thaw.reports.table.Table;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A matrix of coloured cells: requests per minute x function (sequential, optionally log colour), or a
 * correlation matrix (diverging from -1 to 1, values printed in the cells). Rows run top to bottom in the order
 * given. Wide matrices with numeric columns are averaged into at most {@value #MAX_CELLS} cells to keep the SVG
 * small.
 */
public final class HeatMapChart extends ChartBuilder<HeatMapChart> {
    static final int MAX_CELLS = 3000;

    private List<String> rows = List.of();
    private List<String> columnNames;
    private double[] columnValues;
    private double[][] z;
    private boolean logColor;
    private boolean diverging;
    private double divLo = -1, divHi = 1;
    private boolean showValues;
    private String colorLabel = "";

    HeatMapChart(String id, String title) { super(id, title); }

    public HeatMapChart rows(List<String> labels) { this.rows = List.copyOf(labels); return this; }

    /** Categorical columns (e.g. the same labels as the rows, for a correlation matrix). */
    public HeatMapChart columns(List<String> labels) { this.columnNames = List.copyOf(labels); this.columnValues = null; return this; }

    /** Numeric, evenly spaced columns (e.g. minute of the day). */
    public HeatMapChart columns(double[] values) { this.columnValues = values.clone(); this.columnNames = null; return this; }

    /** {@code values[row][column]}; NaN is drawn as "no data". */
    public HeatMapChart values(double[][] values) {
        this.z = new double[values.length][];
        for (int i = 0; i < values.length; i++) z[i] = values[i].clone();
        return this;
    }

    /** Colour by log10 of the value (values <= 0 show as no data): for counts spanning decades. */
    public HeatMapChart logColor() { this.logColor = true; return this; }

    /** A diverging colour scale centred between lo and hi, e.g. -1..1 for correlations. */
    public HeatMapChart diverging(double lo, double hi) { this.diverging = true; divLo = lo; divHi = hi; return this; }

    /** Prints each cell's value (use for small matrices such as correlations). */
    public HeatMapChart showValues() { this.showValues = true; return this; }

    public HeatMapChart colorLabel(String label) { this.colorLabel = label; return this; }

    private int columnCount() { return columnNames != null ? columnNames.size() : columnValues == null ? 0 : columnValues.length; }

    private void validate() {
        int cols = columnCount();
        if (z == null || rows.isEmpty() || cols == 0)
            throw new IllegalArgumentException("heat map '" + id + "' needs rows, columns and values");
        if (z.length != rows.size())
            throw new IllegalArgumentException("heat map '" + id + "': " + z.length + " value rows for " + rows.size() + " row labels");
        for (int r = 0; r < z.length; r++)
            if (z[r].length != cols)
                throw new IllegalArgumentException("heat map '" + id + "': row " + r + " has " + z[r].length
                        + " values for " + cols + " columns");
    }

    /** Columns per cell after averaging, so rows x cells stays under MAX_CELLS (numeric columns only). */
    private int binWidth() {
        if (columnValues == null) return 1;
        int maxCols = Math.max(1, MAX_CELLS / rows.size());
        return (columnValues.length + maxCols - 1) / maxCols;
    }

    private double cell(int r, int c0, int bin) {
        double s = 0;
        int n = 0;
        for (int c = c0; c < Math.min(c0 + bin, z[r].length); c++) if (!Double.isNaN(z[r][c])) { s += z[r][c]; n++; }
        return n == 0 ? Double.NaN : s / n;
    }

    @Override protected JFreeChart chart() {
        validate();
        int bin = binWidth(), cols = columnCount();
        double step = columnValues != null && columnValues.length > 1 ? columnValues[1] - columnValues[0] : 1;
        List<double[]> cells = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows.size(); r++)
            for (int c = 0; c < cols; c += bin) {
                double v = cell(r, c, bin);
                double shown = logColor ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
                double x = columnValues != null ? columnValues[c] + step * (bin - 1) / 2.0 : c;
                cells.add(new double[] {x, rows.size() - 1 - r, shown, v});
                if (!Double.isNaN(shown)) { lo = Math.min(lo, shown); hi = Math.max(hi, shown); }
            }
        if (lo > hi) { lo = 0; hi = 1; }
        double[][] data = new double[3][cells.size()];
        for (int i = 0; i < cells.size(); i++) for (int k = 0; k < 3; k++) data[k][i] = cells.get(i)[k];
        DefaultXYZDataset ds = new DefaultXYZDataset();
        ds.addSeries("values", data);

        ColorScale scale = diverging ? ColorScale.diverging(divLo, divHi)
                : ColorScale.sequential(logColor ? Math.floor(lo) : lo, logColor ? Math.max(Math.ceil(hi), Math.floor(lo) + 1) : hi);
        XYBlockRenderer r = new FillOnlyBlockRenderer();
        r.setPaintScale(scale);
        r.setBlockWidth(columnValues != null ? step * bin : 1);
        r.setBlockHeight(1);

        ValueAxis x;
        if (columnNames != null) {
            SymbolAxis s = new SymbolAxis(xLabel, shorten(columnNames).toArray(new String[0]));
            s.setGridBandsVisible(false);
            if (columnNames.size() > 4) s.setVerticalTickLabels(true);
            x = s;
        } else {
            NumberAxis n = Axes.linear(xLabel, false);
            n.setLowerMargin(0);
            n.setUpperMargin(0);
            x = n;
        }
        List<String> reversed = new ArrayList<>(shorten(rows));
        java.util.Collections.reverse(reversed);
        SymbolAxis y = new SymbolAxis(yLabel, reversed.toArray(new String[0]));
        y.setGridBandsVisible(false);
        if (rows.size() > 24) y.setTickLabelFont(new Font(Theme.FONT, Font.PLAIN, 8));
        XYPlot plot = new XYPlot(ds, x, y, r);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        if (showValues)
            for (double[] c : cells) {
                if (Double.isNaN(c[3])) continue;
                XYTextAnnotation a = new XYTextAnnotation(String.format(Locale.ROOT, "%.2f", c[3]), c[0], c[1]);
                a.setFont(Theme.ANNOTATION_FONT);
                a.setPaint(Theme.textOn(scale.color(c[2])));
                plot.addAnnotation(a);
            }
        JFreeChart chart = new JFreeChart(null, Theme.LABEL_FONT, plot, false);
        NumberAxis legendAxis = new NumberAxis(colorLabel);
        legendAxis.setNumberFormatOverride(new CompactFormat(logColor));
        if (logColor) legendAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        if (diverging && divLo == -1 && divHi == 1) legendAxis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.5));
        legendAxis.setTickLabelFont(Theme.TICK_FONT);
        legendAxis.setLabelFont(Theme.LABEL_FONT);
        legendAxis.setTickLabelPaint(Theme.INK_SOFT);
        legendAxis.setLabelPaint(Theme.INK_SOFT);
        legendAxis.setAxisLinePaint(Theme.AXIS);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setSubdivisionCount(64);
        legend.setStripWidth(12);
        legend.setAxisOffset(4);
        legend.setFrame(BlockBorder.NONE);
        legend.setMargin(new RectangleInsets(8, 10, 30, 0));
        legend.setBackgroundPaint(java.awt.Color.WHITE);
        chart.addSubtitle(legend);
        return chart;
    }

    private static List<String> shorten(List<String> labels) {
        List<String> out = new ArrayList<>(labels.size());
        for (String s : labels) out.add(s.length() > 18 ? s.substring(0, 16) + "…" : s);
        return out;
    }

    @Override protected Table data() {
        validate();
        Table.Builder t = Table.of("row", "column", "value");
        for (int r = 0; r < rows.size(); r++)
            for (int c = 0; c < columnCount(); c++)
                t.row(rows.get(r), columnNames != null ? columnNames.get(c) : (Object) columnValues[c], z[r][c]);
        return t.build();
    }
}
