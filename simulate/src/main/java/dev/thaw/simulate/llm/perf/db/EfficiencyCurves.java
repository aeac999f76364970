package dev.thaw.simulate.llm.perf.db;

/**
 * Kernel times of a GPU without a measured database: the roofline with efficiencies that depend on the op's size
 * and a time floor, in fractions of the catalog's peak FLOP/s and HBM bandwidth, fitted on the measured databases
 * of other GPUs by {@link CurveFit} (constants, sources and residuals: simulate/README.md). Per op call, one GPU:
 * <ul>
 *   <li>GEMM, m tokens x (k -&gt; n): {@code gemmFloorS + max(2 m n k / (peak gemmComputeEff m / (m + gemmHalfM)),
 *   (n k w + 2 m (n + k)) / (bw gemmMemEff))}, w bytes per weight: weight streaming at small m, tensor-core bound
 *   at large m.</li>
 *   <li>Decode attention, b sequences reading c tokens each: {@code decodeFloorS + decodePerSeqS b + b c kvBytes /
 *   (bw decodeMemEff)}, kvBytes per token per layer per GPU.</li>
 *   <li>Prefill attention, b prompts of s tokens: {@code prefillFloorS + b s (s + 1) / 2 x 4 heads headDim / (peak
 *   prefillComputeEff s / (s + prefillHalfS))}.</li>
 *   <li>All-reduce over n GPUs of B bytes (NVLink-class links): {@code allReduceFloorS + allReducePerLog2S log2 n
 *   + 2 (n - 1) / n B / (link bw allReduceLinkEff)}.</li>
 *   <li>Per-layer elementwise ops (norms, rotary, activation, residual) of t tokens moving E bytes per token:
 *   {@code elementwiseFloorS + t E / (bw elementwiseMemEff)}.</li>
 * </ul>
 */
public record EfficiencyCurves(double gemmFloorS, double gemmComputeEff, double gemmHalfM, double gemmMemEff,
                               double decodeFloorS, double decodePerSeqS, double decodeMemEff,
                               double prefillFloorS, double prefillComputeEff, double prefillHalfS,
                               double allReduceFloorS, double allReducePerLog2S, double allReduceLinkEff,
                               double elementwiseFloorS, double elementwiseMemEff, String fittedOn) {

    /** Fitted on the bundled H100-SXM (vLLM 0.19.0) and A100-SXM (vLLM 0.14.0) AIConfigurator tables and Vidur's mlp.csv (CurveFitTest refits them). */
    public static final EfficiencyCurves FITTED = new EfficiencyCurves(
            3.956e-6, 0.8136, 122.2, 0.7644,
            12.37e-6, 0.06494e-6, 1.095,
            11.97e-6, 1.003, 1504,
            3.805e-6, 0.8270e-6, 0.6235,
            12.64e-6, 0.5399,
            "H100-SXM + A100-SXM");

    /** Where each op's constants start in {@link #toArray()}: GEMM, decode, prefill, all-reduce, elementwise, end. */
    static final int[] FIRST = {0, 4, 7, 10, 13, 15};

    double[] toArray() {
        return new double[] {gemmFloorS, gemmComputeEff, gemmHalfM, gemmMemEff, decodeFloorS, decodePerSeqS, decodeMemEff,
                prefillFloorS, prefillComputeEff, prefillHalfS, allReduceFloorS, allReducePerLog2S, allReduceLinkEff, elementwiseFloorS, elementwiseMemEff};
    }

    static EfficiencyCurves of(double[] p, String fittedOn) {
        return new EfficiencyCurves(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], fittedOn);
    }

    public double gemmS(double m, double n, double k, double weightBytes, double peakFlops, double bw) {
        double compute = 2 * m * n * k / (peakFlops * gemmComputeEff * m / (m + gemmHalfM));
        double memory = (n * k * weightBytes + 2 * m * (n + k)) / (bw * gemmMemEff);
        return gemmFloorS + Math.max(compute, memory);
    }

    public double decodeS(double seqs, double context, double kvBytesPerToken, double bw) {
        return decodeFloorS + decodePerSeqS * seqs + seqs * context * kvBytesPerToken / (bw * decodeMemEff);
    }

    /** @param flopsPerPair FLOPs per causal query-key pair over the layer's heads (4 heads headDim without MLA) */
    public double prefillS(double prompts, double len, double flopsPerPair, double peakFlops) {
        return prefillFloorS + prompts * len * (len + 1) / 2 * flopsPerPair / (peakFlops * prefillComputeEff * len / (len + prefillHalfS));
    }

    public double allReduceS(double bytes, int gpus, double linkBytesPerS) {
        if (gpus <= 1) return 0;
        return allReduceFloorS + allReducePerLog2S * Math.log(gpus) / Math.log(2) + 2.0 * (gpus - 1) / gpus * bytes / (linkBytesPerS * allReduceLinkEff);
    }

    public double elementwiseS(double tokens, double bytesPerToken, double bw) {
        return elementwiseFloorS + tokens * bytesPerToken / (bw * elementwiseMemEff);
    }

    /** As the results name it. */
    public String describe() { return "roofline with curves fitted on " + fittedOn; }
}
