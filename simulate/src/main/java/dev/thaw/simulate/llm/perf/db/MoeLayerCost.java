package dev.thaw.simulate.llm.perf.db;

import dev.thaw.simulate.llm.ParallelPlan;
import dev.thaw.simulate.llm.Precision;
import dev.thaw.simulate.llm.hardware.Gpu;
import dev.thaw.simulate.llm.model.ModelSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Time of one fused-MoE layer (routed experts only) on the busiest GPU of a plan, by the tokens the layer sees (the
 * whole expert-parallel group's). Where the GPU's table measures the exact layer shape (hidden, expert intermediate,
 * top-k, experts, moe_tp, moe_ep, dtype) it interpolates the measurement; elsewhere it scales the ideal roofline
 * time of that GPU, {@code max(FLOPs / peak, touched expert bytes / bandwidth)}, by an efficiency curve fitted on a
 * measured table: the median of measured/ideal over every measured shape, in bins of tokens per touched expert (the
 * size of the expert GEMMs). The curve comes from the GPU's own table when there is one, else from the H100 table
 * (so an H200 or L40S gets the shape learned on H100 applied to its own peaks).
 *
 * <p>Plan mapping: ep &le; tp slices each expert over tp/ep GPUs (moe_tp = tp/ep, moe_ep = ep); ep &gt; tp holds
 * whole experts (moe_tp = 1, moe_ep = ep), as vLLM's {@code --enable-expert-parallel}.
 */
public final class MoeLayerCost {
    /** The GPU whose table supplies the efficiency curve of GPUs without their own. */
    public static final String REFERENCE_GPU = "H100-SXM-80GB";
    private static final Map<String, double[][]> CURVES = new ConcurrentHashMap<>();

    private final MoeKernelTable table; // null: fitted curve only
    private final MoeKernelTable.Shape shape;
    private final MoeKernelTable.Routing routing;
    private final double[] curveX, curveRatio; // log2(tokens per touched expert) -> measured / ideal
    private final double flopsPerTokenPerGpu, bytesPerExpertPerGpu, peak, bw;
    private final int experts, topk;
    private final String source;

    private MoeLayerCost(MoeKernelTable table, MoeKernelTable.Shape shape, MoeKernelTable.Routing routing, double[][] curve,
                         double flopsPerTokenPerGpu, double bytesPerExpertPerGpu, double peak, double bw, int experts, int topk, String source) {
        this.table = table;
        this.shape = shape;
        this.routing = routing;
        this.curveX = curve == null ? null : curve[0];
        this.curveRatio = curve == null ? null : curve[1];
        this.flopsPerTokenPerGpu = flopsPerTokenPerGpu;
        this.bytesPerExpertPerGpu = bytesPerExpertPerGpu;
        this.peak = peak;
        this.bw = bw;
        this.experts = experts;
        this.topk = topk;
        this.source = source;
    }

    /**
     * The cost for a model's MoE layers under a plan on a GPU, from the bundled tables; null when no table at all
     * is bundled (the caller keeps its analytic model).
     */
    public static MoeLayerCost bundled(ModelSpec m, Gpu gpu, ParallelPlan plan, Precision weights, MoeKernelTable.Routing routing) {
        if (!m.isMoe()) return null;
        return of(m, gpu, plan, weights, routing, MoeKernelTable.bundled(gpu.id()), MoeKernelTable.bundled(REFERENCE_GPU));
    }

    /**
     * @param own       the GPU's own table, or null
     * @param reference the table whose fitted efficiency curve serves when {@code own} is null; null with own null
     *                  gives null
     */
    public static MoeLayerCost of(ModelSpec m, Gpu gpu, ParallelPlan plan, Precision weights, MoeKernelTable.Routing routing,
                                  MoeKernelTable own, MoeKernelTable reference) {
        if (!m.isMoe()) return null;
        int moeTp = plan.ep() <= plan.tp() ? plan.tp() / plan.ep() : 1;
        MoeKernelTable.Shape shape = null;
        for (String dtype : dtypes(weights)) {
            MoeKernelTable.Shape s = new MoeKernelTable.Shape(dtype, m.hidden(), m.expertIntermediate(), m.topK(), m.numExperts(), moeTp, plan.ep());
            if (own != null && own.covers(s, routing)) { shape = s; break; }
        }
        double shards = plan.expertShards();
        double expertParams = m.expertParams();
        double flopsPerToken = 2.0 * m.topK() * expertParams / shards;
        double bytesPerExpert = expertParams * weights.bytes() / shards;
        double peakFlops = peakFor(gpu, weights), bwBytes = gpu.memBytesPerS();
        if (shape != null)
            return new MoeLayerCost(own, shape, routing, null, flopsPerToken, bytesPerExpert, peakFlops, bwBytes, m.numExperts(), m.topK(),
                    "measured: " + own.source() + " (" + shape.dtype() + ", moe_tp " + moeTp + ", moe_ep " + plan.ep() + ", " + routing.id + ")");
        MoeKernelTable fitOn = own != null ? own : reference;
        if (fitOn == null) return null;
        double[][] curve = CURVES.computeIfAbsent(fitOn.source() + "|" + routing.id, k -> fitCurve(fitOn, routing, gpuFor(fitOn, gpu, own)));
        return new MoeLayerCost(null, null, routing, curve, flopsPerToken, bytesPerExpert, peakFlops, bwBytes, m.numExperts(), m.topK(),
                "roofline x efficiency curve fitted on " + fitOn.source() + " (" + routing.id + ")");
    }

    /** The GPU whose peaks the fit divides by: the table's own GPU. */
    private static Gpu gpuFor(MoeKernelTable table, Gpu target, MoeKernelTable own) {
        if (own != null) return target;
        return dev.thaw.simulate.llm.hardware.HardwareCatalog.bundled().get(REFERENCE_GPU);
    }

    private static List<String> dtypes(Precision w) {
        return switch (w) {
            case BF16 -> List.of("bfloat16");
            case FP8 -> List.of("fp8", "fp8_block");
            case INT4 -> List.of("int4_wo");
            case INT8 -> List.of();
        };
    }

    private static double peakFor(Gpu g, Precision w) {
        return switch (w) {
            case FP8 -> g.hasFp8() ? g.fp8Tflops() * 1e12 : g.bf16FlopsPerS();
            case INT8 -> g.int8Tops() > 0 ? g.int8Tops() * 1e12 : g.bf16FlopsPerS();
            default -> g.bf16FlopsPerS();
        };
    }

    private static Precision precisionOf(String dtype) {
        return switch (dtype) {
            case "bfloat16" -> Precision.BF16;
            case "int4_wo" -> Precision.INT4;
            default -> Precision.FP8;
        };
    }

    /** Ideal (unit-efficiency) seconds of a layer shape on a GPU at {@code tokens} tokens under uniform routing. */
    static double ideal(int hidden, int inter, int topk, int experts, double shards, Precision w, Gpu g, double tokens) {
        double params = 3.0 * hidden * inter;
        double touched = experts * (1.0 - Math.pow(1.0 - (double) topk / experts, tokens));
        return Math.max(2.0 * tokens * topk * params / shards / peakFor(g, w), touched * params * w.bytes() / shards / g.memBytesPerS());
    }

    static double tokensPerTouchedExpert(int topk, int experts, double tokens) {
        double touched = experts * (1.0 - Math.pow(1.0 - (double) topk / experts, tokens));
        return tokens * topk / touched;
    }

    /** Median measured/ideal per bin of log2(tokens per touched expert) (bins of width 1), over BF16 and FP8 fused rows. */
    static double[][] fitCurve(MoeKernelTable t, MoeKernelTable.Routing routing, Gpu g) {
        int bins = 16;
        List<List<Double>> ratios = new ArrayList<>();
        for (int i = 0; i < bins; i++) ratios.add(new ArrayList<>());
        for (MoeKernelTable.Row r : t.rows()) {
            MoeKernelTable.Shape s = r.shape();
            if (r.routing() != routing || s.dtype().equals("int4_wo")) continue;
            double ideal = ideal(s.hidden(), s.inter(), s.topk(), s.experts(), (double) s.moeTp() * s.moeEp(), precisionOf(s.dtype()), g, r.tokens());
            double x = Math.log(tokensPerTouchedExpert(s.topk(), s.experts(), r.tokens())) / Math.log(2);
            int bin = (int) Math.max(0, Math.min(bins - 1, Math.round(x)));
            ratios.get(bin).add(r.seconds() / ideal);
        }
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            List<Double> l = ratios.get(i);
            if (l.isEmpty()) continue;
            double[] a = l.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double med = a.length % 2 == 1 ? a[a.length / 2] : 0.5 * (a[a.length / 2 - 1] + a[a.length / 2]);
            pts.add(new double[] {i, Math.max(1.0, med)});
        }
        if (pts.isEmpty()) throw new IllegalArgumentException("MoE table " + t.source() + " has no " + routing.id + " rows to fit");
        double[] x = new double[pts.size()], y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) { x[i] = pts.get(i)[0]; y[i] = pts.get(i)[1]; }
        return new double[][] {x, y};
    }

    /** Seconds of one MoE layer (routed experts) for {@code tokens} tokens entering it. */
    public double seconds(double tokens) {
        if (tokens <= 0) return 0;
        if (table != null) return table.seconds(shape, routing, tokens);
        double touched = experts * (1.0 - Math.pow(1.0 - (double) topk / experts, tokens));
        double ideal = Math.max(tokens * flopsPerTokenPerGpu / peak, touched * bytesPerExpertPerGpu / bw);
        double x = Math.log(tokens * topk / touched) / Math.log(2);
        return ideal * ratio(x);
    }

    private double ratio(double x) {
        int n = curveX.length;
        if (x <= curveX[0]) return curveRatio[0];
        if (x >= curveX[n - 1]) return curveRatio[n - 1];
        int i = Arrays.binarySearch(curveX, x);
        if (i >= 0) return curveRatio[i];
        int hi = -i - 1, lo = hi - 1;
        double f = (x - curveX[lo]) / (curveX[hi] - curveX[lo]);
        return curveRatio[lo] + f * (curveRatio[hi] - curveRatio[lo]);
    }

    /** True when the exact shape is measured on this GPU. */
    public boolean measured() { return table != null; }

    /** Where the numbers come from, for reports. */
    public String source() { return source; }
}
