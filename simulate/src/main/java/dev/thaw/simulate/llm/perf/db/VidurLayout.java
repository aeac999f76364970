package dev.thaw.simulate.llm.perf.db;

import dev.thaw.ingest.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Microsoft Vidur's profiles (data/profiling): {@code mlp.csv} (per-layer op times of one model by num_tokens and
 * num_tensor_parallel_workers, columns {@code time_stats.OP.median} in ms) read as GEMM points of the model's
 * shapes per GPU (QKV: n_embd -> (n_head + 2 n_kv_head) head_dim / tp; O: n_head head_dim / tp -> n_embd; up:
 * n_embd -> (2 if gated) n_expanded_embd / tp; down: n_expanded_embd / tp -> n_embd), and {@code all_reduce.csv}
 * (NCCL, rank 0, one node: devices_per_node = num_workers; {@code size} is fp16 elements, see PROVENANCE.txt).
 * Vidur has no attention tables in this layout.
 */
public final class VidurLayout {
    /** Vidur's op names of the four projection GEMMs of a layer. */
    public static final List<String> GEMM_OPS = List.of("attn_pre_proj", "attn_post_proj", "mlp_up_proj", "mlp_down_proj");

    private VidurLayout() {}

    static PerfDatabase read(Path dir, String name) {
        Map<String, GemmTable> gemm = new HashMap<>();
        Path mlp = dir.resolve("mlp.csv");
        if (Files.isRegularFile(mlp)) {
            GemmTable.Builder b = new GemmTable.Builder();
            for (LayerRow r : layers(mlp)) for (int o = 0; o < 4; o++) b.add(r.tokens, r.n[o], r.k[o], r.seconds[o]);
            if (!b.isEmpty()) gemm.put("bfloat16", b.build());
        }
        Map<Integer, LogCurve> ar = new HashMap<>();
        Path all = dir.resolve("all_reduce.csv");
        if (Files.isRegularFile(all)) {
            Columns c = csv(all);
            double[] rank = c.num("rank"), n = c.num("num_workers"), size = c.num("size"), dpn = c.num("devices_per_node"), t = c.num("time_stats.all_reduce.median");
            Map<Integer, TreeMap<Double, Double>> by = new HashMap<>();
            for (int i = 0; i < c.rows; i++) {
                if (rank[i] != 0 || dpn[i] != n[i] || !(size[i] > 0 && t[i] > 0)) continue;
                by.computeIfAbsent((int) n[i], x -> new TreeMap<>()).merge(size[i] * 2.0, t[i] * 1e-3, Math::min);
            }
            by.forEach((g, pts) -> ar.put(g, LogCurve.of(pts.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                    pts.values().stream().mapToDouble(Double::doubleValue).toArray())));
        }
        if (gemm.isEmpty() && ar.isEmpty()) throw BadInputException.ofFile(dir, "no GEMM rows in mlp.csv and no single-node rows in all_reduce.csv");
        return new PerfDatabase(name, gemm, null, null, ar);
    }

    /**
     * One row of mlp.csv: the four projection GEMMs (QKV, O, up, down) as (n outputs, k inputs, median seconds),
     * and the sum of the remaining per-layer ops (norms, rotary, activation, residual add).
     */
    public record LayerRow(int tokens, int tp, int hidden, double[] n, double[] k, double[] seconds, double elementwiseS) {}

    /** The rows of a Vidur mlp.csv. */
    public static List<LayerRow> layers(Path mlp) {
        Columns c = csv(mlp);
        double[] heads = c.num("n_head"), kv = c.num("n_kv_head"), h = c.num("n_embd"), ffn = c.num("n_expanded_embd"),
                tokens = c.num("num_tokens"), tp = c.num("num_tensor_parallel_workers");
        String[] gated = c.text("use_gated_mlp");
        double[][] t = new double[4][];
        for (int o = 0; o < 4; o++) t[o] = c.num("time_stats." + GEMM_OPS.get(o) + ".median");
        List<double[]> elem = new ArrayList<>();
        for (String op : List.of("input_layernorm", "attn_rope", "post_attention_layernorm", "mlp_act", "add"))
            if (c.has("time_stats." + op + ".median")) elem.add(c.num("time_stats." + op + ".median"));
        List<LayerRow> rows = new ArrayList<>();
        for (int i = 0; i < c.rows; i++) {
            double hd = h[i] / heads[i], w = tp[i];
            double up = (gated[i].equalsIgnoreCase("true") || gated[i].equals("1.0") ? 2 : 1) * ffn[i] / w;
            double[] n = {(heads[i] + 2 * kv[i]) * hd / w, h[i], up, h[i]};
            double[] k = {h[i], heads[i] * hd / w, h[i], ffn[i] / w};
            double[] s = new double[4];
            for (int o = 0; o < 4; o++) s[o] = t[o][i] * 1e-3;
            double e = 0;
            for (double[] col : elem) e += col[i] * 1e-3;
            rows.add(new LayerRow((int) tokens[i], (int) w, (int) h[i], n, k, s, e));
        }
        return rows;
    }

    /** A CSV with a header; numeric where every value parses, else text. Blank first header cell = row index. */
    static Columns csv(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String header = r.readLine();
            if (header == null) throw BadInputException.ofFile(file, "empty file");
            List<String> names = Arrays.asList(header.split(",", -1));
            List<String[]> lines = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                String[] cells = line.split(",", -1);
                if (cells.length != names.size())
                    throw new BadInputException(file.toString(), lines.size() + 2, null, line, names.size() + " columns like the header");
                lines.add(cells);
            }
            Object[] vals = new Object[names.size()];
            for (int col = 0; col < vals.length; col++) {
                double[] d = new double[lines.size()];
                boolean numeric = true;
                for (int i = 0; i < d.length && numeric; i++) {
                    String s = lines.get(i)[col].trim();
                    try { d[i] = s.isEmpty() ? Double.NaN : Double.parseDouble(s); } catch (NumberFormatException e) { numeric = false; }
                }
                if (numeric) vals[col] = d;
                else {
                    String[] s = new String[lines.size()];
                    for (int i = 0; i < s.length; i++) s[i] = lines.get(i)[col].trim();
                    vals[col] = s;
                }
            }
            return Columns.of(file.toString(), names, vals, lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
