package dev.thaw.workload.calibrate;

/**
 * The burstiness statistics the calibration loop compares (definitions in docs/analytics.md). A small interface so
 * that the analysis module's aggregators can replace {@link SimpleBurstinessStats} without touching callers.
 * All arrival-time arrays are sorted ascending, in seconds.
 */
public interface BurstinessStats {
    /** Coefficient of variation (sd/mean) of inter-arrival times. */
    double iatCv(double[] times);

    /** Index of dispersion for counts Var(N_T)/E(N_T) over consecutive full windows of length T from the first arrival. */
    double idc(double[] times, double windowS);

    /** Hurst exponent of the per-second count series (aggregated-variance method). */
    double hurst(double[] times);

    /** Two-sample Kolmogorov-Smirnov statistic sup |F_a - F_b|. */
    double ks(double[] a, double[] b);

    /** Wasserstein-1 distance between two empirical distributions. */
    double wasserstein(double[] a, double[] b);
}
