package dev.thaw.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figures/ folder thaw analyze writes for thaw report: files, columns and specs from the real excerpts. */
class AnalysisFiguresTest {
    @TempDir Path dir;

    static String data(String rel) { return Path.of(System.getProperty("thaw.repo", "../"), "datasets", rel).toString(); }

    static String header(Path csv) throws Exception { return Files.readAllLines(csv).get(0); }

    @Test void coldStartsAndRequestsGiveTheirFigures() throws Exception {
        Analysis.Result r = Analysis.run(Analysis.Options.defaults(List.of(data("huawei-2025/excerpts"))), Analysis.Progress.NONE);
        r.write(dir);
        Path figs = dir.resolve("figures");
        for (String name : List.of("coldstarts-1-cdf", "coldstarts-2-components-by-hour", "coldstarts-3-by-size", "arrivals-1-per-minute")) {
            assertTrue(Files.exists(figs.resolve(name + ".csv")), name);
            assertTrue(Files.exists(figs.resolve(name + ".json")), name);
        }
        assertEquals("series,value", header(figs.resolve("coldstarts-1-cdf.csv")));
        assertEquals("category,series,value", header(figs.resolve("coldstarts-2-components-by-hour.csv")));
        assertEquals("category,series,value", header(figs.resolve("coldstarts-3-by-size.csv")));
        assertEquals("x,y", header(figs.resolve("arrivals-1-per-minute.csv")));

        JsonNode cdf = new ObjectMapper().readTree(Files.readString(figs.resolve("coldstarts-1-cdf.json")));
        assertEquals("cdf", cdf.get("type").asText());
        assertTrue(cdf.get("log_x").asBoolean());
        assertTrue(cdf.get("fits").size() >= 1, "a lognormal fit is overlaid");
        assertEquals("lognormal", cdf.get("fits").get(0).get("family").asText());
        assertTrue(cdf.get("fits").get(0).get("sigma").asDouble() > 0);
        JsonNode stacked = new ObjectMapper().readTree(Files.readString(figs.resolve("coldstarts-2-components-by-hour.json")));
        assertEquals("stacked", stacked.get("type").asText());
        // four components per hour that saw cold starts
        long rows = Files.readAllLines(figs.resolve("coldstarts-2-components-by-hour.csv")).size() - 1;
        assertEquals(0, rows % AnalysisFigures.COMPONENTS.size());
        assertTrue(rows > 0);
        try (var s = Files.list(figs)) { assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp")), "no temporary files left"); }
    }

    @Test void arrivalsOnlyGiveNoColdStartFigures() throws Exception {
        Analysis.Result r = Analysis.run(Analysis.Options.defaults(List.of(data("llm-traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv"))),
                Analysis.Progress.NONE);
        r.write(dir);
        try (var s = Files.list(dir.resolve("figures"))) {
            assertEquals(List.of("arrivals-1-per-minute.csv", "arrivals-1-per-minute.json"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "one hour: no diurnal figure, no cold starts");
        }
    }

    @Test void quantilesFollowTheTabulatedCdf() {
        // CDF 0 at 1 s, 0.5 at 10 s, 1 at 100 s: log-uniform, so the quantiles are 10^(2q)
        double[] q = AnalysisFigures.quantiles(List.of(new double[] {1, 0}, new double[] {10, 0.5}, new double[] {100, 1}), 4);
        assertArrayEquals(new double[] {Math.pow(10, 0.25), Math.pow(10, 0.75), Math.pow(10, 1.25), Math.pow(10, 1.75)}, q, 1e-9);
    }

    @Test void spearmanPairsBecomeASymmetricMatrix() throws Exception {
        var t = new dev.thaw.analysis.table.ResultTable("coldstarts_spearman", "region", "a", "b", "rho", "minutes");
        t.add("R1", "x_mean", "y_mean", 0.5, 10L).add("R1", "x_mean", "cold_starts", -0.25, 10L).add("R1", "y_mean", "cold_starts", 0.75, 10L);
        List<String> names = new java.util.ArrayList<>();
        AnalysisFigures.spearman(t, dir, names);
        assertEquals(List.of("coldstarts-5-spearman-R1"), names);
        List<String> lines = Files.readAllLines(dir.resolve("coldstarts-5-spearman-R1.csv"));
        assertEquals("row,column,value", lines.get(0));
        assertEquals(10, lines.size(), "3 x 3 matrix");
        assertTrue(lines.contains("x,x,1") && lines.contains("x,y,0.5") && lines.contains("y,x,0.5") && lines.contains("cold_starts,y,0.75"));
    }

    /** A trace without regions gives one matrix, named and titled without a region (not "_null_"). */
    @Test void spearmanWithoutRegionsIsNamedWithoutOne() throws Exception {
        var t = new dev.thaw.analysis.table.ResultTable("coldstarts_spearman", "region", "a", "b", "rho", "minutes");
        t.add(null, "x_mean", "y_mean", 0.5, 10L);
        List<String> names = new java.util.ArrayList<>();
        AnalysisFigures.spearman(t, dir, names);
        assertEquals(List.of("coldstarts-5-spearman"), names);
        assertTrue(Files.readString(dir.resolve("coldstarts-5-spearman.json")).contains("\"Spearman correlation\""));
    }

    /** Writing a result into a folder that holds an earlier run's figures and tables leaves only the new ones. */
    @Test void aRerunIntoTheSameFolderLeavesNoStaleFigures() throws Exception {
        var spearman = new dev.thaw.analysis.table.ResultTable("coldstarts_spearman", "region", "a", "b", "rho", "minutes");
        spearman.add("R1", "x_mean", "y_mean", 0.5, 10L);
        var fits = new dev.thaw.analysis.fit.Fits(List.of(), null, null);
        new Analysis.Result(java.util.Map.of("rows", 1L), fits, List.of(spearman)).write(dir);
        assertTrue(Files.exists(dir.resolve("figures/coldstarts-5-spearman-R1.csv")));
        new Analysis.Result(java.util.Map.of("rows", 1L), fits, List.of()).write(dir);
        try (var left = Files.list(dir.resolve("figures"))) { assertEquals(List.of(), left.toList()); }
        try (var left = Files.list(dir.resolve("tables"))) { assertEquals(List.of(), left.toList()); }
    }
}
