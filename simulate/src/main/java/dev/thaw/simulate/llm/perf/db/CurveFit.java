package dev.thaw.simulate.llm.perf.db;

import dev.thaw.simulate.llm.hardware.Gpu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleBiFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Fits {@link EfficiencyCurves} on measured kernel tables: each op's constants minimise the mean squared log error
 * (so a 10% miss on a 10 us kernel weighs as much as one on a 10 ms kernel), every GPU weighted equally. Nelder-Mead
 * on the logs of the constants (they stay positive).
 */
public final class CurveFit {
    private CurveFit() {}

    /** One measured op call: its features (op-specific, see {@link Samples}), the GPU it ran on, and its time. */
    public record Sample(double[] x, Gpu gpu, double seconds) {}

    /** Measured op calls of one or more GPUs, by op. */
    public record Samples(List<Sample> gemm, List<Sample> decode, List<Sample> prefill, List<Sample> allReduce, List<Sample> elementwise) {
        public static Samples empty() { return new Samples(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()); }

        public Samples plus(Samples o) {
            Samples s = empty();
            for (Samples x : List.of(this, o)) {
                s.gemm.addAll(x.gemm); s.decode.addAll(x.decode); s.prefill.addAll(x.prefill); s.allReduce.addAll(x.allReduce); s.elementwise.addAll(x.elementwise);
            }
            return s;
        }
    }

    /**
     * The 16-bit rows of an AIConfigurator folder: GEMM {m, n, k}; decode {batch, context, KV bytes per token};
     * prefill {batch, isl, heads, head dim}; all-reduce {bytes, GPUs}.
     */
    public static Samples aiconfigurator(Path dir, Gpu gpu) {
        Samples s = Samples.empty();
        Columns g = Columns.parquet(dir.resolve("gemm_perf.parquet"), List.of("gemm_dtype", "m", "n", "k", "latency"));
        String[] dt = g.text("gemm_dtype");
        double[] m = g.num("m"), n = g.num("n"), k = g.num("k"), t = g.num("latency");
        for (int i = 0; i < g.rows; i++) if (dt[i].equals("bfloat16")) s.gemm.add(new Sample(new double[] {m[i], n[i], k[i]}, gpu, t[i] * 1e-3));
        for (String which : List.of("generation", "context")) {
            Path f = dir.resolve(which + "_attention_perf.parquet");
            boolean decode = which.equals("generation");
            Columns c = Columns.parquet(f, List.of("batch_size", decode ? "step" : "isl", "num_heads", "num_key_value_heads", "head_dim", "kv_cache_dtype", "latency"));
            double[] b = c.num("batch_size"), len = c.num(decode ? "step" : "isl"), h = c.num("num_heads"), kv = c.num("num_key_value_heads"), hd = c.num("head_dim"), lt = c.num("latency");
            String[] kd = c.text("kv_cache_dtype");
            for (int i = 0; i < c.rows; i++) {
                if (!kd[i].equals("bfloat16")) continue;
                if (decode) s.decode.add(new Sample(new double[] {b[i], len[i] + 1, 2 * kv[i] * hd[i] * 2}, gpu, lt[i] * 1e-3));
                else s.prefill.add(new Sample(new double[] {b[i], len[i], h[i], hd[i]}, gpu, lt[i] * 1e-3));
            }
        }
        Path a = dir.resolve("custom_allreduce_perf.parquet");
        if (Files.isRegularFile(a)) {
            Columns c = Columns.parquet(a, List.of("kernel_source", "num_gpus", "message_size", "latency"));
            String[] src = c.text("kernel_source");
            double[] ng = c.num("num_gpus"), size = c.num("message_size"), lt = c.num("latency");
            for (int i = 0; i < c.rows; i++) if (src[i].contains("graph")) s.allReduce.add(new Sample(new double[] {size[i] * 2, ng[i]}, gpu, lt[i] * 1e-3));
        }
        return s;
    }

