package dev.thaw.reports.layout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thaw.ingest.BadInputException;
import dev.thaw.reports.chart.BarChart;
import dev.thaw.reports.chart.CdfChart;
import dev.thaw.reports.chart.ChartBuilder;
import dev.thaw.reports.chart.Charts;
import dev.thaw.reports.chart.DiurnalChart;
import dev.thaw.reports.chart.Figure;
import dev.thaw.reports.chart.HeatMapChart;
import dev.thaw.reports.chart.HistogramChart;
import dev.thaw.reports.chart.LineChart;
import dev.thaw.reports.chart.ParetoChart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A figure described by files: {@code figures/NAME.csv} (long format) and an optional {@code figures/NAME.json}
 * naming the chart type and columns. See reports/README.md for the types and the columns each one reads.
 */
final class FigureSpec {
    private FigureSpec() {}

    static Figure build(String id, Path csv, JsonNode spec) {
        CsvColumns data = CsvColumns.read(csv);
        String type = text(spec, "type", guessType(data)).toLowerCase(Locale.ROOT);
        String title = text(spec, "title", id.replace('-', ' '));
        String series = text(spec, "series", "series");
        boolean logX = spec.path("log_x").asBoolean(false), logY = spec.path("log_y").asBoolean(false);
        ChartBuilder<?> b;
        switch (type) {
            case "cdf", "histogram" -> {
                String value = text(spec, "value", "value");
                Map<String, double[]> groups = groups(data, series, value);
                if (type.equals("cdf")) {
                    CdfChart c = Charts.cdf(id, title);
                    if (logX) c.logX();
                    groups.forEach(c::sample);
                    for (JsonNode fit : spec.path("fits"))
                        c.curve(text(fit, "name", text(fit, "family", "fit")), Fits.cdf(fit, csv), text(fit, "series", null));
                    b = c;
                } else {
                    HistogramChart h = Charts.histogram(id, title);
                    if (logX) h.logX();
                    if (spec.has("bins")) h.bins(spec.get("bins").asInt());
                    groups.forEach(h::sample);
                    b = h;
                }
            }
            case "box" -> {
                var box = Charts.box(id, title);
                if (logY) box.logY();
                groups(data, series, text(spec, "value", "value")).forEach(box::group);
                b = box;
            }
            case "violin" -> {
                var violin = Charts.violin(id, title);
                if (logY) violin.logY();
                groups(data, series, text(spec, "value", "value")).forEach(violin::group);
                b = violin;
            }
            case "lines", "timeseries", "idc" -> {
                LineChart l = type.equals("idc") ? Charts.idc(id, title) : Charts.lines(id, title);
                if (logX && !type.equals("idc")) l.logX();
                if (logY && !type.equals("idc")) l.logY();
                if (spec.path("points").asBoolean(false)) l.points();
                String x = text(spec, "x", "x"), y = text(spec, "y", "y");
                for (String s : seriesNames(data, series)) {
                    int[] rows = rowsOf(data, series, s);
                    l.series(s, pick(data.numbers(x), rows), pick(data.numbers(y), rows));
                }
                if (spec.has("reference")) l.reference(spec.get("reference").asDouble(), text(spec, "reference_label", ""));
                b = l;
            }
            case "diurnal" -> {
                DiurnalChart d = Charts.diurnal(id, title);
                String t = text(spec, "time", "time_s"), v = text(spec, "value", "value");
                for (String s : seriesNames(data, series)) {
                    int[] rows = rowsOf(data, series, s);
                    d.series(s, pick(data.numbers(t), rows), pick(data.numbers(v), rows));
                }
                b = d;
            }
            case "bars", "stacked" -> {
                BarChart bar = type.equals("bars") ? Charts.groupedBars(id, title) : Charts.stackedBars(id, title);
                String cat = text(spec, "category", "category"), value = text(spec, "value", "value");
                List<String> cats = distinct(data.strings(cat));
                bar.categories(cats);
                List<String> names = seriesNames(data, series);
                double[] v = data.numbers(value);
                for (String s : names) {
                    double[] perCat = new double[cats.size()];
                    java.util.Arrays.fill(perCat, Double.NaN);
                    for (int i = 0; i < data.rows(); i++)
                        if (!data.has(series) || data.strings(series).get(i).equals(s))
                            perCat[cats.indexOf(data.strings(cat).get(i))] = v[i];
                    bar.series(s, perCat);
                }
                if (spec.path("value_labels").asBoolean(type.equals("bars"))) bar.valueLabels();
                b = bar;
            }
            case "heatmap", "correlation" -> {
                String rowCol = text(spec, "row", "row"), colCol = text(spec, "column", "column");
                List<String> rows = distinct(data.strings(rowCol)), cols = distinct(data.strings(colCol));
                double[][] z = new double[rows.size()][cols.size()];
                for (double[] r : z) java.util.Arrays.fill(r, Double.NaN);
                double[] v = data.numbers(text(spec, "value", "value"));
                for (int i = 0; i < data.rows(); i++)
                    z[rows.indexOf(data.strings(rowCol).get(i))][cols.indexOf(data.strings(colCol).get(i))] = v[i];
                HeatMapChart h = type.equals("correlation") ? Charts.correlation(id, title, rows, z).columns(cols)
                        : Charts.heatMap(id, title).rows(rows).columns(cols).values(z);
                if (spec.path("log_color").asBoolean(false)) h.logColor();
                if (spec.has("color_label")) h.colorLabel(spec.get("color_label").asText());
                b = h;
            }
            case "pareto" -> {
                ParetoChart p = Charts.pareto(id, title);
                List<String> labels = data.strings(text(spec, "label", "label"));
                double[] x = data.numbers(text(spec, "x", "x")), y = data.numbers(text(spec, "y", "y"));
                for (int i = 0; i < labels.size(); i++) p.point(labels.get(i), x[i], y[i]);
                p.objectives(!spec.path("maximize_x").asBoolean(false), !spec.path("maximize_y").asBoolean(false));
                if (logX) p.logX();
                if (logY) p.logY();
                if (spec.has("best")) p.best(spec.get("best").asText());
                b = p;
            }
            default -> throw BadInputException.ofFile(csv, "unknown figure type '" + type
                    + "' (one of cdf, histogram, box, violin, lines, timeseries, idc, diurnal, bars, stacked, heatmap, correlation, pareto)");
        }
        b.caption(text(spec, "caption", ""));
        if (spec.has("x_label") || spec.has("y_label")) b.axes(text(spec, "x_label", ""), text(spec, "y_label", ""));
        if (spec.has("width") && spec.has("height")) b.size(spec.get("width").asInt(), spec.get("height").asInt());
        return b.build();
    }

