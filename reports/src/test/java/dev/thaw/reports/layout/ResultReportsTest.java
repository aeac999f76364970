package dev.thaw.reports.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.ingest.BadInputException;
import dev.thaw.reports.chart.Figure;
import dev.thaw.reports.html.HtmlReport;
import dev.thaw.reports.html.Provenance;
import dev.thaw.reports.html.ReportSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `thaw report` inputs in the documented layout become the right pages, figures and tables. */
class ResultReportsTest {
    @TempDir Path tmp;

    private ReportSite site() throws Exception {
        return ResultReports.site(ResultLayoutFixture.write(tmp.resolve("in")), "fixture", Provenance.builder(), false);
    }

    @Test void eachInputKindBecomesItsReportAndPoliciesShareOnePage() throws Exception {
        ReportSite site = site();
        Map<String, List<String>> figures = new TreeMap<>();
        for (HtmlReport r : site.reports()) figures.put(r.id(), r.figures().stream().map(Figure::id).toList());
        assertEquals(Map.of(
                "analysis", List.of("idc", "coldstart-share", "coldstart-cdf", "per-hour", "rate", "rpm"),
                "simulation", List.of("ttft-cdf", "e2e-hist"),
                "search", List.of("pareto", "baselines"),
                "policies", List.of("trade-off", "cold-start-rate", "wasted-memory")), figures);
        assertEquals(Long.valueOf(7), site.provenance().seed(), "the seed found in a summary is reported");
    }

    @Test void valuesComeFromTheDocumentedKeys() throws Exception {
        ReportSite site = site();
        HtmlReport analysis = site.reports().get(0);
        assertEquals("Huawei 2025, region 2", analysis.title(), "report.json overrides the title");
        assertEquals("regions", analysis.keyFigures().get(0).label());
        assertTrue(analysis.keyFigures().stream().anyMatch(k -> k.label().equals("IAT CV") && k.value().equals("1.09")));
        var idc = analysis.figures().get(0).data();
        assertEquals(List.of("analysis", 3600.0, 55.0), idc.rows().get(4), "3600s window parsed to seconds");
        var cdf = analysis.figures().get(2).data();
        assertTrue(cdf.rows().stream().anyMatch(r -> r.get(0).equals("LogNormal fit") && r.get(1).equals("model")),
                "the fit named in the spec is overlaid");
        var ttft = site.reports().get(1).figures().get(0).data();
        // TTFT of the three requests: 120, 250 and 90 ms; the empirical CDF reaches 1 at 250 ms
        var last = ttft.rows().get(ttft.rowCount() - 1);
        assertEquals(250.0, (double) last.get(2), 1e-9);
        assertEquals(1.0, last.get(3));
        var pareto = site.reports().get(2).figures().get(0).data();
        // GPUs from the plan strings: dp=2,tp=2 -> 4, dp=1,tp=4 -> 4 (faster, so it dominates), dp=1,tp=2 -> 2
        assertEquals(List.of(List.of("dp=2,tp=2", 4.0, 610.0, false, true), List.of("dp=1,tp=4", 4.0, 450.0, true, false)),
                pareto.rows().subList(0, 2));
        HtmlReport policies = site.reports().get(3);
        assertEquals(new dev.thaw.reports.html.KeyFigure("lowest cold-start rate", "hybrid", "rate 0.012"), policies.keyFigures().get(0));
    }

    /** The autoscaling search and the calibration loop get their own figures, drawn from the documented keys. */
    @Test void autoscalingAndCalibrationPagesDrawTheirTradeOffsAndCurves() throws Exception {
        Path auto = Files.createDirectories(tmp.resolve("search-autoscale"));
        Files.writeString(auto.resolve("summary.json"), """
                {"command": "search", "autoscale": true, "plans_simulated": 3,
                 "best": {"plan": "dp=1,tp=1,pp=1", "config": "fixed:10m,min=1,max=8", "goodput_per_dollar": 2253, "replica_cold_starts": 1,
                          "ttft_s": {"p99": 12.0},
                          "timeline": {"t_s": [100, 160, 220], "replicas": [1, 2, 1], "waiting": [0, 5, 0], "cold_starts_s": [150]}},
                 "configurations": [
                   {"plan": "dp=1,tp=1,pp=1", "config": "fixed:10m,min=1,max=8", "goodput_per_dollar": 2253, "ttft_p99_s": 12.0},
                   {"plan": "dp=1,tp=2,pp=1", "config": "fixed:10m,min=1,max=4", "goodput_per_dollar": 1416, "ttft_p99_s": 3.5},
                   {"plan": "dp=1,tp=1,pp=1", "config": "hybrid,min=0,max=8", "goodput_per_dollar": 907, "ttft_p99_s": 34.7}],
                 "ranking": []}""");
        Path cal = Files.createDirectories(tmp.resolve("calibration"));
        Files.writeString(cal.resolve("summary.json"), """
                {"command": "generate", "mode": "calibrate",
                 "calibration": {"fitted": {"model": "batch-mmpp2", "metrics": {"iat_cv": {"source": 13.1, "synthetic": 13.3, "rel_error": 0.015}}},
                                 "poisson": {"model": "poisson", "metrics": {"iat_cv": {"source": 13.1, "synthetic": 1.0, "rel_error": 0.92}}},
                                 "curves": {"idc": {"window_s": [1, 10, 60], "source": [13, 71, 164], "fitted": [12, 79, 158], "poisson": [1, 1, 1]},
                                            "iat_s": {"quantile": [0.25, 0.5, 0.75], "source": [0.01, 0.1, 0.5], "fitted": [0.02, 0.1, 0.4], "poisson": [0.1, 0.3, 0.6]},
                                            "per_minute": {"minute_start_s": [0, 60], "source": [100, 300], "fitted": [120, 280], "poisson": [150, 150]}}}}""");
        ReportSite site = ResultReports.site(List.of(auto, cal), "t", Provenance.builder(), false);
        HtmlReport a = site.reports().get(0), c = site.reports().get(1);
        assertEquals("Serverless scaling search", a.title());
        assertEquals(List.of("configurations", "scaling"), a.figures().stream().map(Figure::id).toList());
        // x = p99 TTFT, y = goodput per dollar (higher is better): the slow and cheap-per-request hybrid is dominated
        var pts = a.figures().get(0).data().rows();
        assertEquals(List.of("dp=1,tp=1,pp=1 hybrid,min=0,max=8", 34.7, 907.0, false, false), pts.get(2));
        assertEquals(true, pts.get(0).get(4), "the best configuration is the chosen one");
        // timeline in minutes from the first sample; the cold start at 150 s is 50 s = 0.833 min in
        assertTrue(a.figures().get(1).data().rows().contains(List.of("replica cold start", 50 / 60.0, Double.NaN)));
        assertEquals(List.of("idc", "iat-cdf", "rate"), c.figures().stream().map(Figure::id).toList());
        assertEquals("13.3", c.keyFigures().get(1).value());
    }

