package dev.thaw.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thaw.analysis.fit.Fits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** thaw analyze as a library call: the JSON keys docs/cli.md promises, fits.json, and the table files. */
class AnalysisTest {
    @TempDir Path dir;

    static String data(String rel) { return Path.of(System.getProperty("thaw.repo", "../"), "datasets", rel).toString(); }

    @Test void requestTraceAndColdStartsGiveTheContractKeys() throws Exception {
        Analysis.Options o = Analysis.Options.defaults(List.of(data("llm-traces/azure-llm-2023/AzureLLMInferenceTrace_conv.csv"),
                data("huawei-2025/excerpts/cold_start_all_regions_head_tail.csv")));
        Analysis.Result r = Analysis.run(o, Analysis.Progress.NONE);
        r.write(dir);
        JsonNode s = new ObjectMapper().readTree(Files.readString(dir.resolve("summary.json")));
        assertEquals(19_366 + 10, s.get("rows").asLong());
        JsonNode a = s.get("arrivals");
        assertEquals(1.094, a.get("iat_cv").asDouble(), 0.005);
        for (String w : List.of("1s", "10s", "60s", "600s")) assertTrue(a.get("idc").get(w).isNumber(), w);
        assertTrue(a.get("idc").has("3600s"), "key present even when the trace is too short (null)");
        assertTrue(a.get("hurst").isNumber());
        assertEquals(5.53, a.get("rate_per_s").asDouble(), 0.01);
        JsonNode c = s.get("coldstarts");
        assertEquals(10, c.get("count").asLong());
        for (String k : List.of("mean", "p50", "p90", "p99", "max")) assertTrue(c.get("total_s").get(k).isNumber(), k);
        assertEquals(4, c.get("share").size());
        assertTrue(c.get("fit").has("family") && c.get("fit").has("params") && c.get("fit").has("ks"));

        Fits fits = Fits.read(dir.resolve("fits.json"));
        assertTrue(fits.best("iat_s", java.util.Map.of()).isPresent());
        assertTrue(fits.best("coldstart_total_s", java.util.Map.of()).isPresent());
        assertTrue(fits.best("output_tokens", java.util.Map.of()).isPresent());
        assertTrue(Files.exists(dir.resolve("tables/coldstarts_by_region_pool.csv")));
        assertTrue(Files.exists(dir.resolve("tables/coldstarts_by_region_pool.parquet")));
        assertTrue(Files.exists(dir.resolve("tables/arrivals_distributions.parquet")));
        assertTrue(r.text().contains("coldstarts_by_region_pool"));
    }

    @Test void huaweiExcerptsJoinRequestsAndColdStartsPerFunction() throws Exception {
        Analysis.Result r = Analysis.run(Analysis.Options.defaults(List.of(data("huawei-2025/excerpts"))), Analysis.Progress.NONE);
        var t = r.tables().stream().filter(x -> x.name().equals("requests_vs_coldstarts")).findFirst().orElseThrow();
        long req = 0, cs = 0;
        for (int i = 0; i < t.size(); i++) { req += (long) t.number(i, "requests"); cs += (long) t.number(i, "cold_starts"); }
        assertEquals(10, req, "per-request excerpt rows");
        assertEquals(20, cs, "cold-start rows of the two cold-start excerpts");
        assertTrue(r.summary().containsKey("pod_utility"));
    }
}
