package dev.thaw.reports.chart;

import dev.thaw.reports.table.Table;
import java.awt.BasicStroke;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The daily profile of a rate: for each hour of the day, the mean over days as a line and the 10th-90th
 * percentile band across days. Input is a time series (seconds since the epoch or since the trace start, UTC).
 */
public final class DiurnalChart extends ChartBuilder<DiurnalChart> {
    private final Map<String, double[][]> profiles = new LinkedHashMap<>();

    DiurnalChart(String id, String title) {
        super(id, title);
        axes("hour of day (UTC)", "rate");
    }

    /** Adds a series; {@code timeSeconds[i]} is when {@code values[i]} was observed. */
    public DiurnalChart series(String name, double[] timeSeconds, double[] values) {
        requireSameLength("diurnal series '" + name + "'", timeSeconds, values);
        profiles.put(name, profile(timeSeconds, values));
        return this;
    }

    /** Rows: hour 0..23; columns: mean, p10, p90, count of observations. */
    static double[][] profile(double[] t, double[] v) {
        double[][] byHour = new double[24][];
        int[] n = new int[24];
        for (int i = 0; i < t.length; i++) if (Double.isFinite(t[i]) && Double.isFinite(v[i])) n[hour(t[i])]++;
        for (int h = 0; h < 24; h++) byHour[h] = new double[n[h]];
        int[] k = new int[24];
        for (int i = 0; i < t.length; i++)
            if (Double.isFinite(t[i]) && Double.isFinite(v[i])) { int h = hour(t[i]); byHour[h][k[h]++] = v[i]; }
        double[][] out = new double[24][];
        for (int h = 0; h < 24; h++) {
            double[] s = byHour[h];
            if (s.length == 0) { out[h] = new double[] {Double.NaN, Double.NaN, Double.NaN, 0}; continue; }
            Arrays.sort(s);
            double mean = Arrays.stream(s).sum() / s.length;
            out[h] = new double[] {mean, BoxChart.quantile(s, 0.1), BoxChart.quantile(s, 0.9), s.length};
        }
        return out;
    }

    private static int hour(double t) { return (int) Math.floorMod((long) Math.floor(t / 3600), 24L); }

    @Override protected JFreeChart chart() {
        if (profiles.isEmpty()) throw new IllegalArgumentException("diurnal chart '" + id + "' has no series");
        YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
        for (var e : profiles.entrySet()) {
            YIntervalSeries s = new YIntervalSeries(e.getKey());
            for (int h = 0; h < 24; h++) {
                double[] p = e.getValue()[h];
                if (!Double.isNaN(p[0])) s.add(h + 0.5, p[0], p[1], p[2]);
            }
            ds.addSeries(s);
        }
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setAlpha(0.18f);
        for (int i = 0; i < profiles.size(); i++) {
            r.setSeriesPaint(i, Theme.series(i));
            r.setSeriesFillPaint(i, Theme.series(i));
            r.setSeriesStroke(i, Theme.LINE);
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        NumberAxis x = Axes.linear(xLabel, false);
        x.setRange(0, 24);
        x.setTickUnit(new NumberTickUnit(3));
        XYPlot plot = new XYPlot(ds, x, Axes.linear(yLabel, true), r);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        return new JFreeChart(null, Theme.LABEL_FONT, plot, profiles.size() > 1);
    }

    @Override protected Table data() {
        Table.Builder t = Table.of("series", "hour", "mean", "p10", "p90", "observations");
        for (var e : profiles.entrySet())
            for (int h = 0; h < 24; h++) {
                double[] p = e.getValue()[h];
                t.row(e.getKey(), h, p[0], p[1], p[2], (long) p[3]);
            }
        return t.build();
    }
}
