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
    private static final Map<String, double[]> FITS = new ConcurrentHashMap<>();

    private final MoeKernelTable table; // measured curve (own GPU's, or the reference GPU's), or null
    private final MoeKernelTable.Shape shape;
    private final MoeKernelTable.Routing routing;
    private final double[] fit; // fitted kernel model (see fitCurve), or null
    private final double skew; // busiest-rank factor of this plan's ep under the fit
    private final double refPeak, refBw; // peaks of the GPU a borrowed measurement was taken on (0: own GPU)
    private final double flopsPerTokenPerGpu, bytesPerExpertPerGpu, peak, bw;
    private final int experts, topk;
    private final String source;

    private MoeLayerCost(MoeKernelTable table, MoeKernelTable.Shape shape, MoeKernelTable.Routing routing, double[] fit, int ep,
                         double refPeak, double refBw, double flopsPerTokenPerGpu, double bytesPerExpertPerGpu, double peak, double bw,
                         int experts, int topk, String source) {
        this.table = table;
        this.shape = shape;
        this.routing = routing;
        this.fit = fit;
        this.skew = fit == null ? 1 : skewOf(fit, ep);
        this.refPeak = refPeak;
        this.refBw = refBw;
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
     * In order: the GPU's own measurement of the exact shape; the reference GPU's measurement of it, scaled by the
     * ratio of the two GPUs' ideal roofline times at the same tokens (an H200 gets the H100 kernel times with its own
     * bandwidth and peak); the kernel model fitted on the own table, else on the reference table.
     *
     * @param own       the GPU's own table, or null
     * @param reference the table of {@link #REFERENCE_GPU}, or null (both null gives null)
     */
    public static MoeLayerCost of(ModelSpec m, Gpu gpu, ParallelPlan plan, Precision weights, MoeKernelTable.Routing routing,
                                  MoeKernelTable own, MoeKernelTable reference) {
        if (!m.isMoe()) return null;
        int moeTp = plan.ep() <= plan.tp() ? plan.tp() / plan.ep() : 1;
        double shards = plan.expertShards();
        double expertParams = m.expertParams();
        double flopsPerToken = 2.0 * m.topK() * expertParams / shards;
        double bytesPerExpert = expertParams * weights.bytes() / shards;
        double peakFlops = peakFor(gpu, weights), bwBytes = gpu.memBytesPerS();
        String plane = ", moe_tp " + moeTp + ", moe_ep " + plan.ep() + ", " + routing.id + ")";
        for (MoeKernelTable t : own != null ? List.of(own) : reference != null ? List.of(reference) : List.<MoeKernelTable>of())
            for (String dtype : dtypes(weights)) {
                MoeKernelTable.Shape s = new MoeKernelTable.Shape(dtype, m.hidden(), m.expertIntermediate(), m.topK(), m.numExperts(), moeTp, plan.ep());
                if (!t.covers(s, routing)) continue;
                Gpu ref = t == own ? null : referenceGpu();
                return new MoeLayerCost(t, s, routing, null, plan.ep(), ref == null ? 0 : peakFor(ref, weights), ref == null ? 0 : ref.memBytesPerS(),
                        flopsPerToken, bytesPerExpert, peakFlops, bwBytes, m.numExperts(), m.topK(),
                        (ref == null ? "measured: " : "measured on " + REFERENCE_GPU + ", scaled by roofline to " + gpu.id() + ": ")
                                + t.source() + " (" + s.dtype() + plane);
            }
        MoeKernelTable fitOn = own != null ? own : reference;
        if (fitOn == null) return null;
        Gpu fitGpu = fitOn == own ? gpu : referenceGpu();
        double[] fit = FITS.computeIfAbsent(fitOn.source() + "|" + fitGpu.id() + "|" + routing.id, k -> fitCurve(fitOn, routing, fitGpu));
        return new MoeLayerCost(null, null, routing, fit, plan.ep(), 0, 0, flopsPerToken, bytesPerExpert, peakFlops, bwBytes, m.numExperts(), m.topK(),
                "kernel model fitted on " + fitOn.source() + " (" + weights.id() + plane);
    }

    private static Gpu referenceGpu() { return dev.thaw.simulate.llm.hardware.HardwareCatalog.bundled().get(REFERENCE_GPU); }

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

    /**
     * The fitted kernel model of one table and routing: {@code floor + skew(ep) x max(FLOPs / (peak x eC x n / (n +
     * nHalf)), bytes / (bandwidth x eM))}, n = tokens per touched expert. floor, eC, nHalf and eM are fitted by
     * coordinate descent on the squared log error of the single-rank (moe_ep = 1) rows; skew(ep) is then the median
     * of (measured - floor) / core over the rows of each measured ep (the busiest rank's excess load), interpolated
     * in log2(ep). Returns {floor, eC, nHalf, eM, then pairs (ep, skew)}.
     */
    static double[] fitCurve(MoeKernelTable t, MoeKernelTable.Routing routing, Gpu g) {
        List<double[]> single = new ArrayList<>(), multi = new ArrayList<>(); // {F/peak, B/bw, n, ep, seconds}
        for (MoeKernelTable.Row r : t.rows()) {
            MoeKernelTable.Shape s = r.shape();
            if (r.routing() != routing || s.dtype().equals("int4_wo") || s.moeTp() > 8) continue; // serving uses tp <= 8
            Precision w = precisionOf(s.dtype());
            double shards = (double) s.moeTp() * s.moeEp(), params = 3.0 * s.hidden() * s.inter();
            double touched = s.experts() * (1.0 - Math.pow(1.0 - (double) s.topk() / s.experts(), r.tokens()));
            double[] row = {2.0 * r.tokens() * s.topk() * params / shards / peakFor(g, w), touched * params * w.bytes() / shards / g.memBytesPerS(),
                    r.tokens() * (double) s.topk() / touched, s.moeEp(), r.seconds()};
            (s.moeEp() == 1 ? single : multi).add(row);
        }
        if (single.isEmpty()) throw new IllegalArgumentException("MoE table " + t.source() + " has no single-rank " + routing.id + " rows to fit");
        double[] p = {20e-6, 0.7, 16, 0.85};
        double[] step = {2, 1.25, 2, 1.25};
        double best = logError(single, p);
        for (int it = 0; it < 60; it++) {
            boolean improved = false;
            for (int k = 0; k < p.length; k++)
                for (double f : new double[] {step[k], 1 / step[k]}) {
                    double[] q = p.clone();
                    q[k] *= f;
                    if (q[1] > 1 || q[3] > 1) continue; // efficiencies are fractions of peak
                    double e = logError(single, q);
                    if (e < best) { best = e; p = q; improved = true; }
                }
            if (!improved) for (int k = 0; k < step.length; k++) step[k] = Math.sqrt(step[k]);
        }
        java.util.TreeMap<Integer, List<Double>> byEp = new java.util.TreeMap<>();
        for (double[] r : multi) byEp.computeIfAbsent((int) r[3], k -> new ArrayList<>()).add((r[4] - p[0]) / core(r, p));
        double[] out = new double[4 + 2 * (byEp.size() + 1)];
        System.arraycopy(p, 0, out, 0, 4);
        out[4] = 1;
        out[5] = 1;
        int i = 6;
        for (var e : byEp.entrySet()) {
            double[] a = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            out[i++] = e.getKey();
            out[i++] = Math.max(1.0, a[a.length / 2]);
        }
        return out;
    }

    private static double core(double[] r, double[] p) {
        return Math.max(r[0] / (p[1] * r[2] / (r[2] + p[2])), r[1] / p[3]);
    }

    private static double logError(List<double[]> rows, double[] p) {
        double e = 0;
        for (double[] r : rows) {
            double d = Math.log((p[0] + core(r, p)) / r[4]);
            e += d * d;
        }
        return e;
    }

    private static double log2(double v) { return Math.log(v) / Math.log(2); }

    /** Seconds of one MoE layer (routed experts) for {@code tokens} tokens entering it. */
    public double seconds(double tokens) {
        if (tokens <= 0) return 0;
        double touched = experts * (1.0 - Math.pow(1.0 - (double) topk / experts, tokens));
        if (table != null) {
            double measured = table.seconds(shape, routing, tokens);
            if (refPeak == 0) return measured;
            double ideal = Math.max(tokens * flopsPerTokenPerGpu / peak, touched * bytesPerExpertPerGpu / bw);
            double refIdeal = Math.max(tokens * flopsPerTokenPerGpu / refPeak, touched * bytesPerExpertPerGpu / refBw);
            return measured * ideal / refIdeal;
        }
        double n = tokens * topk / touched;
        double core = Math.max(tokens * flopsPerTokenPerGpu / peak / (fit[1] * n / (n + fit[2])), touched * bytesPerExpertPerGpu / bw / fit[3]);
        return fit[0] + skew * core;
    }

    /** skew(ep) of a fit: linear in log2(ep) between measured degrees, clamped at the ends. */
    private static double skewOf(double[] fit, int ep) {
        double x = log2(ep);
        double px = 0, py = 1;
        for (int i = 4; i < fit.length; i += 2) {
            double xi = log2(fit[i]), yi = fit[i + 1];
            if (x <= xi) return xi == px ? yi : py + (x - px) / (xi - px) * (yi - py);
            px = xi;
            py = yi;
        }
        return py;
    }

    /** True when the exact shape is measured on this GPU. */
    public boolean measured() { return table != null; }

    /** Where the numbers come from, for reports. */
    public String source() { return source; }
}
