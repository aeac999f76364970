package dev.thaw.simulate.llm.perf.db;

import dev.thaw.ingest.BadInputException;
import dev.thaw.ingest.parquet.ParquetTableReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Measured fused-MoE layer times in AIConfigurator's layout ({@code moe_perf.parquet}: kernel_source, moe_dtype,
 * num_tokens, hidden_size, inter_size, topk, num_experts, moe_tp_size, moe_ep_size, distribution, latency in ms).
 * One curve per (dtype, hidden, inter, top-k, experts, moe_tp, moe_ep, routing), over the tokens entering the layer
 * (all tokens of the expert-parallel group); the latency is that of the busiest rank (AIConfigurator puts the
 * heaviest expert load on the measured rank), so routing skew and the lockstep pace are in the measurement.
 *
 * <p>Interpolation: log-log between measured token counts; 0 tokens cost 0; above the largest count the time grows
 * in proportion to tokens (the compute-bound regime). Non-monotone noise is removed with a running maximum (more
 * tokens never cost less), which keeps the serving simulator's per-request lower bounds valid.
 */
public final class MoeKernelTable {
    /** The three routing distributions AIConfigurator measures. */
    public enum Routing {
        BALANCED("balanced"), POWER_LAW_1_01("power_law_1.01"), POWER_LAW_1_2("power_law_1.2");

        public final String id;

        Routing(String id) { this.id = id; }

        public static Routing parse(String s) {
            String k = s.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
            for (Routing r : values()) if (r.id.equals(k) || r.name().equalsIgnoreCase(k)) return r;
            throw new IllegalArgumentException("unknown MoE routing '" + s + "': expected balanced, power_law_1.01 or power_law_1.2");
        }
    }

    /** One measured layer shape: AIConfigurator's moe_dtype ("bfloat16", "fp8", "fp8_block", "int4_wo") and sizes. */
    public record Shape(String dtype, int hidden, int inter, int topk, int experts, int moeTp, int moeEp) {
        String key(Routing r) { return dtype + "|" + hidden + "|" + inter + "|" + topk + "|" + experts + "|" + moeTp + "|" + moeEp + "|" + r.id; }
    }

    /** A measured row kept for fitting efficiency curves. */
    public record Row(Shape shape, Routing routing, int tokens, double seconds) {}

    private static final List<String> COLUMNS = List.of("kernel_source", "moe_dtype", "num_tokens", "hidden_size", "inter_size",
            "topk", "num_experts", "moe_tp_size", "moe_ep_size", "distribution", "latency");
    private static final Map<String, MoeKernelTable> BUNDLED = new ConcurrentHashMap<>();
    private static final MoeKernelTable NONE = new MoeKernelTable(Map.of(), List.of(), "none");

    /** key -> {tokens ascending, seconds (running max)}. */
    private final Map<String, double[][]> curves;
    private final List<Row> rows;
    private final String source;

    private MoeKernelTable(Map<String, double[][]> curves, List<Row> rows, String source) {
        this.curves = curves;
        this.rows = rows;
        this.source = source;
    }

    /** The table bundled for a GPU id of the hardware catalog (H100-SXM-80GB, A100-SXM-80GB), or null. */
    public static MoeKernelTable bundled(String gpuId) {
        MoeKernelTable t = BUNDLED.computeIfAbsent(gpuId, MoeKernelTable::loadBundled);
        return t == NONE ? null : t;
    }

    private static MoeKernelTable loadBundled(String gpuId) {
        // The same jar folder as the GPU's other kernel tables (copied there from datasets/ by the build).
        String folder = PerfDatabase.bundledFolder(gpuId);
        if (folder == null) return NONE;
        String res = "/dev/thaw/simulate/llm/perfdb/" + folder + "/moe_perf.parquet";
        try (InputStream in = MoeKernelTable.class.getResourceAsStream(res)) {
            if (in == null) return NONE;
            // Parquet needs random access: copy the resource out of the jar once.
            Path tmp = Files.createTempFile("thaw-moe-perf-", ".parquet");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                return read(tmp, "bundled AIConfigurator moe_perf for " + gpuId);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled MoE table " + res, e);
        }
    }

