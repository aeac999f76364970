package dev.thaw.ingest.kit;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One small, realistic file per trace format (under test resources {@code formats/<format-id>/}), with what reading
 * it must give: the row count, a few golden cells (null for a missing value) and the identity counters.
 * {@code member} is the path below the format folder: it keeps the region/metric/day folders the hints come from.
 */
public record FormatFixture(String formatId, String member, int rows, List<Cell> golden, Map<String, Long> violations) {

    public record Cell(int row, String column, Object value) {
        @Override public String toString() { return column + "[" + row + "]=" + value; }
    }

    static Cell cell(int row, String column, Object value) { return new Cell(row, column, value); }

    public Path path() { return folder().resolve(member); }

    /** The format's fixture folder (the root that {@link #member} is relative to). */
    public Path folder() {
        URL u = FormatFixture.class.getClassLoader().getResource("formats/" + formatId);
        if (u == null) throw new IllegalStateException("no test resource formats/" + formatId);
        try {
            return Paths.get(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override public String toString() { return formatId; }

    private static final List<FormatFixture> ALL = List.of(
            new FormatFixture("huawei-2025-coldstart", "cold_start/R2/day_03.csv", 5, List.of(
                    cell(0, "region", "R2"), cell(0, "funcID", "979---1111---pool22-300-128"), cell(0, "poolName", "pool22-300-128"),
                    cell(1, "day", 3L), cell(2, "clusterName", null), cell(3, "requestID", null),
                    cell(3, "cpuLimitMillicores", 1000L), cell(3, "memLimitMb", 1024L), cell(3, "deployDependencyCost", 0.518),
                    cell(4, "requestID", "9a1f0c2e,quoted"), cell(4, "time", 345599.998)),
                    Map.of("components_sum_to_total", 0L)),
            new FormatFixture("huawei-2025-request", "per_request/R5/part-00000-2a4c.csv", 4, List.of(
                    cell(0, "region", "R5"), cell(0, "day", 30L), cell(1, "requestBodySize", 120.0),
                    cell(2, "time_frontend", null), cell(2, "totalCost_frontend", null), cell(2, "requestBodySize", null),
                    cell(2, "cpu_usage", 0.0), cell(3, "day", 30L), cell(3, "funcID", "142---60---pool23-400-256"),
                    cell(3, "cpuLimitMillicores", 400L), cell(3, "memory_usage", 101.8125)),
                    Map.of("worker_plus_runtime_equals_total", 0L)),
            new FormatFixture("huawei-2025-meta", "runtime_triggerType/df_funcID_runtime_triggerType.csv", 4, List.of(
                    cell(0, "region", "R2"), cell(0, "funcID", "400---418---pool22-300-128"), cell(2, "cpu_request", 250L),
                    cell(2, "runtime", "Java"), cell(2, "triggerType-invocationType", "APIG-S TIMER-A"), cell(3, "cpu_request", null)),
                    Map.of()),
            new FormatFixture("huawei-2025-minute", "quantiles/R3/requests/day_05.csv", 7, List.of(
                    cell(0, "region", "R3"), cell(0, "metric", "requests"), cell(0, "day", 5L), cell(0, "time", 432000.0),
                    cell(0, "funcID", "88---337---pool26-1000-1024"), cell(0, "value", 12.0),
                    cell(1, "funcID", "2028---481---pool22-300-128"), cell(1, "value", 3.0),
                    cell(3, "funcID", "142---60---pool22-300-128"), cell(3, "value", 1.0),
                    cell(6, "time", 432180.0), cell(6, "funcID", "2028---481---pool22-300-128"), cell(6, "value", 0.0)),
                    Map.of()),
            new FormatFixture("huawei-2023", "requests_minute/day_001.csv", 7, List.of(
                    cell(0, "metric", "requests_minute"), cell(0, "day", 1L), cell(0, "function", "0"), cell(0, "value", 57.0),
                    cell(1, "function", "2"), cell(2, "function", "3"), cell(2, "value", 0.0), cell(3, "time", 86460.0),
                    cell(4, "function", "1"), cell(6, "time", 86520.0), cell(6, "value", 55.0)),
                    Map.of()),
            new FormatFixture("azure-2019-invocations", "invocations_per_function_md.anon.d01.csv", 7, List.of(
                    cell(0, "day", 1L), cell(0, "Trigger", "timer"), cell(0, "minute", 1L), cell(0, "count", 1L),
                    cell(3, "minute", 1440L), cell(4, "minute", 543L), cell(4, "count", 3L), cell(6, "minute", 900L),
                    cell(6, "count", 250L), cell(6, "Trigger", "http"),
                    cell(6, "HashFunction", "f8620c125fb6e77e03d179c91045ae6b1bb69d6a692e75766b5959bff7f7e595")),
                    Map.of()),
            new FormatFixture("azure-2019-durations", "function_durations_percentiles.anon.d01.csv", 3, List.of(
                    cell(0, "day", 1L), cell(0, "Average", 93983.0), cell(0, "percentile_Average_100", 98756.0),
                    cell(2, "Average", 1250.5), cell(2, "Count", 1440L), cell(2, "percentile_Average_50", 1203.0)),
                    Map.of()),
            new FormatFixture("azure-2019-memory", "app_memory_percentiles.anon.d01.csv", 2, List.of(
                    cell(0, "HashFunction", null), cell(0, "SampleCount", 2386L), cell(0, "AverageAllocatedMb_pct100", 171.0),
                    cell(1, "AverageAllocatedMb_pct1", 19.166666666666668), cell(1, "day", 1L)),
                    Map.of()),
            new FormatFixture("azure-2021", "azure2021_head.csv", 3, List.of(
                    cell(0, "end_timestamp", 0.07949090003967285), cell(0, "start", 0.07949090003967285 - 0.078),
                    cell(1, "duration", 57.154), cell(2, "start", 119.25),
                    cell(2, "func", "337cd24a7d5fd5c92460faee4ebe6a186a0eb322bd17b73da7ffa153025794e1")),
                    Map.of()),
            new FormatFixture("azure-llm", "AzureLLMInferenceTrace_code_head.csv", 5, List.of(
                    cell(0, "arrival_s", 0.0), cell(0, "prompt_tokens", 4808L), cell(1, "arrival_s", 0.052),
                    cell(2, "arrival_s", 0.052), cell(2, "output_tokens", 27L), cell(3, "arrival_s", 2.57004),
                    cell(4, "arrival_s", 56.02004), cell(4, "prompt_tokens", 1469L)),
                    Map.of()),
            new FormatFixture("mooncake", "conversation_head.jsonl", 5, List.of(
                    cell(0, "arrival_s", 0.0), cell(0, "prefix_block_ids", "0 1 2 3 4 5 6 7 8 9 10 11 12 13"),
                    cell(2, "arrival_s", 3.052), cell(2, "prompt_tokens", 2290L), cell(3, "prefix_block_ids", null),
                    cell(3, "output_tokens", 12L), cell(4, "arrival_s", 61.25), cell(4, "prefix_block_ids", "46 47")),
                    Map.of()),
            new FormatFixture("burstgpt", "BurstGPT_head.csv", 4, List.of(
                    cell(0, "arrival_s", 5.0), cell(1, "prompt_tokens", 1087L), cell(1, "output_tokens", 0L),
                    cell(2, "prompt_tokens", 417L), cell(3, "arrival_s", 140.0), cell(3, "output_tokens", 344L)),
                    Map.of("dropped_zero_token_rows", 2L)),
            new FormatFixture("vidur", "splitwise_head.csv", 4, List.of(
                    cell(0, "arrival_s", 0.0), cell(2, "arrival_s", 0.052), cell(2, "prompt_tokens", 110L),
                    cell(3, "arrival_s", 2.57), cell(3, "output_tokens", 13L)),
                    Map.of()),
            new FormatFixture("apex", "lmsys_05_head.csv", 3, List.of(
                    cell(0, "arrival_s", 0.197890289), cell(0, "prompt_tokens", 156L), cell(1, "output_tokens", 390L),
                    cell(2, "arrival_s", 4.2100045), cell(2, "output_tokens", 1L)),
                    Map.of()));

    public static List<FormatFixture> all() { return ALL; }

    public static Map<String, FormatFixture> byFormat() {
        Map<String, FormatFixture> m = new LinkedHashMap<>();
        for (FormatFixture f : ALL) m.put(f.formatId(), f);
        return m;
    }
}