    /** Without a spec, the columns say what the figure is. */
    private static String guessType(CsvColumns data) {
        if (data.has("label") && data.has("x") && data.has("y")) return "pareto";
        if (data.has("x") && data.has("y")) return "lines";
        if (data.has("row") && data.has("column")) return "heatmap";
        if (data.has("category")) return "bars";
        if (data.has("value")) return "cdf";
        throw BadInputException.ofFile(data.file(), "cannot tell the figure type from the columns: add a .json spec");
    }

    private static String text(JsonNode spec, String key, String def) {
        JsonNode n = spec.get(key);
        return n == null || n.isNull() ? def : n.asText();
    }

    private static List<String> distinct(List<String> values) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(values));
    }

    /** Series in first-appearance order; a file without the series column is one series named after the file. */
    private static List<String> seriesNames(CsvColumns data, String series) {
        return data.has(series) ? distinct(data.strings(series)) : List.of("all");
    }

    private static int[] rowsOf(CsvColumns data, String series, String name) {
        if (!data.has(series)) return java.util.stream.IntStream.range(0, data.rows()).toArray();
        List<String> s = data.strings(series);
        return java.util.stream.IntStream.range(0, data.rows()).filter(i -> s.get(i).equals(name)).toArray();
    }

    private static double[] pick(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = v[rows[i]];
        return out;
    }

    private static Map<String, double[]> groups(CsvColumns data, String series, String value) {
        Map<String, double[]> g = new LinkedHashMap<>();
        double[] v = data.numbers(value);
        for (String s : seriesNames(data, series)) g.put(s, pick(v, rowsOf(data, series, s)));
        return g;
    }
}
