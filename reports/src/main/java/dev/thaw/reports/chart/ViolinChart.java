package dev.thaw.reports.chart;

import dev.thaw.reports.table.Table;
import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYPolygonAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Violins: each group's density (Gaussian kernel, Silverman bandwidth; on log10 of the values when the y axis is
 * logarithmic) mirrored around its position, with the interquartile box and a white median dot inside. Shows what
 * a box hides, e.g. two modes of cold-start time.
 */
public final class ViolinChart extends ChartBuilder<ViolinChart> {
    /** Samples above this size are summarised by this many evenly spaced quantiles before the density estimate. */
    static final int KDE_POINTS = 2000;
    private static final int GRID = 80;
    private static final double HALF_WIDTH = 0.38;

    private final Map<String, double[]> groups = new LinkedHashMap<>();
    private boolean logY;

    ViolinChart(String id, String title) { super(id, title); }

    public ViolinChart logY() { this.logY = true; return this; }

    public ViolinChart group(String name, double[] values) {
        double[] v = finite(values, false);
        if (v.length < 2) throw new IllegalArgumentException("violin group '" + name + "' needs at least 2 finite values");
        Arrays.sort(v);
        groups.put(name, v);
        return this;
    }

    private double t(double v) { return logY ? Math.log10(v) : v; }

    private double back(double t) { return logY ? Math.pow(10, t) : t; }

    /** Density on a grid over [min, max] of the (transformed) sample: rows of {t, density}, peak scaled to 1. */
    double[][] density(double[] values) {
        double[] s = Arrays.stream(values).filter(v -> !logY || v > 0).map(this::t).sorted().toArray();
        if (s.length < 2) return new double[0][];
        if (s.length > KDE_POINTS) {
            double[] q = new double[KDE_POINTS];
            for (int i = 0; i < KDE_POINTS; i++) q[i] = BoxChart.quantile(s, (i + 0.5) / KDE_POINTS);
            s = q;
        }
        double mean = Arrays.stream(s).average().orElse(0), var = 0;
        for (double x : s) var += (x - mean) * (x - mean);
        double sd = Math.sqrt(var / (s.length - 1));
        double iqr = BoxChart.quantile(s, 0.75) - BoxChart.quantile(s, 0.25);
        double spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
        double lo = s[0], hi = s[s.length - 1];
        double h = 0.9 * (spread > 0 ? spread : Math.max(1e-9, hi - lo)) * Math.pow(s.length, -0.2);
        if (hi - lo < 1e-12) { lo -= h; hi += h; }
        double[][] out = new double[GRID][2];
        double peak = 0;
        for (int g = 0; g < GRID; g++) {
            double x = lo + (hi - lo) * g / (GRID - 1), d = 0;
            for (double v : s) { double z = (x - v) / h; d += Math.exp(-0.5 * z * z); }
            out[g][0] = x;
            out[g][1] = d;
            peak = Math.max(peak, d);
        }
        for (double[] p : out) p[1] /= peak;
        return out;
    }

    private String label(String name) { return name + " (n=" + Table.display((long) groups.get(name).length) + ")"; }

    @Override protected JFreeChart chart() {
        if (groups.isEmpty()) throw new IllegalArgumentException("violin chart '" + id + "' has no group");
        List<String> labels = new ArrayList<>();
        XYSeries extent = new XYSeries("extent", false, true);
        List<Object[]> shapes = new ArrayList<>();
        int i = 0;
        for (var e : groups.entrySet()) {
            labels.add(label(e.getKey()));
            double[][] d = density(e.getValue());
            if (d.length == 0) { i++; continue; }
            double[] poly = new double[4 * d.length];
            for (int g = 0; g < d.length; g++) {
                poly[2 * g] = i - HALF_WIDTH * d[g][1];
                poly[2 * g + 1] = back(d[g][0]);
                int r = 2 * (2 * d.length - 1 - g);
                poly[r] = i + HALF_WIDTH * d[g][1];
                poly[r + 1] = back(d[g][0]);
            }
            extent.add(i, back(d[0][0]));
            extent.add(i, back(d[d.length - 1][0]));
            shapes.add(new Object[] {i, poly, e.getValue()});
            i++;
        }
        XYSeriesCollection ds = new XYSeriesCollection(extent);
        XYLineAndShapeRenderer invisible = new XYLineAndShapeRenderer(false, false);
        SymbolAxis x = new SymbolAxis(xLabel, labels.toArray(new String[0]));
        x.setGridBandsVisible(false);
        x.setRange(-0.6, labels.size() - 0.4);
        XYPlot plot = new XYPlot(ds, x, Axes.of(yLabel, logY, false), invisible);
        plot.setDomainGridlinesVisible(false);
        for (Object[] s : shapes) {
            int pos = (int) s[0];
            double[] v = (double[]) s[2];
            plot.addAnnotation(new XYPolygonAnnotation((double[]) s[1], new BasicStroke(1.2f), Theme.series(pos),
                    Theme.withAlpha(Theme.series(pos), 90)));
            double q1 = BoxChart.quantile(v, 0.25), q3 = BoxChart.quantile(v, 0.75), med = BoxChart.quantile(v, 0.5);
            if (!logY || q1 > 0)
                plot.addAnnotation(new XYBoxAnnotation(pos - 0.035, q1, pos + 0.035, q3, new BasicStroke(0f), Theme.INK, Theme.INK));
            if (!logY || med > 0) {
                // a white bar across the box: a dot in data units would stretch with the axes
                plot.addAnnotation(new XYLineAnnotation(pos - 0.05, med, pos + 0.05, med, new BasicStroke(3f), java.awt.Color.WHITE));
            }
        }
        return new JFreeChart(null, Theme.LABEL_FONT, plot, false);
    }

    @Override protected Table data() {
        Table.Builder t = Table.of("group", "n", "p5", "p25", "p50", "p75", "p95");
        for (var e : groups.entrySet()) {
            double[] v = e.getValue();
            t.row(e.getKey(), (long) v.length, BoxChart.quantile(v, .05), BoxChart.quantile(v, .25), BoxChart.quantile(v, .5),
                    BoxChart.quantile(v, .75), BoxChart.quantile(v, .95));
        }
        return t.build();
    }

}
