package dev.thaw.analysis.detect;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Mergeable histogram of real values (here logarithms of per-minute metrics) in fixed bins of width
 * {@value #BINS_PER_UNIT}^-1, giving the median and the median absolute deviation (MAD) in one pass. Merging adds
 * integer counts, so a merged histogram equals the single-pass one exactly. The median and MAD are exact to half a
 * bin (1.6% on the log scale); memory is 4 bytes per bin between the smallest and largest value seen.
 */
public final class BinnedDistribution implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int BINS_PER_UNIT = 32;
    /** Half a bin: the resolution of {@link #median()} and {@link #mad()}. */
    public static final double RESOLUTION = 0.5 / BINS_PER_UNIT;

    private int[] counts = new int[0];
    private int lo;
    private long count;

    public void add(double x) {
        if (!Double.isFinite(x)) return;
        int idx = (int) Math.floor(Math.max(-1e6, Math.min(1e6, x)) * BINS_PER_UNIT);
        if (counts.length == 0) { lo = idx - 8; counts = new int[24]; }
        if (idx < lo || idx >= lo + counts.length) grow(idx);
        counts[idx - lo]++;
        count++;
    }

    private void grow(int idx) {
        int newLo = Math.min(lo, idx - 8), newHi = Math.max(lo + counts.length, idx + 9);
        int[] n = new int[newHi - newLo];
        System.arraycopy(counts, 0, n, lo - newLo, counts.length);
        counts = n;
        lo = newLo;
    }

    public BinnedDistribution merge(BinnedDistribution o) {
        if (o.count == 0) return this;
        if (count == 0) { counts = o.counts.clone(); lo = o.lo; count = o.count; return this; }
        grow(o.lo);
        grow(o.lo + o.counts.length - 1);
        for (int i = 0; i < o.counts.length; i++) counts[o.lo + i - lo] += o.counts[i];
        count += o.count;
        return this;
    }

    public long count() { return count; }

    private static double center(int idx) { return (idx + 0.5) / BINS_PER_UNIT; }

    /** The q-quantile (nearest rank, bin centre); NaN when empty. */
    public double quantile(double q) {
        if (count == 0) return Double.NaN;
        long rank = Math.max(1, Math.min(count, (long) Math.ceil(q * count)));
        long cum = 0;
        for (int i = 0; i < counts.length; i++) {
            cum += counts[i];
            if (cum >= rank) return center(lo + i);
        }
        return center(lo + counts.length - 1);
    }

    public double median() { return quantile(0.5); }

    /** Number of recorded values in bins at or below x's bin ({@code below}) or at or above it (otherwise). */
    public long tail(double x, boolean below) {
        if (count == 0) return 0;
        int idx = (int) Math.floor(Math.max(-1e6, Math.min(1e6, x)) * BINS_PER_UNIT) - lo;
        long n = 0;
        if (below) for (int i = 0; i <= Math.min(idx, counts.length - 1); i++) n += counts[i];
        else for (int i = Math.max(0, idx); i < counts.length; i++) n += counts[i];
        return n;
    }

    /** Median of |x - median| over the binned values; NaN when empty. */
    public double mad() {
        if (count == 0) return Double.NaN;
        double m = median();
        int mi = (int) Math.floor(m * BINS_PER_UNIT) - lo;
        // walk outwards from the median bin: distances grow by one bin per step on either side
        long rank = Math.max(1, (count + 1) / 2), cum = counts[mi];
        if (cum >= rank) return 0;
        for (int d = 1; ; d++) {
            if (mi - d >= 0) cum += counts[mi - d];
            if (mi + d < counts.length) cum += counts[mi + d];
            if (cum >= rank) return (double) d / BINS_PER_UNIT;
            if (mi - d < 0 && mi + d >= counts.length) return (double) d / BINS_PER_UNIT;
        }
    }

    @Override public boolean equals(Object o) {
        if (!(o instanceof BinnedDistribution b) || b.count != count) return false;
        for (int idx = Math.min(lo, b.lo); idx < Math.max(lo + counts.length, b.lo + b.counts.length); idx++)
            if (at(idx) != b.at(idx)) return false;
        return true;
    }

    private int at(int idx) { int i = idx - lo; return i >= 0 && i < counts.length ? counts[i] : 0; }

    @Override public int hashCode() { return Long.hashCode(count) ^ Arrays.hashCode(new double[] {quantile(0.5)}); }
}
