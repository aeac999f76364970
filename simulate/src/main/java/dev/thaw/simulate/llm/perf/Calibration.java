package dev.thaw.simulate.llm.perf;

/**
 * Achievable-efficiency constants of the roofline model. Every default is documented in simulate/README.md with
 * its source; all are fractions of the vendor peak of the device.
 *
 * @param gemmComputeEff   share of peak tensor FLOP/s a large GEMM reaches (docs/serving.md: 60-80%)
 * @param gemmHalfTokens   GEMM token count (N) at which compute efficiency is half of {@code gemmComputeEff}:
 *                         small-N GEMMs under-fill the tensor cores (shape of the V100 GEMM table)
 * @param memEff           share of peak memory bandwidth a weight/KV stream reaches (docs/serving.md: 80-90%)
 * @param attnComputeEff   share of peak FLOP/s of prefill (flash) attention
 * @param attnMemEff       share of peak bandwidth of paged decode attention (gathers 16-token blocks)
 * @param elementwiseMemEff share of peak bandwidth of norms, rotary, activation and residual kernels (small kernels)
 * @param moeImbalance     busiest/average expert load under expert parallelism (routing skew); 1 = uniform
 * @param int4DequantEff   throughput factor of W4A16 kernels when compute-bound (dequantisation in the main loop)
 */
public record Calibration(double gemmComputeEff, double gemmHalfTokens, double memEff, double attnComputeEff,
                          double attnMemEff, double elementwiseMemEff, double moeImbalance, double int4DequantEff) {
    public static final Calibration DEFAULT = new Calibration(0.70, 16, 0.85, 0.50, 0.75, 0.50, 1.15, 0.70);

    public Calibration {
        for (double f : new double[] {gemmComputeEff, memEff, attnComputeEff, attnMemEff, elementwiseMemEff, int4DequantEff})
            if (!(f > 0 && f <= 1)) throw new IllegalArgumentException("efficiencies must be in (0, 1]: " + f);
        if (gemmHalfTokens < 0 || moeImbalance < 1) throw new IllegalArgumentException("gemmHalfTokens >= 0 and moeImbalance >= 1 required");
    }
}
