package dev.thaw.reports.chart;

import dev.thaw.reports.table.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Empirical CDFs of one or more samples, optionally on a log x axis, with fitted model CDFs overlaid as dashed
 * curves. Large samples are reduced to at most {@value #MAX_POINTS} quantile points so the SVG stays small.
 */
public final class CdfChart extends ChartBuilder<CdfChart> {
    static final int MAX_POINTS = 400;
    private static final int CURVE_POINTS = 160;

    private final Map<String, double[]> samples = new LinkedHashMap<>();
    private final Map<String, DoubleUnaryOperator> curves = new LinkedHashMap<>();
    private final Map<String, String> curveOf = new LinkedHashMap<>();
    private boolean logX;
    private boolean complementary;

    CdfChart(String id, String title) {
        super(id, title);
        axes("value", "fraction ≤ x");
    }

    public CdfChart logX() { this.logX = true; return this; }

    /** Plots 1 - F(x) (survival) instead of F(x): shows heavy tails; the y axis becomes logarithmic. */
    public CdfChart complementary() { this.complementary = true; return this; }

    public CdfChart sample(String name, double[] values) {
        double[] v = finite(values, false);
        if (v.length == 0) throw new IllegalArgumentException("CDF sample '" + name + "' has no finite values");
        Arrays.sort(v);
        samples.put(name, v);
        return this;
    }

    /** A model CDF drawn over the samples' range, e.g. {@code x -> logNormal.cumulativeProbability(x)}. */
    public CdfChart curve(String name, DoubleUnaryOperator cdf) {
        curves.put(name, cdf);
        return this;
    }

    /** A model CDF fitted to the sample {@code of}: drawn dashed in that sample's colour (null: a colour of its own). */
    public CdfChart curve(String name, DoubleUnaryOperator cdf, String of) {
        curves.put(name, cdf);
        if (of != null) curveOf.put(name, of);
        return this;
    }

    private List<double[]> points(double[] sorted) {
        int n = sorted.length, m = Math.min(n, MAX_POINTS);
        List<double[]> pts = new ArrayList<>();
        for (int k = 0; k <= m; k++) {
            int i = (int) Math.round(k * (n - 1) / (double) m);
            // F(x) counts every value equal to x, so take the last index among ties
            int j = upperBound(sorted, sorted[i]) - 1;
            add(pts, sorted[i], (j + 1) / (double) n);
        }
        return pts;
    }

    private static int upperBound(double[] sorted, double v) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private void add(List<double[]> pts, double x, double f) {
        if (logX && x <= 0) return;
        double y = complementary ? 1 - f : f;
        if (complementary && y <= 0) return;
        if (!pts.isEmpty() && pts.get(pts.size() - 1)[0] == x) pts.set(pts.size() - 1, new double[] {x, y});
        else pts.add(new double[] {x, y});
    }

    private double[] range() {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] s : samples.values()) {
            for (double v : s) if (!logX || v > 0) { lo = Math.min(lo, v); break; }
            hi = Math.max(hi, s[s.length - 1]);
        }
        if (!(lo < hi)) throw new IllegalArgumentException("CDF '" + id + "' needs samples spanning a range"
                + (logX ? " of positive values" : ""));
        return new double[] {lo, hi};
    }

    private List<double[]> curvePoints(DoubleUnaryOperator cdf, double lo, double hi) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < CURVE_POINTS; i++) {
            double t = i / (double) (CURVE_POINTS - 1);
            double x = logX ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo);
            double f = cdf.applyAsDouble(x);
            if (!Double.isFinite(f)) continue;
            double y = complementary ? 1 - f : f;
            if (complementary && y <= 0) continue;
            pts.add(new double[] {x, y});
        }
        return pts;
    }

    @Override protected JFreeChart chart() {
        if (samples.isEmpty()) throw new IllegalArgumentException("CDF '" + id + "' has no sample");
        double[] r = range();
        XYSeriesCollection ds = new XYSeriesCollection();
        for (var e : samples.entrySet()) ds.addSeries(series(e.getKey(), points(e.getValue())));
        for (var e : curves.entrySet()) ds.addSeries(series(e.getKey(), curvePoints(e.getValue(), r[0], r[1])));
        ValueAxis x = Axes.of(xLabel, logX, false);
        ValueAxis y = complementary ? Axes.log(yLabel) : Axes.linear(yLabel, true);
        if (!complementary) { ((NumberAxis) y).setRange(0, 1.0); }
        XYLineAndShapeRenderer r2 = new XYLineAndShapeRenderer(true, false);
        r2.setDrawSeriesLineAsPath(true);
        List<String> sampleNames = new ArrayList<>(samples.keySet());
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            String of = i >= samples.size() ? curveOf.get(String.valueOf(ds.getSeriesKey(i))) : null;
            int colour = of != null && sampleNames.contains(of) ? sampleNames.indexOf(of) : i;
            r2.setSeriesPaint(i, Theme.series(colour));
            r2.setSeriesStroke(i, i >= samples.size() ? Theme.DASHED : Theme.LINE);
        }
        return new JFreeChart(null, Theme.LABEL_FONT, new XYPlot(ds, x, y, r2), ds.getSeriesCount() > 1);
    }

    private static XYSeries series(String name, List<double[]> pts) {
        XYSeries s = new XYSeries(name, false, true);
        for (double[] p : pts) s.add(p[0], p[1]);
        return s;
    }

    @Override protected Table data() {
        Table.Builder t = Table.of("series", "kind", "x", complementary ? "ccdf" : "cdf");
        double[] r = range();
        for (var e : samples.entrySet())
            for (double[] p : points(e.getValue())) t.row(e.getKey(), "empirical", p[0], p[1]);
        for (var e : curves.entrySet())
            for (double[] p : curvePoints(e.getValue(), r[0], r[1])) t.row(e.getKey(), "model", p[0], p[1]);
        return t.build();
    }
}
