package dev.thaw.ingest.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The datasets bundled in the repository's {@code datasets/} folder (provenance in datasets/PROVENANCE.md), by the
 * names that commands and tests use. The full public releases are read from wherever a user downloaded them.
 */
public final class DatasetCatalog {
    private static final List<Dataset> BUNDLED = List.of(
            new Dataset("huawei-2025-synthetic", "huawei-2025-synthetic", "huawei-2025-coldstart",
                    "Synthetic dataset in the exact Huawei 2025 layout, calibrated to the published figures (default input of thaw run)", "CC BY 4.0 (derived figures)", true),
            new Dataset("huawei-2025-excerpts", "huawei-2025/excerpts", "huawei-2025-coldstart",
                    "Real first/last rows of the Huawei Cloud 2025 tables (parser fixtures)", "CC BY 4.0", false),
            new Dataset("azure-llm-2023-code", "llm-traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv", "azure-llm",
                    "Azure LLM inference trace 2023, code: 8,819 requests in about an hour, very bursty", "CC BY 4.0", false),
            new Dataset("azure-llm-2023-conv", "llm-traces/azure-llm-2023/AzureLLMInferenceTrace_conv.csv", "azure-llm",
                    "Azure LLM inference trace 2023, conversation: 19,366 requests in about an hour", "CC BY 4.0", false),
            new Dataset("mooncake-conversation", "llm-traces/mooncake-fast25/conversation_trace.jsonl", "mooncake",
                    "Kimi conversation trace with prefix-block hashes: 12,031 requests, one hour", "Apache-2.0", false),
            new Dataset("mooncake-synthetic", "llm-traces/mooncake-fast25/synthetic_trace.jsonl", "mooncake",
                    "Mooncake synthetic Poisson trace: 3,993 requests", "Apache-2.0", false),
            new Dataset("apex-lmsys-0.5", "llm-traces/apex/llama/lmsys_05.csv", "apex", "LMSYS-chat lengths, Poisson 0.5 req/s, Llama-3 tokenizer", "MIT", false),
            new Dataset("apex-creation-0.5", "llm-traces/apex/llama/creation_05.csv", "apex", "short prompt, long output, Poisson 0.5 req/s, Llama-3 tokenizer", "MIT", false),
            new Dataset("apex-summarization-0.5", "llm-traces/apex/llama/summarization_05.csv", "apex", "arXiv summarization, Poisson 0.5 req/s, Llama-3 tokenizer", "MIT", false),
            new Dataset("azure-functions-2021-excerpt", "azure-functions/2021-excerpt/azure2021_200.csv", "azure-2021",
                    "Azure Functions 2021 per-invocation excerpt: 199 invocations", "CC BY 4.0", false));

    private DatasetCatalog() {}

    public static List<Dataset> bundled() { return BUNDLED; }

    public static Optional<Dataset> byName(String name) {
        return BUNDLED.stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The dataset's location under a repository root. */
    public static Path resolve(Path repoRoot, Dataset d) { return repoRoot.resolve("datasets").resolve(d.path()); }

    /** Finds the repository's datasets folder from a start directory upwards (the launcher runs from anywhere). */
    public static Optional<Path> findRepoRoot(Path start) {
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent())
            if (Files.isDirectory(p.resolve("datasets")) && Files.exists(p.resolve("pom.xml"))) return Optional.of(p);
        return Optional.empty();
    }
}
