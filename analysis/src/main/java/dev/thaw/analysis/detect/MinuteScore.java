package dev.thaw.analysis.detect;

import java.util.Arrays;

/** The score of one function-minute (reused between minutes: no allocation on the hot path). */
public final class MinuteScore {
    public long minute;
    public boolean active;
    public double requests, d2, loadRatio, podsRatio, coldExcess;
    public int dims;
    /** Active minutes whose evidence gave {@link #d2} (1 = this minute alone). */
    public int windowMinutes;
    /** Evidence of a per-request cost change accumulated over active minutes (the strongest {@link CostEvidence} chart, a log-likelihood ratio) and the minute it began building (Long.MIN_VALUE: none). */
    public double cusum;
    public long cusumSince;
    /** The chart holding {@link #cusum}: +(f+1) when feature f (order of {@link Metric#PER_REQUEST}) went up, -(f+1) when down; +-(F+1) CPU and execution time together. */
    public int cusumFeature;
    /** Active minutes since {@link #cusumSince}. */
    public int cusumMinutes;
    /** Per per-request feature (order of {@link Metric#PER_REQUEST}): robust z and ratio to the baseline median. */
    public final double[] z = new double[Features.F], ratio = new double[Features.F];
    final boolean[] used = new boolean[Features.F];

    void reset(long minute) {
        this.minute = minute;
        active = false;
        requests = 0;
        d2 = 0;
        dims = 0;
        windowMinutes = 1;
        cusum = 0;
        cusumSince = Long.MIN_VALUE;
        cusumFeature = 0;
        cusumMinutes = 0;
        loadRatio = podsRatio = coldExcess = Double.NaN;
        Arrays.fill(z, Double.NaN);
        Arrays.fill(ratio, Double.NaN);
    }
}
