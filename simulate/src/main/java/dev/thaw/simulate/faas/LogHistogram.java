package dev.thaw.simulate.faas;

/**
 * Histogram of non-negative values in log-spaced bins 1% wide from 1e-9 to 1e12 (values outside are clamped into
 * the edge bins), plus an exact zero bin, sum and count. Percentiles come back within about 0.5% of the
 * nearest-rank value; recording is a log and an increment, no allocation.
 */
public final class LogHistogram {
    private static final double LO = 1e-9, HI = 1e12, STEP = Math.log(1.01);
    private static final int BINS = (int) Math.ceil(Math.log(HI / LO) / STEP) + 1;
    private final long[] bins = new long[BINS];
    private long zeros, count;
    private double sum, max;

    public void record(double v) {
        if (!(v >= 0)) throw new IllegalArgumentException("histogram value must be >= 0: " + v);
        count++;
        sum += v;
        if (v > max) max = v;
        if (v == 0) { zeros++; return; }
        int b = (int) (Math.log(v / LO) / STEP);
        bins[Math.max(0, Math.min(BINS - 1, b))]++;
    }

    public long count() { return count; }
    public double mean() { return count == 0 ? Double.NaN : sum / count; }
    public double sum() { return sum; }
    public double max() { return count == 0 ? Double.NaN : max; }

    /** Nearest-rank percentile, {@code p} in [0, 100]; NaN when empty. */
    public double percentile(double p) {
        if (count == 0) return Double.NaN;
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count));
        if (rank <= zeros) return 0;
        long seen = zeros;
        for (int b = 0; b < BINS; b++) {
            seen += bins[b];
            if (seen >= rank) return Math.min(max, LO * Math.exp((b + 0.5) * STEP));
        }
        return max;
    }

    /** Share of recorded values strictly below {@code x} (to bin precision). */
    public double shareBelow(double x) {
        if (count == 0) return Double.NaN;
        long below = x > 0 ? zeros : 0;
        if (x > 0) {
            int lim = (int) (Math.log(x / LO) / STEP);
            for (int b = 0; b < Math.min(lim, BINS); b++) below += bins[b];
        }
        return (double) below / count;
    }
}
