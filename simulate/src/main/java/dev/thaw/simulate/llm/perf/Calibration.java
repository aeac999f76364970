package dev.thaw.simulate.llm.perf;

/**
 * The constants of the step-time model that no bundled measurement covers yet (the kernel efficiencies they used to
 * sit beside are now measured tables or curves fitted on them: {@link dev.thaw.simulate.llm.perf.db.EfficiencyCurves}).
 *
 * @param moeImbalance     busiest/average expert load under expert parallelism (routing skew); 1 = uniform
 * @param int4DequantEff   throughput factor of W4A16 kernels when compute-bound (dequantisation in the main loop)
 */
public record Calibration(double moeImbalance, double int4DequantEff) {
    public static final Calibration DEFAULT = new Calibration(1.15, 0.70);

    public Calibration {
        if (!(int4DequantEff > 0 && int4DequantEff <= 1)) throw new IllegalArgumentException("int4DequantEff must be in (0, 1]: " + int4DequantEff);
        if (moeImbalance < 1) throw new IllegalArgumentException("moeImbalance >= 1 required");
    }
}
