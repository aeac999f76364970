package dev.thaw.simulate.llm.calibrate;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.ingest.BadInputException;
import dev.thaw.simulate.llm.ParallelPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementReaderTest {
    static final Path AIC = Path.of("../datasets/engine-measurements/aiconfigurator-silicon-e2e/silicon_sample.csv");
    static final CaseSettings SETTINGS = new CaseSettings("Llama-3.1-8B", "H100-SXM-80GB", new ParallelPlan(1, 1, 1), "bf16", "bf16", "vllm-v1", 0, 0);
    @TempDir Path dir;

    @Test void aiconfiguratorRowsOfKnownModelsOnH100BecomeClosedLoopCasesAndTheRestAreNamed() {
        List<String> skipped = new ArrayList<>();
        List<MeasuredCase> cases = MeasurementReader.read(List.of(AIC), null, new CaseSettings(null, "H100-SXM-80GB", null, "bf16", "bf16", "vllm-v1", 0, 0), skipped::add);
        // PROVENANCE.txt: 90 Qwen3-32B bf16 rows (vLLM 0.12.0) and 45 Llama-3.1-70B fp8 rows on H100; 3 Qwen3-32B fp8 rows too.
        assertEquals(90, cases.stream().filter(c -> c.model().equals("Qwen3-32B") && c.weights().equals("bf16")).count());
        assertEquals(45, cases.stream().filter(c -> c.model().equals("Llama-3.1-70B") && c.weights().equals("fp8")).count());
        MeasuredCase q = cases.stream().filter(c -> c.id().endsWith("1024x1024_c8_tp2_epnone_31")).findFirst().orElseThrow();
        assertEquals(8, q.load().concurrency());
        assertEquals(new ParallelPlan(1, 2, 1), q.plan());
        assertEquals("vllm-v1", q.engine());
        assertEquals(154.343741, q.measured().get("ttft_ms.mean"), 1e-6);
        assertEquals(15.9005368625, q.measured().get("tpot_ms.mean"), 1e-9);
        // Collections: the gap-analysis runs (a folder per harness, engine version and GPU) and the CI workflow's dated file.
        assertEquals("/Users/harrli/projects/aic-auto-gap-analysis/data/h100_sxm/vllm/0.12.0", q.collection());
        assertEquals(java.util.Set.of("/Users/harrli/projects/aic-auto-gap-analysis/data/h100_sxm/vllm/0.12.0", "2026-04-06.csv"),
                cases.stream().map(MeasuredCase::collection).collect(java.util.stream.Collectors.toSet()));
        assertEquals("db-dump/2026-04-27", AiConfiguratorReader.collectionOf("db-dump/2026-04-27; config_id=733; silicon_concurrency=128"));
        assertEquals("", AiConfiguratorReader.collectionOf(""));
        assertTrue(skipped.stream().anyMatch(s -> s.contains("backend sglang has no thaw engine profile")));
        assertTrue(skipped.stream().anyMatch(s -> s.contains("model openai/gpt-oss-120b not in thaw's catalog")));
    }

    @Test void vllmBenchPerRequestListsGiveMeansOverSuccessfulRequests() throws Exception {
        Path f = dir.resolve("run.json");
        Files.writeString(f, """
                {"request_rate": "inf", "burstiness": 1.0, "max_concurrency": 2, "completed": 3,
                 "input_lens": [100, 200, 300], "output_lens": [3, 5, 2], "ttfts": [0.1, 0.2, 0.4],
                 "itls": [[0.01, 0.03], [0.02, 0.02, 0.02, 0.02], []], "errors": ["", "", "timeout"]}""");
        MeasuredCase c = MeasurementReader.read(List.of(f), null, SETTINGS, s -> {}).get(0);
        assertEquals(2, c.load().concurrency(), "max_concurrency at an infinite rate: closed loop");
        assertArrayEquals(new int[] {100, 200}, c.load().prompt(), "the failed request is left out");
        assertEquals(150, c.measured().get("ttft_ms.mean"), 1e-9);
        assertEquals((20.0 + 20.0) / 2, c.measured().get("tpot_ms.mean"), 1e-9, "(e2e - ttft) / (out - 1) per request: 0.04/2 and 0.08/4");
        assertEquals((0.14 + 0.28) / 2, c.measured().get("e2e_s.mean"), 1e-12);
    }

    @Test void badFilesNameTheFileAndWhatIsWrong() throws Exception {
        assertBad("{\"request_rate\": \"inf\", \"completed\": 2, \"input_lens\": [10, 0], \"output_lens\": [5, 5], \"ttfts\": [0.1, 0.1]}", "run.json", "input_lens must be positive");
        assertBad("{\"request_rate\": \"inf\", \"completed\": 1, \"input_lens\": [10], \"output_lens\": [0], \"ttfts\": [0.1]}", "run.json", "output_lens must be positive");
        assertBad("{\"request_rate\": \"inf\", \"completed\": 1, \"input_lens\": [10], \"output_lens\": [4], \"ttfts\": [-0.1]}", "run.json", "ttfts must be non-negative");
        assertBad("{\"request_rate\": \"inf\", \"completed\": 1, \"input_lens\": [10], \"output_lens\": [4]}", "run.json", "missing list field 'ttfts'");
        assertBad("{\"mean_ttft_ms\": 12, \"completed\": 1, ", "run.json", "unreadable JSON");
        assertBad("arrival_s,prompt_tokens,output_tokens,ttft_s,e2e_s\n0,100,10,0.1,1.0\n1,100,10,-0.2,1.0\n", "req.csv", "req.csv:3");
        assertBad("arrival_s,prompt_tokens,output_tokens,ttft_s\n0,100,10,0.1\n", "req.csv", "e2e_s");
        assertBad("id,backend,model_path,silicon_ttft_ms,batch_size\nx,vllm,m,1,2\n", "aic.csv", "column 'backend_version'");
        // A header cut short after its first columns is still an AIConfigurator file with a column missing.
        assertBad("id,silicon_data_source,backend\nx,y,vllm\n", "aic.csv", "column 'backend_version'");
    }

    private void assertBad(String content, String name, String expected) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        BadInputException e = assertThrows(BadInputException.class, () -> MeasurementReader.read(List.of(f), null, SETTINGS, s -> {}));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains(expected), e.getMessage());
    }
}
