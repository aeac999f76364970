package dev.thaw.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden figures from the real bundled traces (see datasets/PROVENANCE.md). */
class BundledTracesTest {

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    @Test
    void azureCodeTraceHas8819RequestsWithMedianPrompt1469() {
        var p = TestData.dataset("llm-traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv");
        try (TraceReader r = Traces.open(p)) { assertEquals("azure-llm", r.format().id()); }
        double[] prompt = TestData.doubles(p, "prompt_tokens");
        assertEquals(8819, prompt.length);
        assertEquals(1469, median(prompt));
        assertEquals(13, median(TestData.doubles(p, "output_tokens")));
        double[] t = TestData.doubles(p, "arrival_s");
        assertEquals(0.0, t[0]);
        assertEquals(3436, t[t.length - 1], 1.0, "the code trace spans about 3,436 s");
    }

    @Test
    void azureConversationTraceHas19366Requests() {
        var p = TestData.dataset("llm-traces/azure-llm-2023/AzureLLMInferenceTrace_conv.csv");
        double[] prompt = TestData.doubles(p, "prompt_tokens");
        assertEquals(19366, prompt.length);
        assertEquals(1020, median(prompt));
        assertEquals(129, median(TestData.doubles(p, "output_tokens")));
        double[] t = TestData.doubles(p, "arrival_s");
        assertEquals(3502, t[t.length - 1], 1.0);
    }

    @Test
    void vidurCopyOfTheCodeTraceAgreesWithTheAzureOriginal() {
        double[] azure = TestData.doubles(TestData.dataset("llm-traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv"), "arrival_s");
        double[] vidur = TestData.doubles(TestData.dataset("llm-traces/vidur/splitwise_code.csv"), "arrival_s");
        assertEquals(azure.length, vidur.length);
        for (int i = 0; i < azure.length; i += 97) assertEquals(azure[i], vidur[i], 1e-3, "arrival of request " + i);
    }

    @Test
    void mooncakeConversationKeepsPrefixBlocks() {
        var p = TestData.dataset("llm-traces/mooncake-fast25/conversation_trace.jsonl");
        try (TraceReader r = Traces.open(p)) {
            assertEquals("mooncake", r.format().id());
            List<Object> blocks = TestData.column(r, "prefix_block_ids");
            assertEquals(12031, blocks.size());
            assertEquals("0 1 2 3 4 5 6 7 8 9 10 11 12 13", blocks.get(0));
        }
        double[] in = TestData.doubles(p, "prompt_tokens");
        assertEquals(6758, in[0]);
        // 512-token blocks: the block count covers the prompt.
    }

    @Test
    void apexTracesStartInNanosecondsAndAreHalfARequestPerSecond() {
        var p = TestData.dataset("llm-traces/apex/llama/lmsys_05.csv");
        double[] t = TestData.doubles(p, "arrival_s");
        assertEquals(1024, t.length);
        assertEquals(0.197890289, t[0], 1e-12);
        double rate = (t.length - 1) / (t[t.length - 1] - t[0]);
        assertEquals(0.5, rate, 0.05);
    }

    @Test
    void huaweiColdStartExcerptSatisfiesTheComponentSumIdentity() {
        var p = TestData.dataset("huawei-2025/excerpts/cold_start_all_regions_head_tail.csv");
        try (TraceReader r = Traces.open(p)) {
            assertEquals("huawei-2025-coldstart", r.format().id());
            int rows = 0;
            while (r.next()) {
                var root = r.root();
                for (int i = 0; i < root.getRowCount(); i++, rows++) {
                    double total = ((org.apache.arrow.vector.Float8Vector) root.getVector("totalCost_cold_start")).get(i);
                    double sum = 0;
                    for (String c : List.of("podAllocationCost", "deployCodeCost", "deployDependencyCost", "schedulingCost"))
                        sum += ((org.apache.arrow.vector.Float8Vector) root.getVector(c)).get(i);
                    assertEquals(total, sum, 1e-6, "row " + i);
                }
                assertEquals("pool22-300-128", new String(((org.apache.arrow.vector.VarCharVector) root.getVector("poolName")).get(0)));
                assertEquals(300, ((org.apache.arrow.vector.BigIntVector) root.getVector("cpuLimitMillicores")).get(0));
                assertEquals(128, ((org.apache.arrow.vector.BigIntVector) root.getVector("memLimitMb")).get(0));
                assertEquals("332---439---pool22-300-128", new String(((org.apache.arrow.vector.VarCharVector) root.getVector("funcID")).get(0)));
                assertEquals("R1", new String(((org.apache.arrow.vector.VarCharVector) root.getVector("region")).get(0)));
            }
            assertEquals(10, rows, "the excerpt holds the first and last five rows");
            assertEquals(0L, r.stats().violations().getOrDefault("components_sum_to_total", 0L));
        }
    }

    @Test
    void huaweiRequestExcerptDerivesDayAndFunction() {
        var p = TestData.dataset("huawei-2025/excerpts/region5_per_request_day30_head_tail.csv");
        try (TraceReader r = Traces.open(p)) {
            assertEquals("huawei-2025-request", r.format().id());
            List<Object> day = TestData.column(r, "day");
            assertTrue(day.stream().allMatch(d -> ((Long) d) == 30L), "every row is day 30");
        }
    }

    @Test
    void azure2021ExcerptDerivesStart() {
        var p = TestData.dataset("azure-functions/2021-excerpt/azure2021_200.csv");
        double[] end = TestData.doubles(p, "end_timestamp"), dur = TestData.doubles(p, "duration"), start = TestData.doubles(p, "start");
        assertEquals(199, end.length);
        for (int i = 0; i < end.length; i++) assertEquals(end[i] - dur[i], start[i], 1e-12);
    }

    @Test
    void azure2019InvocationsBecomeLongFormWithoutZeros() {
        var p = TestData.dataset("azure-functions/2019-format-extremes/invocations.csv");
        try (TraceReader r = Traces.open(p)) {
            assertEquals("azure-2019-invocations", r.format().id());
            List<Object> counts = TestData.column(r, "count");
            assertTrue(counts.stream().allMatch(c -> (Long) c > 0));
        }
    }
}