    @Test void writtenPagesAreCompleteAndSelfContained() throws Exception {
        Path out = tmp.resolve("out");
        Path index = site().write(out);
        assertTrue(Files.isRegularFile(index));
        String analysis = Files.readString(out.resolve("analysis.html"));
        assertTrue(analysis.contains("id='fig-rpm'") && analysis.contains("Every value in summary.json"));
        assertTrue(Files.isRegularFile(out.resolve("analysis/table-fits.csv")));
        assertTrue(!Files.exists(out.resolve("analysis/idc.png")), "--no-png writes no PNG");
    }

    @Test void malformedInputsNameFileLineAndColumn() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("summary.json"), "{\"rows\": 3,\n \"arrivals\": {oops}}");
        BadInputException e = assertThrows(BadInputException.class, () -> ResultInput.load(dir));
        assertEquals(2, e.line());
        assertTrue(e.file().endsWith("summary.json"));

        Files.writeString(dir.resolve("summary.json"), "{\"rows\": 3}");
        Files.createDirectories(dir.resolve("figures"));
        Files.writeString(dir.resolve("figures/x.csv"), "series,value\na,1\na,two\n");
        e = assertThrows(BadInputException.class, () -> ResultReports.site(List.of(dir), "t", Provenance.builder(), false));
        assertEquals(3, e.line());
        assertEquals("value", e.column());
        assertEquals("two", e.value());

        Files.writeString(dir.resolve("figures/x.csv"), "series,value\na,1\n");
        Files.writeString(dir.resolve("figures/x.json"), "{\"type\": \"pie\"}");
        e = assertThrows(BadInputException.class, () -> ResultReports.site(List.of(dir), "t", Provenance.builder(), false));
        assertTrue(e.getMessage().contains("unknown figure type 'pie'"), e.getMessage());

        e = assertThrows(BadInputException.class, () -> ResultInput.load(tmp.resolve("missing")));
        assertTrue(e.getMessage().contains("no such file"));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        e = assertThrows(BadInputException.class, () -> ResultInput.load(empty));
        assertTrue(e.getMessage().contains("summary.json"));
    }

    @Test void durationsAndPlansParse() {
        assertEquals(1, JsonReports.seconds("1s"));
        assertEquals(600, JsonReports.seconds("10m"));
        assertEquals(3600, JsonReports.seconds("1h"));
        assertEquals(0.5, JsonReports.seconds("500ms"));
        assertEquals(16, JsonReports.gpusOf("dp=2,tp=4,pp=2,ep=8"));
        assertTrue(Double.isNaN(JsonReports.gpusOf("best")));
        assertThrows(IllegalArgumentException.class, () -> JsonReports.seconds("soon"));
    }

    @Test void severalResultsOfOneKindGetDistinctIdsTitlesAndNavigation() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("analysis-llm")), b = Files.createDirectories(tmp.resolve("analysis-coldstarts"));
        Files.writeString(a.resolve("summary.json"), "{\"command\": \"analyze\", \"rows\": 10}");
        Files.writeString(b.resolve("summary.json"), "{\"command\": \"analyze\", \"rows\": 20}");
        ReportSite site = ResultReports.site(List.of(a, b), "t", Provenance.builder(), false);
        assertEquals(List.of("analysis", "analysis-2"), site.reports().stream().map(HtmlReport::id).toList());
        assertEquals(List.of("Trace analysis: analysis-llm", "Trace analysis: analysis-coldstarts"),
                site.reports().stream().map(HtmlReport::title).toList());
        String index = site.indexHtml();
        assertTrue(index.contains(">Trace analysis: analysis-llm</a>") && index.contains(">Trace analysis: analysis-coldstarts</a>"),
                "navigation tells the two analyses apart");
    }

    @Test void anUnknownJsonStillGetsAPageWithEveryValue() throws Exception {
        Path f = tmp.resolve("other.json");
        Files.writeString(f, "{\"answer\": 42, \"nested\": {\"list\": [1, 2, 3]}}");
        HtmlReport r = ResultReports.site(List.of(f), "t", Provenance.builder(), false).reports().get(0);
        assertEquals("results", r.kind());
        assertTrue(ReportSite.builder("t").add(r).build().reportHtml(r).contains("nested.list"));
    }
}
