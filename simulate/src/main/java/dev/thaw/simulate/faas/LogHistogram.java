package dev.thaw.simulate.faas;

/**
 * Histogram of non-negative values in log-linear bins (128 per power of two, so under 0.8% wide) from 2^-40 to
 * 2^40 (values outside are clamped into the edge bins), plus an exact zero bin, sum and count. Percentiles come back
 * within about 0.4% of the nearest-rank value; recording reads the exponent and top mantissa bits of the double
 * (no logarithm, no allocation).
 */
public final class LogHistogram implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final int SUB_BITS = 7, MIN_EXP = -40, MAX_EXP = 40;
    private static final int BINS = (MAX_EXP - MIN_EXP) << SUB_BITS;
    private final long[] bins = new long[BINS];
    private long zeros, count;
    private double sum, max;

    public void record(double v) {
        if (!(v >= 0)) throw new IllegalArgumentException("histogram value must be >= 0: " + v);
        count++;
        sum += v;
        if (v > max) max = v;
        if (v == 0) { zeros++; return; }
        bins[bin(v)]++;
    }

    private static int bin(double v) {
        int e = Math.getExponent(v);
        if (e < MIN_EXP) return 0;
        if (e >= MAX_EXP) return BINS - 1;
        int sub = (int) ((Double.doubleToRawLongBits(v) & 0x000FFFFFFFFFFFFFL) >>> (52 - SUB_BITS));
        return ((e - MIN_EXP) << SUB_BITS) | sub;
    }

    /** Geometric middle of a bin. */
    private static double mid(int b) {
        int e = (b >>> SUB_BITS) + MIN_EXP;
        int sub = b & ((1 << SUB_BITS) - 1);
        double lo = Math.scalb(1.0 + (double) sub / (1 << SUB_BITS), e);
        double hi = Math.scalb(1.0 + (double) (sub + 1) / (1 << SUB_BITS), e);
        return Math.sqrt(lo * hi);
    }

    /** Adds {@code other}'s values: bins, zeros and count exactly; the sum to floating-point rounding. */
    public void merge(LogHistogram other) {
        for (int b = 0; b < BINS; b++) bins[b] += other.bins[b];
        zeros += other.zeros;
        count += other.count;
        sum += other.sum;
        if (other.max > max) max = other.max;
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
            if (seen >= rank) return Math.min(max, mid(b));
        }
        return max;
    }

    /** Share of recorded values strictly below {@code x} (to bin precision). */
    public double shareBelow(double x) {
        if (count == 0) return Double.NaN;
        long below = x > 0 ? zeros : 0;
        if (x > 0) {
            int lim = bin(x);
            for (int b = 0; b < lim; b++) below += bins[b];
        }
        return (double) below / count;
    }
}
