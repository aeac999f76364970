package dev.thaw.analysis.detect;

import java.util.List;

/**
 * The per-function per-minute metrics the detector reads, with their folder names in the Huawei 2025 release
 * ({@code quantiles/R<n>/<folder>/day_NN.csv}) and the Huawei 2023 private release
 * ({@code private_dataset/<folder>/day_DDD.csv}). The 2025 release publishes no error counts and no response
 * size: {@code writeRspCost} (the time to write the response) stands for the response size, which it grows with.
 */
public enum Metric {
    REQUESTS("requests", "requests_minute", "requests per minute"),
    CPU("cpu_usage_avg", "cpu_usage_minute", "CPU per request"),
    MEMORY("memory_usage_avg", "memory_usage_minute", "memory"),
    EXEC("totalCost_avg", "function_delay_minute", "execution time per request"),
    RESPONSE("writeRspCost_avg", null, "response size per request"),
    BODY("requestBodySize_avg", null, "request body size"),
    ERRORS("errors", null, "errors per request"),
    PODS("num_pods", "instances_minute", "pods"),
    COLD_STARTS("num_cold_starts", null, "cold starts");

    public static final List<Metric> ALL = List.of(values());
    /** Per-request metrics: they must not move when only the load moves. */
    public static final List<Metric> PER_REQUEST = List.of(CPU, EXEC, RESPONSE, BODY, MEMORY, ERRORS);

    public final String huawei2025Folder, huawei2023Folder, label;

    Metric(String huawei2025Folder, String huawei2023Folder, String label) {
        this.huawei2025Folder = huawei2025Folder;
        this.huawei2023Folder = huawei2023Folder;
        this.label = label;
    }

    /** The metric stored in a folder of either layout, or null. */
    public static Metric ofFolder(String folder) {
        for (Metric m : values()) if (folder.equals(m.huawei2025Folder) || folder.equals(m.huawei2023Folder)) return m;
        return null;
    }
}
