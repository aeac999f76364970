package dev.thaw.reports.chart;

/**
 * Entry point for every thaw chart. Each method returns a builder; {@code build()} gives a {@link Figure} that
 * renders to SVG and PNG. Ids are lower-case slugs, unique within a report (they name the data CSV).
 *
 * <pre>{@code
 * Figure f = Charts.cdf("coldstart-cdf", "Cold-start time").logX()
 *     .axes("cold-start time (s)", "fraction of cold starts")
 *     .sample("R1", seconds).curve("LogNormal fit", x -> fit.cdf(x))
 *     .caption("Empirical CDF with the maximum-likelihood fit dashed.").build();
 * }</pre>
 */
public final class Charts {
    private Charts() {}

    /** Empirical CDFs with fitted CDFs overlaid (also: latency distributions). */
    public static CdfChart cdf(String id, String title) { return new CdfChart(id, title); }

    /** Histograms on shared (optionally log) bins. */
    public static HistogramChart histogram(String id, String title) { return new HistogramChart(id, title); }

    /** Stacked bars: components per category, e.g. cold-start components per hour. */
    public static BarChart stackedBars(String id, String title) { return new BarChart(id, title, true); }

    /** Grouped bars: e.g. policies side by side per metric. */
    public static BarChart groupedBars(String id, String title) { return new BarChart(id, title, false); }

    /** Box summaries (p5/p25/p50/p75/p95 and mean) of several samples. */
    public static BoxChart box(String id, String title) { return new BoxChart(id, title); }

    /** Violins: mirrored densities with the interquartile box and median, e.g. small vs large pods. */
    public static ViolinChart violin(String id, String title) { return new ViolinChart(id, title); }

    /** Heat maps: requests per minute x function, correlation matrices. */
    public static HeatMapChart heatMap(String id, String title) { return new HeatMapChart(id, title); }

    /** Correlation matrix preset: diverging -1..1 colour, values printed, same labels on both axes. */
    public static HeatMapChart correlation(String id, String title, java.util.List<String> names, double[][] r) {
        return new HeatMapChart(id, title).rows(names).columns(names).values(r).diverging(-1, 1).showValues()
                .colorLabel("correlation").size(560, 480);
    }

    /** Lines over time (x in the unit the axis label names). */
    public static LineChart timeSeries(String id, String title) { return new LineChart(id, title); }

    /** Index of dispersion for counts versus window length, log-log, with the Poisson reference IDC = 1. */
    public static LineChart idc(String id, String title) {
        return new LineChart(id, title).logX().logY().points().reference(1, "Poisson (IDC = 1)")
                .axes("window length (s)", "IDC = Var(N) / E(N)");
    }

    /** Hour-of-day profile with the 10th-90th percentile band across days. */
    public static DiurnalChart diurnal(String id, String title) { return new DiurnalChart(id, title); }

    /** Two-objective scatter with the Pareto front highlighted and labelled. */
    public static ParetoChart pareto(String id, String title) { return new ParetoChart(id, title); }

    /** Any x-y lines (log axes, points, a reference line). */
    public static LineChart lines(String id, String title) { return new LineChart(id, title); }
}
