package dev.thaw.simulate.llm.perf.db;

import dev.thaw.ingest.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kernel times measured on one GPU inside one engine: GEMMs by data type, prefill and decode attention, and the
 * all-reduce by GPUs; any part may be absent (the step-time model then uses the fitted roofline for it). Read from
 * AIConfigurator's Parquet layout ({@link AiConfiguratorLayout}) or Vidur's CSV layout ({@link VidurLayout});
 * {@link #load} tells them apart. Times are seconds per op call of one layer on one GPU.
 *
 * @param name      what the results say produced them, e.g. "aiconfigurator h100_sxm vllm-0.19.0"
 * @param gemm      by AIConfigurator dtype name ({@code bfloat16, fp8, fp8_block})
 * @param allReduce time by message bytes, per number of GPUs (one node)
 */
public record PerfDatabase(String name, Map<String, GemmTable> gemm, AttentionTable prefill, AttentionTable decode,
                           Map<Integer, LogCurve> allReduce) {
    /** Bundled databases by hardware-catalog GPU id: the AIConfigurator vLLM tables of datasets/engine-measurements. */
    private static final Map<String, String> BUNDLED = Map.of(
            "H100-SXM-80GB", "h100_sxm_vllm-0.19.0",
            "A100-SXM-80GB", "a100_sxm_vllm-0.14.0");
    private static final Map<String, PerfDatabase> CACHE = new ConcurrentHashMap<>();

    public PerfDatabase {
        gemm = Map.copyOf(gemm);
        allReduce = Map.copyOf(allReduce);
    }

    /** The jar folder of the tables measured on this GPU ({@code h100_sxm_vllm-0.19.0}), or null where none was measured. */
    static String bundledFolder(String gpuId) { return BUNDLED.get(gpuId); }

    /** The bundled database measured on this GPU, or null where none was measured. Loaded once per JVM. */
    public static PerfDatabase bundled(String gpuId) {
        String folder = BUNDLED.get(gpuId);
        return folder == null ? null : CACHE.computeIfAbsent(folder, PerfDatabase::fromResources);
    }

    /** Reads a folder in either layout: AIConfigurator ({@code gemm_perf.parquet}, ...) or Vidur ({@code mlp.csv}, {@code all_reduce.csv}). */
    public static PerfDatabase load(Path dir) {
        if (!Files.isDirectory(dir)) throw BadInputException.ofFile(dir, "perf database folder does not exist");
        if (AiConfiguratorLayout.FILES.stream().anyMatch(f -> Files.isRegularFile(dir.resolve(f))))
            return AiConfiguratorLayout.read(dir, "aiconfigurator " + dir.getFileName());
        if (Files.isRegularFile(dir.resolve("mlp.csv")) || Files.isRegularFile(dir.resolve("all_reduce.csv")))
            return VidurLayout.read(dir, "vidur " + dir.getFileName());
        throw BadInputException.ofFile(dir, "no perf database here: expected AIConfigurator tables (" + String.join(", ", AiConfiguratorLayout.FILES)
                + ") or Vidur profiles (mlp.csv, all_reduce.csv)");
    }

    private static PerfDatabase fromResources(String folder) {
        try {
            Path tmp = Files.createTempDirectory("thaw-perfdb-");
            tmp.toFile().deleteOnExit();
            for (String f : AiConfiguratorLayout.FILES) {
                try (InputStream in = PerfDatabase.class.getResourceAsStream("/dev/thaw/simulate/llm/perfdb/" + folder + "/" + f)) {
                    if (in == null) continue;
                    Path p = tmp.resolve(f);
                    Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
                    p.toFile().deleteOnExit();
                }
            }
            String[] parts = folder.split("_vllm-");
            PerfDatabase db = AiConfiguratorLayout.read(tmp, "aiconfigurator " + parts[0] + " vllm-" + parts[1]);
            for (String f : AiConfiguratorLayout.FILES) Files.deleteIfExists(tmp.resolve(f));
            Files.deleteIfExists(tmp);
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled perf database " + folder, e);
        }
    }

    /** The GEMM table of a weight format: exact dtype, else none (the roofline curves cover it). */
    public GemmTable gemm(String dtype) { return gemm.get(dtype); }

    @Override public String toString() { return name; }
}