    /** Reads a moe_perf.parquet (AIConfigurator layout); rows of the Marlin INT4 kernel are kept under dtype int4_wo. */
    public static MoeKernelTable read(Path parquet, String source) {
        Map<String, TreeMap<Integer, Double>> raw = new HashMap<>();
        Map<String, Shape> shapes = new HashMap<>();
        Map<String, Routing> routings = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        try (ParquetTableReader r = new ParquetTableReader(parquet, COLUMNS, 65536);
             RootAllocator alloc = new RootAllocator();
             VectorSchemaRoot root = r.newRoot(alloc)) {
            long line = 0;
            while (r.next(root)) {
                VarCharVector dtype = (VarCharVector) root.getVector(1), dist = (VarCharVector) root.getVector(9);
                BigIntVector[] ints = new BigIntVector[7];
                for (int c = 0; c < 7; c++) ints[c] = (BigIntVector) root.getVector(2 + c);
                Float8Vector lat = (Float8Vector) root.getVector(10);
                for (int i = 0; i < root.getRowCount(); i++, line++) {
                    if (dtype.isNull(i) || dist.isNull(i) || lat.isNull(i)) continue;
                    Routing routing;
                    try { routing = Routing.parse(new String(dist.get(i))); } catch (IllegalArgumentException e) { continue; }
                    int tokens = (int) ints[0].get(i);
                    double ms = lat.get(i);
                    if (tokens < 1 || !(ms > 0)) throw BadInputException.ofFile(parquet.toString(),
                            "row " + line + ": num_tokens must be >= 1 and latency > 0, got " + tokens + " and " + ms, null);
                    Shape s = new Shape(new String(dtype.get(i)), (int) ints[1].get(i), (int) ints[2].get(i), (int) ints[3].get(i),
                            (int) ints[4].get(i), (int) ints[5].get(i), (int) ints[6].get(i));
                    String key = s.key(routing);
                    raw.computeIfAbsent(key, k -> new TreeMap<>()).merge(tokens, ms * 1e-3, Math::min);
                    shapes.putIfAbsent(key, s);
                    routings.putIfAbsent(key, routing);
                }
            }
        }
        Map<String, double[][]> curves = new HashMap<>();
        for (Map.Entry<String, TreeMap<Integer, Double>> e : raw.entrySet()) {
            double[] tok = new double[e.getValue().size()], sec = new double[tok.length];
            int i = 0;
            double max = 0;
            for (Map.Entry<Integer, Double> p : e.getValue().entrySet()) {
                tok[i] = p.getKey();
                max = Math.max(max, p.getValue());
                sec[i++] = max;
                rows.add(new Row(shapes.get(e.getKey()), routings.get(e.getKey()), p.getKey(), max));
            }
            curves.put(e.getKey(), new double[][] {tok, sec});
        }
        rows.sort((a, b) -> a.shape.key(a.routing).compareTo(b.shape.key(b.routing)) != 0
                ? a.shape.key(a.routing).compareTo(b.shape.key(b.routing)) : Integer.compare(a.tokens, b.tokens));
        return new MoeKernelTable(curves, List.copyOf(rows), source);
    }

    public String source() { return source; }

    /** The same table without the shapes {@code drop} accepts (to hold shapes out of a fit). */
    public MoeKernelTable without(java.util.function.Predicate<Shape> drop, String newSource) {
        Map<String, double[][]> c = new HashMap<>();
        for (Routing r : Routing.values())
            for (Row row : rows) if (row.routing == r && !drop.test(row.shape)) c.putIfAbsent(row.shape.key(r), curves.get(row.shape.key(r)));
        return new MoeKernelTable(c, rows.stream().filter(row -> !drop.test(row.shape)).toList(), newSource);
    }

    /** Every measured point (after the running maximum), sorted by shape then tokens. */
    public List<Row> rows() { return rows; }

    public boolean covers(Shape s, Routing r) { return curves.containsKey(s.key(r)); }

    /** Seconds of one fused-MoE layer on the busiest rank for {@code tokens} tokens, or NaN if the shape is not measured. */
    public double seconds(Shape s, Routing r, double tokens) {
        double[][] c = curves.get(s.key(r));
        if (c == null) return Double.NaN;
        return interpolate(c[0], c[1], tokens);
    }

    static double interpolate(double[] x, double[] y, double t) {
        if (t <= 0) return 0;
        int n = x.length;
        if (t <= x[0]) return y[0] * t / x[0]; // below one token: never happens for whole tokens
        if (t >= x[n - 1]) return y[n - 1] * t / x[n - 1];
        int i = Arrays.binarySearch(x, t);
        if (i >= 0) return y[i];
        int hi = -i - 1, lo = hi - 1;
        double f = Math.log(t / x[lo]) / Math.log(x[hi] / x[lo]);
        return y[lo] * Math.pow(y[hi] / y[lo], f);
    }
}
