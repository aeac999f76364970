package dev.thaw.analysis.arrivals;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Counts in equal bins of absolute time (bin i covers [i*binS, (i+1)*binS)), stored densely from the first
 * non-empty bin to the last; grows either way and merges exactly. Memory is the covered span / binS longs.
 */
public final class BinnedCounts implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double binS;
    private long base = Long.MIN_VALUE;
    private long[] counts = new long[0];

    /** Longest span counted (two years): beyond it per-second bins would not fit in memory, and no trace is that long. */
    static final int MAX_SPAN_DAYS = 732;

    public BinnedCounts(double binS) { this.binS = binS; }

    private long maxBins() { return Math.min(Integer.MAX_VALUE - 16, (long) Math.ceil(MAX_SPAN_DAYS * 86400.0 / binS)); }

    public double binS() { return binS; }

    public void add(double t, long c) {
        if (Double.isNaN(t)) return;
        if (Double.isInfinite(t)) throw new IllegalArgumentException("arrival time " + t + " s is not a finite number");
        long b = (long) Math.floor(t / binS);
        if (base != Long.MIN_VALUE && Math.abs(b - base) > maxBins())
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "arrival time %s s lies %.3g days from the first one seen (%s s): more than the %d days thaw counts in bins of %s s; check the time column",
                    t, Math.abs(b - base) * binS / 86400, base * binS, MAX_SPAN_DAYS, binS));
        ensure(b);
        counts[(int) (b - base)] += c;
    }

    private void ensure(long b) {
        if (base == Long.MIN_VALUE) {
            base = b;
            counts = new long[64];
            return;
        }
        if (b < base) {
            int shift = (int) (base - b);
            long[] n = new long[Math.max(counts.length + shift, counts.length * 2)];
            System.arraycopy(counts, 0, n, shift, counts.length);
            counts = n;
            base = b;
        } else if (b - base >= counts.length) {
            if (b - base > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("time span too long for bins of " + binS + " s");
            counts = Arrays.copyOf(counts, (int) Math.max(b - base + 1, Math.min(Integer.MAX_VALUE - 16, counts.length * 2L)));
        }
    }

    public BinnedCounts merge(BinnedCounts o) {
        if (o.binS != binS) throw new IllegalArgumentException("bin sizes differ");
        if (o.base == Long.MIN_VALUE) return this;
        long[] oc = o.trimmed();
        ensure(o.base);
        ensure(o.base + oc.length - 1);
        for (int i = 0; i < oc.length; i++) counts[(int) (o.base - base) + i] += oc[i];
        return this;
    }

    /** Counts from the first to the last non-empty bin. */
    public long[] trimmed() {
        if (base == Long.MIN_VALUE) return new long[0];
        int lo = 0, hi = counts.length;
        while (lo < hi && counts[lo] == 0) lo++;
        while (hi > lo && counts[hi - 1] == 0) hi--;
        return Arrays.copyOfRange(counts, lo, hi);
    }

    /** Start time of the first non-empty bin (NaN when empty). */
    public double firstBinStart() {
        if (base == Long.MIN_VALUE) return Double.NaN;
        int lo = 0;
        while (lo < counts.length && counts[lo] == 0) lo++;
        return lo == counts.length ? Double.NaN : (base + lo) * binS;
    }

    /** Counts of bins [fromBin, fromBin + len) in absolute bin numbers (zeros outside the stored range). */
    public long[] range(long fromBin, int len) {
        long[] out = new long[len];
        if (base == Long.MIN_VALUE) return out;
        for (int i = 0; i < len; i++) {
            long b = fromBin + i - base;
            if (b >= 0 && b < counts.length) out[i] = counts[(int) b];
        }
        return out;
    }

    public long total() { long s = 0; for (long c : counts) s += c; return s; }

    @Override public boolean equals(Object o) {
        return o instanceof BinnedCounts b && b.binS == binS && Arrays.equals(b.trimmed(), trimmed())
                && Double.compare(b.firstBinStart(), firstBinStart()) == 0;
    }

    @Override public int hashCode() { return Arrays.hashCode(trimmed()); }
}
