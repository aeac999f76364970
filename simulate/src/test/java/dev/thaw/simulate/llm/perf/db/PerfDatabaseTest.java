package dev.thaw.simulate.llm.perf.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.ingest.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The database readers return the published measurements exactly at their grid points and interpolate sanely between them. */
class PerfDatabaseTest {
    static final Path AIC = Path.of(System.getProperty("thaw.repo", "../"), "datasets/engine-measurements/aiconfigurator-vllm-ops");
    static final Path H100 = AIC.resolve("h100_sxm_vllm-0.19.0"), A100 = AIC.resolve("a100_sxm_vllm-0.14.0");
    static PerfDatabase h100;

    @BeforeAll static void load() { h100 = PerfDatabase.bundled("H100-SXM-80GB"); }

    @Test void bundledDatabasesCoverH100AndA100Only() {
        assertEquals("aiconfigurator h100_sxm vllm-0.19.0", h100.name());
        assertSame(h100, PerfDatabase.bundled("H100-SXM-80GB"));
        assertEquals("aiconfigurator a100_sxm vllm-0.14.0", PerfDatabase.bundled("A100-SXM-80GB").name());
        assertNull(PerfDatabase.bundled("H200-SXM-141GB"));
        assertEquals(List.of(2, 4, 8), h100.allReduce().keySet().stream().sorted().toList());
        assertEquals(List.of("bfloat16", "fp8", "fp8_block"), h100.gemm().keySet().stream().sorted().toList());
    }

    @Test void everyMeasuredGemmIsReturnedExactly() {
        Columns c = Columns.parquet(H100.resolve("gemm_perf.parquet"), List.of("gemm_dtype", "m", "n", "k", "latency"));
        String[] dt = c.text("gemm_dtype");
        double[] m = c.num("m"), n = c.num("n"), k = c.num("k"), t = c.num("latency");
        int checked = 0;
        for (int i = 0; i < c.rows; i++) {
            double got = h100.gemm(dt[i]).curve(n[i], k[i]).at(m[i]);
            assertEquals(t[i] * 1e-3, got, t[i] * 1e-12, dt[i] + " m=" + m[i] + " n=" + n[i] + " k=" + k[i]);
            checked++;
        }
        assertEquals(101003, checked);
    }

    @Test void everyMeasuredDecodeAttentionIsReturnedExactly() {
        Columns c = Columns.parquet(H100.resolve("generation_attention_perf.parquet"),
                List.of("batch_size", "step", "num_heads", "num_key_value_heads", "head_dim", "kv_cache_dtype", "window_size", "latency"));
        double[] b = c.num("batch_size"), step = c.num("step"), h = c.num("num_heads"), kv = c.num("num_key_value_heads"),
                hd = c.num("head_dim"), w = c.num("window_size"), t = c.num("latency");
        String[] dt = c.text("kv_cache_dtype");
        int checked = 0;
        for (int i = 0; i < c.rows; i++) {
            if (w[i] > 0) continue;
            double got = h100.decode().slice(h[i], kv[i], (int) hd[i], dt[i]).at(b[i], step[i] + 1);
            assertEquals(t[i] * 1e-3, got, t[i] * 1e-12);
            checked++;
        }
        assertTrue(checked > 20000, "checked " + checked);
    }

    @Test void decodeAttentionFloorIsAboutTenMicroseconds() {
        // Llama-3.1-8B at TP1: 32 query heads, 8 KV heads; one sequence of 128 tokens.
        double t = h100.decode().slice(32, 8, 128, "bfloat16").at(1, 128);
        assertTrue(t > 8e-6 && t < 12e-6, "decode attention at batch 1: " + t);
    }

