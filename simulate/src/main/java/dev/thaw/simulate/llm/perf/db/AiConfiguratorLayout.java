package dev.thaw.simulate.llm.perf.db;

import dev.thaw.ingest.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * NVIDIA AIConfigurator's per-op tables as it publishes them (systems/data/GPU/{gemm,attention,comm}/vllm/VERSION):
 * {@code gemm_perf.parquet} (gemm_dtype, m, n, k, latency), {@code context_attention_perf.parquet} and
 * {@code generation_attention_perf.parquet} (batch_size, isl or step, num_heads, num_key_value_heads, head_dim,
 * kv_cache_dtype, window_size, latency), {@code custom_allreduce_perf.parquet} (kernel_source, num_gpus,
 * message_size in bf16 elements, latency). Latency is milliseconds per op call. Decode {@code step} counts the
 * tokens already cached, so a sequence's attention reads step + 1 tokens. All-reduce: the CUDA-graph kernel rows
 * (vLLM captures decode in graphs), eager rows only where no graph rows exist.
 */
final class AiConfiguratorLayout {
    static final List<String> FILES = List.of("gemm_perf.parquet", "context_attention_perf.parquet", "generation_attention_perf.parquet",
            "custom_allreduce_perf.parquet", "moe_perf.parquet");

    private AiConfiguratorLayout() {}

    static PerfDatabase read(Path dir, String name) {
        Map<String, GemmTable> gemm = new HashMap<>();
        Path g = dir.resolve("gemm_perf.parquet");
        if (Files.isRegularFile(g)) {
            Columns c = Columns.parquet(g, List.of("gemm_dtype", "m", "n", "k", "latency"));
            Map<String, GemmTable.Builder> by = new HashMap<>();
            String[] dt = c.text("gemm_dtype");
            double[] m = c.num("m"), n = c.num("n"), k = c.num("k"), t = c.num("latency");
            for (int i = 0; i < c.rows; i++) by.computeIfAbsent(dt[i], x -> new GemmTable.Builder()).add(m[i], n[i], k[i], t[i] * 1e-3);
            by.forEach((d, b) -> gemm.put(d, b.build()));
        }
        AttentionTable prefill = attention(dir.resolve("context_attention_perf.parquet"), "isl", 0);
        AttentionTable decode = attention(dir.resolve("generation_attention_perf.parquet"), "step", 1);
        Map<Integer, LogCurve> ar = new HashMap<>();
        Path a = dir.resolve("custom_allreduce_perf.parquet");
        if (Files.isRegularFile(a)) {
            Columns c = Columns.parquet(a, List.of("kernel_source", "num_gpus", "message_size", "latency"));
            String[] src = c.text("kernel_source");
            boolean anyGraph = false;
            for (String s : src) anyGraph |= s.contains("graph");
            Map<Integer, java.util.TreeMap<Double, Double>> by = new HashMap<>();
            double[] n = c.num("num_gpus"), size = c.num("message_size"), t = c.num("latency");
            for (int i = 0; i < c.rows; i++) {
                if (anyGraph && !src[i].contains("graph")) continue;
                if (!(size[i] > 0 && t[i] > 0 && n[i] >= 2)) continue;
                by.computeIfAbsent((int) n[i], x -> new java.util.TreeMap<>()).merge(size[i] * 2.0, t[i] * 1e-3, Math::min);
            }
            by.forEach((gpus, pts) -> ar.put(gpus, LogCurve.of(pts.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                    pts.values().stream().mapToDouble(Double::doubleValue).toArray())));
        }
        if (gemm.isEmpty() && prefill == null && decode == null && ar.isEmpty())
            throw BadInputException.ofFile(dir, "no GEMM, attention or all-reduce rows in the AIConfigurator tables");
        return new PerfDatabase(name, gemm, prefill, decode, ar);
    }

    /** @param lengthOffset added to the length column (decode: step + 1 = tokens read) */
    private static AttentionTable attention(Path file, String lengthColumn, int lengthOffset) {
        if (!Files.isRegularFile(file)) return null;
        List<String> cols = new ArrayList<>(List.of("batch_size", lengthColumn, "num_heads", "num_key_value_heads", "latency"));
        Columns c;
        try {
            List<String> all = new ArrayList<>(cols);
            all.addAll(List.of("head_dim", "kv_cache_dtype", "window_size"));
            c = Columns.parquet(file, all);
        } catch (BadInputException e) { // older tables (e.g. A100 0.14.0) lack window_size
            List<String> all = new ArrayList<>(cols);
            all.addAll(List.of("head_dim", "kv_cache_dtype"));
            c = Columns.parquet(file, all);
        }
        double[] b = c.num("batch_size"), len = c.num(lengthColumn), h = c.num("num_heads"), kv = c.num("num_key_value_heads"),
                hd = c.num("head_dim"), t = c.num("latency");
        double[] win = c.has("window_size") ? c.num("window_size") : new double[c.rows];
        String[] dt = c.text("kv_cache_dtype");
        AttentionTable.Builder builder = new AttentionTable.Builder();
        for (int i = 0; i < c.rows; i++) {
            if (win[i] > 0) continue; // sliding-window rows: not full attention
            builder.add(b[i], len[i] + lengthOffset, (int) h[i], (int) kv[i], (int) hd[i], dt[i], t[i] * 1e-3);
        }
        return builder.isEmpty() ? null : builder.build();
    }
}
