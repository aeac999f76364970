package dev.thaw.workload.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.analysis.Analysis;
import dev.thaw.analysis.table.ResultTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, acceptance 2: the bundled synthetic dataset, analysed by the analysis module (what {@code thaw analyze}
 * runs), lands within 15% of the published Huawei 2025 figures it was calibrated to (docs/analytics.md).
 */
class BundledDatasetMatchesPublishedFiguresTest {
    private static final double TOLERANCE = 0.15;

    static Path dataset() {
        String repo = System.getProperty("thaw.repo");
        Path base = repo != null ? Paths.get(repo) : Paths.get("").toAbsolutePath();
        while (base != null && !Files.isDirectory(base.resolve("datasets/huawei-2025-synthetic"))) base = base.getParent();
        if (base == null) throw new IllegalStateException("datasets/huawei-2025-synthetic not found");
        return base.resolve("datasets/huawei-2025-synthetic");
    }

    @Test
    void coldStartFitRegionMediansAndRegion2RuntimeSharesAreWithin15PercentOfThePaper() throws Exception {
        Analysis.Options d = Analysis.Options.defaults(List.of(dataset().toString()));
        Analysis.Options o = new Analysis.Options(d.inputs(), null, EnumSet.of(Analysis.What.COLDSTARTS, Analysis.What.FITS), List.of(), 2,
                d.keepAliveS(), d.coldStartPoint(), d.requestPoint());
        Analysis.Result r = Analysis.run(o, Analysis.Progress.NONE);

        // Pooled lognormal fit: mu = 0.2965 (median 1.345 s), sigma = 1.326.
        Map<?, ?> fit = (Map<?, ?>) ((Map<?, ?>) r.summary().get("coldstarts")).get("fit");
        assertEquals("lognormal", fit.get("family"));
        Map<?, ?> params = (Map<?, ?>) fit.get("params");
        within("lognormal median (s)", Math.exp(0.2965), Math.exp(((Number) params.get("mu")).doubleValue()));
        within("lognormal sigma", 1.326, ((Number) params.get("sigma")).doubleValue());

        // Median cold-start time per region, read off the paper's CDFs.
        ResultTable byRegion = table(r, "coldstarts_by_region");
        Map<String, Double> published = Map.of("R1", 2.2, "R2", 0.9, "R3", 0.1, "R4", 0.85, "R5", 0.5);
        for (var e : published.entrySet())
            within("median of " + e.getKey(), e.getValue(), byRegion.number(byRegion.find(e.getKey()), "totalCost_cold_start_p50"));

        // Region 2 cold starts by runtime (the only region with metadata): shares of the runtimes above 5%.
        ResultTable byRuntime = table(r, "coldstarts_by_runtime");
        Map<String, Double> counts = Map.of("Python3", 1_190_731.0, "Node.js", 287_253.0, "Custom", 186_452.0, "Java", 165_695.0, "Python2", 165_673.0);
        double publishedTotal = 2_072_823;
        double r2 = byRegion.number(byRegion.find("R2"), "count");
        for (var e : counts.entrySet())
            within("Region 2 share of " + e.getKey(), e.getValue() / publishedTotal, byRuntime.number(byRuntime.find(e.getKey()), "count") / r2);
    }

    private static ResultTable table(Analysis.Result r, String name) {
        return r.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no table " + name));
    }

    private static void within(String what, double published, double measured) {
        double rel = Math.abs(measured - published) / published;
        assertTrue(rel <= TOLERANCE, String.format("%s: measured %.4g, published %.4g (%.1f%% off, tolerance 15%%)", what, measured, published, 100 * rel));
    }
}
