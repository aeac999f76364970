package dev.thaw.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.reports.table.Table;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Every chart type renders to parseable, deterministic SVG and a PNG, and plots the data it was given. */
class ChartsTest {
    static double[] uniform(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextDouble();
        return v;
    }

    static double[] exponential(int n, double mean, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = -mean * Math.log(1 - r.nextDouble());
        return v;
    }

    /** One builder per chart type, each built from fresh, seeded data on every call. */
    static List<Supplier<Figure>> everyType() {
        return List.of(
                () -> Charts.cdf("cdf", "CDF").logX().sample("exp", exponential(5000, 2, 1))
                        .curve("Exp(mean 2)", x -> 1 - Math.exp(-x / 2)).build(),
                () -> Charts.histogram("hist", "Histogram").sample("a", uniform(1000, 2)).sample("b", uniform(500, 3)).build(),
                () -> Charts.stackedBars("stacked", "Stacked").categories(List.of("00", "01", "02"))
                        .series("alloc", 1, 2, 3).series("sched", 3, 2, 1).build(),
                () -> Charts.groupedBars("grouped", "Grouped").categories(List.of("fixed", "hybrid"))
                        .series("rate", 0.4, 0.1).series("waste", 2, 1).valueLabels().build(),
                () -> Charts.box("box", "Box").logY().group("small", exponential(800, 1, 4)).group("large", exponential(300, 3, 5)).build(),
                () -> Charts.heatMap("heat", "Heat").rows(List.of("f1", "f2")).columns(new double[] {0, 1, 2, 3})
                        .values(new double[][] {{1, 10, 100, 0}, {5, 50, 500, 5000}}).logColor().build(),
                () -> Charts.correlation("corr", "Correlation", List.of("a", "b"), new double[][] {{1, -0.4}, {-0.4, 1}}).build(),
                () -> Charts.timeSeries("ts", "Series").series("rate", new double[] {0, 1, 2, 3}, new double[] {5, 7, 6, 9}).build(),
                () -> Charts.idc("idc", "IDC").series("trace", new double[] {1, 10, 60}, new double[] {1.2, 3.5, 9}).build(),
                () -> Charts.diurnal("diurnal", "Diurnal").series("rate", new double[] {0, 3600, 86400, 90000},
                        new double[] {1, 2, 3, 4}).build(),
                () -> Charts.pareto("pareto", "Pareto").point("a", 1, 10).point("b", 2, 5).point("c", 3, 6).best("b").build(),
                () -> Charts.violin("violin", "Violin").logY().group("small", exponential(800, 1, 4))
                        .group("large", exponential(300, 3, 5)).build());
    }

    static Document parseSvg(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test void everyChartTypeRendersDeterministicWellFormedSvgAndAPng() throws Exception {
        TreeSet<String> ids = new TreeSet<>();
        for (Supplier<Figure> type : everyType()) {
            Figure a = type.get(), b = type.get();
            String svg = a.svg();
            assertEquals(svg, b.svg(), a.id() + ": same input, same SVG bytes");
            assertEquals(svg, a.svg(), a.id() + ": rendering twice gives the same bytes");
            Document doc = parseSvg(svg);
            assertEquals("svg", doc.getDocumentElement().getLocalName());
            assertEquals("fig-" + a.id(), doc.getDocumentElement().getAttribute("id"));
            assertFalse(svg.contains("<?xml"), "inline-able: no XML prolog");
            assertTrue(svg.contains("viewBox='0 0 " + a.width() + " " + a.height() + "'"), a.id());
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(a.png(1)));
            assertEquals(a.width(), png.getWidth());
            assertTrue(distinctColours(png) > 8, a.id() + ": the PNG is not blank");
            assertTrue(a.data().rowCount() > 0, a.id() + " has data");
            ids.add(a.id());
        }
        assertEquals(12, ids.size());
    }

    @Test void idPrefixKeepsElementIdsOfTwoCopiesApart() {
        Figure f = everyType().get(0).get();
        String plain = f.svg(), prefixed = f.svg("r2-");
        assertTrue(plain.contains("id='cdf-clip-0'") || plain.contains("id=\"cdf-clip-0\""), "clip ids derive from the figure id");
        assertTrue(prefixed.contains("r2-cdf-clip-0") && prefixed.contains("id='r2-fig-cdf'"));
    }