    /** Vidur mlp.csv rows: the per-layer elementwise ops {tokens, bytes per token = (8 h + 3 ffn / tp) x 2}. */
    public static Samples vidur(Path mlp, Gpu gpu) {
        Samples s = Samples.empty();
        for (VidurLayout.LayerRow r : VidurLayout.layers(mlp)) {
            double ffnPerGpu = r.k()[3];
            if (r.elementwiseS() > 0) s.elementwise.add(new Sample(new double[] {r.tokens(), (8.0 * r.hidden() + 3 * ffnPerGpu) * 2}, gpu, r.elementwiseS()));
        }
        return s;
    }

    /** Constants fitted on these samples; ops without samples keep {@code start}'s. */
    public static EfficiencyCurves fit(Samples s, EfficiencyCurves start, String fittedOn) {
        double[] p = start.toArray();
        List<List<Sample>> byOp = List.of(s.gemm, s.decode, s.prefill, s.allReduce, s.elementwise);
        for (int op = 0; op < byOp.size(); op++) {
            int from = EfficiencyCurves.FIRST[op], to = EfficiencyCurves.FIRST[op + 1], o = op;
            double[] fitted = fitOne(byOp.get(op), java.util.Arrays.copyOfRange(p, from, to), (q, x) -> {
                double[] all = p.clone();
                System.arraycopy(q, 0, all, from, q.length);
                return predict(EfficiencyCurves.of(all, fittedOn), o, x);
            });
            System.arraycopy(fitted, 0, p, from, fitted.length);
        }
        return EfficiencyCurves.of(p, fittedOn);
    }

    /** Seconds the curves give for a sample of op 0 GEMM, 1 decode, 2 prefill, 3 all-reduce, 4 elementwise. */
    static double predict(EfficiencyCurves c, int op, Sample x) {
        double[] v = x.x();
        Gpu g = x.gpu();
        return switch (op) {
            case 0 -> c.gemmS(v[0], v[1], v[2], 2, g.bf16FlopsPerS(), g.memBytesPerS());
            case 1 -> c.decodeS(v[0], v[1], v[2], g.memBytesPerS());
            case 2 -> c.prefillS(v[0], v[1], 4 * v[2] * v[3], g.bf16FlopsPerS());
            case 3 -> c.allReduceS(v[0], (int) v[1], g.intraNode().bandwidthGBs() * 1e9);
            default -> c.elementwiseS(v[0], v[1], g.memBytesPerS());
        };
    }

    private static double[] fitOne(List<Sample> samples, double[] start, ToDoubleBiFunction<double[], Sample> model) {
        if (samples.isEmpty()) return start;
        java.util.Map<Gpu, Integer> perGpu = new java.util.HashMap<>();
        for (Sample s : samples) perGpu.merge(s.gpu(), 1, Integer::sum);
        double[] logStart = new double[start.length];
        for (int i = 0; i < start.length; i++) logStart[i] = Math.log(start[i]);
        double[] best = logStart;
        SimplexOptimizer opt = new SimplexOptimizer(1e-10, 1e-12);
        for (int restart = 0; restart < 3; restart++) { // Nelder-Mead restarts from its own optimum until it settles
            best = opt.optimize(new MaxEval(20000), GoalType.MINIMIZE, new InitialGuess(best), new NelderMeadSimplex(best.length, 0.5),
                    new ObjectiveFunction(lp -> {
                        double[] p = new double[lp.length];
                        for (int i = 0; i < p.length; i++) p[i] = Math.exp(lp[i]);
                        double sum = 0;
                        for (Sample s : samples) {
                            double r = Math.log(model.applyAsDouble(p, s) / s.seconds());
                            sum += r * r / perGpu.get(s.gpu());
                        }
                        return sum / perGpu.size();
                    })).getPoint();
        }
        double[] p = new double[best.length];
        for (int i = 0; i < p.length; i++) p[i] = Math.exp(best[i]);
        return p;
    }

    /** Errors |predicted / measured - 1| of {@code c} on samples, sorted ascending (for medians and percentiles). */
    public static double[] errors(EfficiencyCurves c, Samples s, int op) {
        List<Sample> list = switch (op) { case 0 -> s.gemm; case 1 -> s.decode; case 2 -> s.prefill; case 3 -> s.allReduce; default -> s.elementwise; };
        return list.stream().mapToDouble(x -> Math.abs(predict(c, op, x) / x.seconds() - 1)).sorted().toArray();
    }
}