    /** Between two measured neighbours the read lies between their values: monotone wherever the data is. */
    @Test void interpolationStaysBetweenMeasuredNeighbours() {
        LogCurve c = h100.gemm("bfloat16").curve(4096, 4096);
        double[] ms = c.xs();
        for (int i = 0; i + 1 < ms.length; i++) {
            double lo = Math.min(c.at(ms[i]), c.at(ms[i + 1])), hi = Math.max(c.at(ms[i]), c.at(ms[i + 1]));
            for (double f = 0.1; f < 1; f += 0.2) {
                double v = c.at(ms[i] + f * (ms[i + 1] - ms[i]));
                assertTrue(v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12), "m " + ms[i] + ".." + ms[i + 1]);
            }
        }
        // Between weight shapes: n = 5000 lies between the measured n = 4096 and n = 5120 at every measured m.
        GemmTable g = h100.gemm("bfloat16");
        for (double m : ms) {
            double a = g.curve(4096, 8192).at(m), b = g.curve(5120, 8192).at(m), v = g.curve(5000, 8192).at(m);
            assertTrue(v >= Math.min(a, b) * (1 - 1e-12) && v <= Math.max(a, b) * (1 + 1e-12), "m " + m);
        }
        // Decode attention between measured contexts and batches.
        AttentionTable.Surface s = h100.decode().slice(64, 8, 128, "bfloat16");
        for (double b : new double[] {3, 24, 100}) for (double ctx : new double[] {100, 3000, 50000}) {
            double lo = s.at(Math.pow(2, Math.floor(Math.log(b) / Math.log(2))), ctx), hi = s.at(Math.pow(2, Math.ceil(Math.log(b) / Math.log(2))), ctx);
            double v = s.at(b, ctx);
            assertTrue(v >= Math.min(lo, hi) * (1 - 1e-12) && v <= Math.max(lo, hi) * (1 + 1e-12), "b " + b + " ctx " + ctx);
        }
    }

    @Test void extrapolationNeverDecreases() {
        LogCurve c = h100.gemm("bfloat16").curve(8192, 8192);
        assertTrue(c.at(65536) >= c.at(32768));
        AttentionTable.Surface s = h100.decode().slice(8, 1, 128, "bfloat16");
        assertTrue(s.at(4096, 200000) >= s.at(2048, 131072));
    }

    /** Held out: every other measured m of each weight shape, predicted from the rest. */
    @Test void heldOutGemmPointsArePredictedWithinAFewPercent() {
        Columns c = Columns.parquet(H100.resolve("gemm_perf.parquet"), List.of("gemm_dtype", "m", "n", "k", "latency"));
        String[] dt = c.text("gemm_dtype");
        double[] m = c.num("m"), n = c.num("n"), k = c.num("k"), t = c.num("latency");
        double[] grid = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768};
        GemmTable.Builder fit = new GemmTable.Builder();
        List<double[]> held = new ArrayList<>();
        for (int i = 0; i < c.rows; i++) {
            if (!dt[i].equals("bfloat16")) continue;
            if (Arrays.binarySearch(grid, m[i]) >= 0) fit.add(m[i], n[i], k[i], t[i] * 1e-3);
            else held.add(new double[] {m[i], n[i], k[i], t[i] * 1e-3});
        }
        GemmTable g = fit.build();
        double[] err = held.stream().mapToDouble(r -> Math.abs(g.curve(r[1], r[2]).at(r[0]) / r[3] - 1)).sorted().toArray();
        double median = err[err.length / 2], p90 = err[(int) (err.length * 0.9)];
        System.out.printf(Locale.ROOT, "held-out GEMM m points (H100 bf16, %d): median |error| %.1f%%, p90 %.1f%%%n", err.length, 100 * median, 100 * p90);
        assertTrue(median < 0.05 && p90 < 0.25, "median " + median + " p90 " + p90);
    }

    /** Held out: every other measured context of decode attention (steps 3, 15, 63, ...), predicted from the rest. */
    @Test void heldOutDecodeContextsArePredictedWithinTenPercent() {
        Columns c = Columns.parquet(H100.resolve("generation_attention_perf.parquet"),
                List.of("batch_size", "step", "num_heads", "num_key_value_heads", "head_dim", "kv_cache_dtype", "window_size", "latency"));
        double[] b = c.num("batch_size"), step = c.num("step"), h = c.num("num_heads"), kv = c.num("num_key_value_heads"),
                hd = c.num("head_dim"), w = c.num("window_size"), t = c.num("latency");
        String[] dt = c.text("kv_cache_dtype");
        AttentionTable.Builder fit = new AttentionTable.Builder();
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < c.rows; i++) {
            if (w[i] > 0) continue;
            int k = Integer.numberOfTrailingZeros(Integer.highestOneBit((int) step[i] + 1)); // step = 2^k - 1
            if (k % 2 == 0 || step[i] == 131071) fit.add(b[i], step[i] + 1, (int) h[i], (int) kv[i], (int) hd[i], dt[i], t[i] * 1e-3);
            else held.add(i);
        }
        AttentionTable table = fit.build();
        double[] err = held.stream().mapToDouble(i -> Math.abs(table.slice(h[i], kv[i], (int) hd[i], dt[i]).at(b[i], step[i] + 1) / (t[i] * 1e-3) - 1)).sorted().toArray();
        double median = err[err.length / 2], p90 = err[(int) (err.length * 0.9)];
        System.out.printf(Locale.ROOT, "held-out decode contexts (H100, %d): median |error| %.1f%%, p90 %.1f%%%n", err.length, 100 * median, 100 * p90);
        assertTrue(median < 0.10 && p90 < 0.30, "median " + median + " p90 " + p90);
    }

    @Test void aFolderInNeitherLayoutIsABadInput() {
        assertThrows(BadInputException.class, () -> PerfDatabase.load(AIC));
        PerfDatabase a100 = PerfDatabase.load(A100);
        assertNotNull(a100.decode());
        assertEquals(List.of("bfloat16"), List.copyOf(a100.gemm().keySet()));
    }
}