    private static int distinctColours(BufferedImage img) {
        TreeSet<Integer> c = new TreeSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) for (int x = 0; x < img.getWidth(); x += 3) c.add(img.getRGB(x, y));
        return c.size();
    }

    @Test void textIsSelectableTextNotGlyphOutlinesEvenOnLogAxes() {
        String svg = Charts.cdf("c", "t").logX().sample("s", exponential(100, 1, 9)).build().svg();
        assertTrue(svg.contains(">0.1</text>") || svg.contains(">1</text>"), "decade tick labels are <text>");
        assertFalse(svg.contains("Q"), "no quadratic glyph outlines");
    }

    @Test void empiricalCdfIsMonotoneEndsAtOneAndIsReducedForLargeSamples() {
        double[] v = exponential(100_000, 1, 7);
        Table t = Charts.cdf("c", "t").sample("s", v).build().data();
        assertTrue(t.rowCount() <= CdfChart.MAX_POINTS + 1, "reduced to " + t.rowCount());
        double prevX = Double.NEGATIVE_INFINITY, prevF = 0;
        for (List<Object> row : t.rows()) {
            double x = (double) row.get(2), f = (double) row.get(3);
            assertTrue(x > prevX && f >= prevF, "strictly increasing x, non-decreasing F");
            prevX = x;
            prevF = f;
        }
        assertEquals(1.0, prevF);
        // the reduced CDF still matches the Exp(1) median within sampling error: F(ln 2) ~ 0.5
        double fAtMedian = 0;
        for (List<Object> row : t.rows()) if ((double) row.get(2) <= Math.log(2)) fAtMedian = (double) row.get(3);
        assertEquals(0.5, fAtMedian, 0.01);
    }

    @Test void tiesGiveTheFullStepOfTheEmpiricalCdf() {
        Table t = Charts.cdf("c", "t").sample("s", new double[] {1, 2, 2, 2, 3}).build().data();
        assertEquals(List.of("s", "empirical", 2.0, 0.8), t.rows().get(1));
    }

    @Test void logAxesDropNonPositiveValuesInsteadOfFailing() {
        Figure f = Charts.cdf("c", "t").logX().sample("s", new double[] {0, -1, 0.5, 2, 8}).build();
        assertTrue(f.svg().length() > 1000);
    }

    @Test void boxQuantilesMatchHandComputedValues() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) v[i] = i + 1;
        Table t = Charts.box("b", "t").group("g", v).build().data();
        // type-7 quantiles of 1..100: p25 = 25.75, p50 = 50.5, p75 = 75.25, p5 = 5.95, p95 = 95.05
        assertEquals(List.of("g", 100L, 50.5, 5.95, 25.75, 50.5, 75.25, 95.05, 100.0), t.rows().get(0).stream()
                .map(o -> o instanceof Double d ? Math.round(d * 1e6) / 1e6 : o).toList());
    }

    @Test void histogramFractionsSumToOneAndLandInTheRightBins() {
        Table t = Charts.histogram("h", "t").bins(4).sample("s", new double[] {0, 0.1, 0.3, 0.6, 0.99, 1.0}).build().data();
        double sum = 0;
        double[] f = new double[4];
        for (int i = 0; i < 4; i++) { f[i] = (double) t.rows().get(i).get(3); sum += f[i]; }
        assertEquals(1.0, sum, 1e-12);
        assertEquals(2 / 6.0, f[0], 1e-12); // 0 and 0.1 in [0, 0.25)
        assertEquals(1 / 6.0, f[1], 1e-12); // 0.3
        assertEquals(1 / 6.0, f[2], 1e-12); // 0.6
        assertEquals(2 / 6.0, f[3], 1e-12); // 0.99 and the maximum 1.0 (closed last bin)
    }

    /** Only the front and the chosen plan are labelled (tied points share one label); every point has a tooltip. */
    @Test void paretoLabelsTheFrontAndTheChosenOnlyAndTitlesEveryPoint() {
        ParetoChart p = Charts.pareto("p", "t").point("front-a", 1, 10).point("front-b", 2, 5).point("tie-b", 2, 5)
                .point("dominated-c", 3, 6).point("chosen-d", 4, 7).best("chosen-d");
        String svg = p.build().svg();
        assertTrue(svg.contains(">front-a<") && svg.contains(">front-b (+1 tied)<") && svg.contains(">chosen-d<"), svg);
        assertTrue(!svg.contains(">dominated-c<") && !svg.contains(">tie-b<"), "no label for dominated or tied points");
        for (String label : List.of("front-a", "front-b", "tie-b", "dominated-c", "chosen-d"))
            assertTrue(svg.contains("<title>" + label + " ("), "tooltip of " + label);
    }

    /** A fitted curve drawn for a sample takes that sample's colour. */
    @Test void aFittedCdfTakesItsSamplesColour() {
        Figure f = Charts.cdf("c", "t").sample("R1", exponential(500, 1, 3)).sample("R2", exponential(500, 2, 4))
                .curve("R2 fit", x -> 1 - Math.exp(-2 * x), "R2").build();
        var r = (org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) f.chart().getXYPlot().getRenderer();
        assertEquals(r.getSeriesPaint(1), r.getSeriesPaint(2));
        assertTrue(!r.getSeriesPaint(0).equals(r.getSeriesPaint(2)));
    }

    @Test void paretoFrontKeepsExactlyTheNonDominatedPlans() {
        ParetoChart p = Charts.pareto("p", "t").point("a", 1, 10).point("b", 2, 5).point("c", 3, 6)
                .point("d", 4, 1).point("e", 2, 5);
        assertEquals(List.of("a", "b", "e", "d"), p.front().stream().map(ParetoChart.Point::label).toList());
        // maximising y (throughput) turns the front around
        ParetoChart q = Charts.pareto("q", "t").objectives(true, false).point("a", 1, 10).point("b", 2, 5).point("c", 3, 12);
        assertEquals(List.of("a", "c"), q.front().stream().map(ParetoChart.Point::label).toList());
    }

    @Test void diurnalProfileAveragesByHourOfDayAcrossDays() {
        // hour 1 of day 1 has 2, of day 2 has 6: mean 4; hour 0 only on day 1
        double[][] p = DiurnalChart.profile(new double[] {0, 3600, 86400 + 3600}, new double[] {9, 2, 6});
        assertEquals(9, p[0][0]);
        assertEquals(4, p[1][0], 1e-12);
        assertEquals(2, p[1][3]);
        assertTrue(Double.isNaN(p[5][0]));
    }

    @Test void violinDensityFindsBothModesOfABimodalSample() {
        SplittableRandom r = new SplittableRandom(11);
        double[] v = new double[6000];
        for (int i = 0; i < v.length; i++) v[i] = (i % 2 == 0 ? 0 : 10) + r.nextGaussian();
        double[][] d = Charts.violin("v", "t").group("g", v).density(v.clone());
        int peaks = 0;
        for (int g = 1; g < d.length - 1; g++) if (d[g][1] > d[g - 1][1] && d[g][1] >= d[g + 1][1] && d[g][1] > 0.5) peaks++;
        assertEquals(2, peaks, "two modes, near 0 and 10");
        int trough = 0;
        for (int g = 0; g < d.length; g++) if (Math.abs(d[g][0] - 5) < Math.abs(d[trough][0] - 5)) trough = g;
        assertTrue(d[trough][1] < 0.1, "little density between the modes: " + d[trough][1]);
    }

    @Test void longLineSeriesAreReducedButKeepTheirPeaks() {
        double[] x = new double[100_000], y = new double[100_000];
        for (int i = 0; i < x.length; i++) { x[i] = i; y[i] = Math.sin(i / 1000.0); }
        y[54_321] = 50;
        LineChart c = Charts.timeSeries("t", "t").series("s", x, y);
        var plot = (org.jfree.chart.plot.XYPlot) c.build().chart().getPlot();
        var ds = plot.getDataset();
        assertTrue(ds.getItemCount(0) <= LineChart.MAX_POINTS + 1, "reduced to " + ds.getItemCount(0));
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ds.getItemCount(0); i++) max = Math.max(max, ds.getYValue(0, i));
        assertEquals(50, max, "the spike survives the reduction");
    }

    @Test void wideHeatMapsAreAveragedIntoAFewThousandCells() {
        int rows = 10, cols = 1440;
        double[][] z = new double[rows][cols];
        double[] x = new double[cols];
        for (int c = 0; c < cols; c++) { x[c] = c; for (int r = 0; r < rows; r++) z[r][c] = r + 1; }
        List<String> names = java.util.stream.IntStream.range(0, rows).mapToObj(i -> "f" + i).toList();
        Figure f = Charts.heatMap("h", "t").rows(names).columns(x).values(z).build();
        var ds = ((org.jfree.chart.plot.XYPlot) f.chart().getPlot()).getDataset();
        assertTrue(ds.getItemCount(0) <= HeatMapChart.MAX_CELLS, "cells: " + ds.getItemCount(0));
        assertEquals(rows * cols, f.data().rowCount(), "the CSV keeps every cell");
        // averaging keeps row values: row 3 is 4 everywhere
        var xyz = (org.jfree.data.xy.XYZDataset) ds;
        for (int i = 0; i < xyz.getItemCount(0); i++)
            if (xyz.getYValue(0, i) == rows - 1 - 3) assertEquals(4, xyz.getZValue(0, i), 1e-12);
    }

    @Test void correlationCellsPrintTheirValues() {
        String svg = Charts.correlation("c", "t", List.of("a", "b"), new double[][] {{1, -0.42}, {-0.42, 1}}).build().svg();
        assertTrue(svg.contains(">-0.42</text>"));
        assertTrue(svg.contains(">1.00</text>"));
    }

    @Test void badInputIsRejectedWithAClearMessage() {
        var e = assertThrows(IllegalArgumentException.class, () -> Charts.cdf("Bad Id", "t"));
        assertTrue(e.getMessage().contains("Bad Id"));
        assertThrows(IllegalArgumentException.class, () -> Charts.groupedBars("g", "t").categories(List.of("a", "b")).series("s", 1));
        assertThrows(IllegalArgumentException.class, () -> Charts.timeSeries("t", "t").series("s", new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Charts.cdf("c", "t").sample("s", new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Charts.heatMap("h", "t").rows(List.of("a")).columns(List.of("x", "y"))
                .values(new double[][] {{1}}).build());
        assertThrows(IllegalArgumentException.class, () -> Charts.pareto("p", "t").point("a", Double.NaN, 1));
    }
}
