package dev.thaw.reports.chart;

import dev.thaw.reports.table.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Histograms of one or more samples on shared bins (linear, or logarithmic for latencies spanning decades),
 * as fractions of each sample so samples of different sizes compare. Overlapping bars are translucent.
 */
public final class HistogramChart extends ChartBuilder<HistogramChart> {
    private final Map<String, double[]> samples = new LinkedHashMap<>();
    private int bins = 40;
    private boolean logX;

    HistogramChart(String id, String title) {
        super(id, title);
        axes("value", "fraction of sample");
    }

    public HistogramChart sample(String name, double[] values) {
        double[] v = finite(values, false);
        if (v.length == 0) throw new IllegalArgumentException("histogram sample '" + name + "' has no finite values");
        samples.put(name, v);
        return this;
    }

    public HistogramChart bins(int bins) {
        if (bins < 1 || bins > 500) throw new IllegalArgumentException("bins must be in 1..500, got " + bins);
        this.bins = bins;
        return this;
    }

    /** Logarithmic bins and x axis; non-positive values are left out. */
    public HistogramChart logX() { this.logX = true; return this; }

    double[] edges() {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] s : samples.values())
            for (double v : s) if (!logX || v > 0) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        if (lo == Double.POSITIVE_INFINITY) throw new IllegalArgumentException("histogram '" + id + "' has no plottable value");
        if (lo == hi) { lo = logX ? lo / 2 : lo - 0.5; hi = logX ? hi * 2 : hi + 0.5; }
        double[] e = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            double t = i / (double) bins;
            e[i] = logX ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo);
        }
        e[bins] = hi;
        return e;
    }

    static double[] fractions(double[] sample, double[] edges, boolean logX) {
        int bins = edges.length - 1;
        double[] f = new double[bins];
        double lo = edges[0], hi = edges[bins];
        int n = 0;
        for (double v : sample) {
            if (logX && v <= 0) continue;
            double t = logX ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
            int b = Math.min(bins - 1, Math.max(0, (int) Math.floor(t * bins)));
            f[b]++;
            n++;
        }
        for (int b = 0; b < bins; b++) f[b] /= Math.max(1, n);
        return f;
    }

    @Override protected JFreeChart chart() {
        if (samples.isEmpty()) throw new IllegalArgumentException("histogram '" + id + "' has no sample");
        double[] e = edges();
        XYIntervalSeriesCollection ds = new XYIntervalSeriesCollection();
        for (var s : samples.entrySet()) {
            double[] f = fractions(s.getValue(), e, logX);
            XYIntervalSeries series = new XYIntervalSeries(s.getKey());
            for (int b = 0; b < f.length; b++) series.add((e[b] + e[b + 1]) / 2, e[b], e[b + 1], f[b], 0, f[b]);
            ds.addSeries(series);
        }
        XYBarRenderer r = new XYBarRenderer(0.06);
        r.setDrawBarOutline(false);
        int alpha = samples.size() > 1 ? 150 : 230;
        for (int i = 0; i < samples.size(); i++) r.setSeriesPaint(i, Theme.withAlpha(Theme.series(i), alpha));
        XYPlot plot = new XYPlot(ds, Axes.of(xLabel, logX, false), Axes.linear(yLabel, true), r);
        return new JFreeChart(null, Theme.LABEL_FONT, plot, samples.size() > 1);
    }

    @Override protected Table data() {
        double[] e = edges();
        Table.Builder t = Table.of("series", "bin_low", "bin_high", "count_fraction");
        for (var s : samples.entrySet()) {
            double[] f = fractions(s.getValue(), e, logX);
            for (int b = 0; b < f.length; b++) t.row(s.getKey(), e[b], e[b + 1], f[b]);
        }
        return t.build();
    }
}
