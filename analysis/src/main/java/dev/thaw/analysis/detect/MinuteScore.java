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
        loadRatio = podsRatio = coldExcess = Double.NaN;
        Arrays.fill(z, Double.NaN);
        Arrays.fill(ratio, Double.NaN);
    }
}
