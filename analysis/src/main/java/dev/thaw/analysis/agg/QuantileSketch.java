package dev.thaw.analysis.agg;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mergeable quantile sketch of non-negative values: a log-linear histogram indexed straight from the bits of the
 * double (exponent and top {@value #MANTISSA_BITS} mantissa bits), so each octave has 128 buckets of relative
 * width 2^-7 and recording costs a shift and an increment (the hot path of every aggregator). Same layout idea as
 * HdrHistogram, without its integer scaling, so tiny durations (microseconds) keep full relative precision.
 *
 * <p>Error bound: a reported quantile is the midpoint of the bucket holding the nearest-rank sample quantile v,
 * clamped to the exact min and max, so |v' - v| <= 2^-8 v (0.4%); {@link #RELATIVE_ERROR} states 1% to leave room
 * for interpolated definitions (DuckDB quantile_cont) that sit between two neighbouring sample values. Merging is
 * exact (bucket counts add); count, sum (mean), min and max are exact. Zeros and negatives go to one zero bucket
 * (negatives are counted in {@link #negatives()}). Memory: 8 bytes per bucket between the smallest and largest
 * octave seen (about 1,024 per decade pair).
 */
public final class QuantileSketch implements Serializable {
    private static final long serialVersionUID = 2L;
    /** Documented relative error bound of quantiles. */
    public static final double RELATIVE_ERROR = 0.01;
    static final int MANTISSA_BITS = 7;
    private static final int SHIFT = 52 - MANTISSA_BITS;

    private long[] counts = new long[0];
    private int lo; // bucket index of counts[0]
    private long zeros, count, negatives;
    private double sum, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;

    /** Kept for source compatibility: the unit no longer matters (relative precision at every scale). */
    public QuantileSketch(double unitsPerValueIgnored) { this(); }

    public QuantileSketch() {}

    /** Records a value (NaN is ignored). */
    public void add(double v) {
        if (v > 0 && v != Double.POSITIVE_INFINITY) {
            int idx = (int) (Double.doubleToRawLongBits(v) >>> SHIFT);
            int i = idx - lo;
            if (i < 0 || i >= counts.length) { grow(idx); i = idx - lo; }
            counts[i]++;
        } else if (v <= 0) {
            zeros++;
            if (v < 0) negatives++;
        } else {
            return; // NaN or +inf
        }
        count++;
        sum += v;
        if (v < min) min = v;
        if (v > max) max = v;
    }

    private void grow(int idx) {
        if (counts.length > 0 && idx >= lo && idx < lo + counts.length) return;
        if (counts.length == 0) {
            lo = idx - 64;
            counts = new long[256];
            return;
        }
        int newLo = Math.min(lo, idx - 64), newHi = Math.max(lo + counts.length, idx + 65);
        long[] n = new long[newHi - newLo];
        System.arraycopy(counts, 0, n, lo - newLo, counts.length);
        counts = n;
        lo = newLo;
    }

    public QuantileSketch copy() {
        QuantileSketch s = new QuantileSketch();
        s.merge(this);
        return s;
    }

    public QuantileSketch merge(QuantileSketch o) {
        if (o.counts.length > 0) {
            grow(o.lo);
            grow(o.lo + o.counts.length - 1);
            for (int i = 0; i < o.counts.length; i++) counts[o.lo + i - lo] += o.counts[i];
        }
        zeros += o.zeros;
        count += o.count;
        negatives += o.negatives;
        sum += o.sum;
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
        return this;
    }

    public long count() { return count; }

    public double sum() { return sum; }

    public double mean() { return count == 0 ? Double.NaN : sum / count; }

    public double max() { return count == 0 ? Double.NaN : max; }

    public double min() { return count == 0 ? Double.NaN : min; }

    public long negatives() { return negatives; }

    /** Nearest-rank quantile q in [0, 1], within the documented bound; NaN when empty. */
    public double quantile(double q) {
        if (count == 0) return Double.NaN;
        if (q >= 1) return max;
        if (q <= 0) return min;
        long rank = Math.max(1, (long) Math.ceil(q * count));
        if (rank <= zeros) return rank <= negatives ? min : 0.0;
        long cum = zeros;
        for (int i = 0; i < counts.length; i++) {
            cum += counts[i];
            if (cum >= rank) return Math.max(min, Math.min(max, midpoint(lo + i)));
        }
        return max;
    }

    private static double lower(int idx) { return Double.longBitsToDouble((long) idx << SHIFT); }

    private static double midpoint(int idx) { return (lower(idx) + lower(idx + 1)) / 2; }

    /** Fraction of recorded values <= v (bucket resolution). */
    public double cdf(double v) {
        if (count == 0) return Double.NaN;
        if (v < 0) return 0;
        long cum = zeros;
        for (int i = 0; i < counts.length && lower(lo + i + 1) <= v; i++) cum += counts[i];
        return (double) cum / count;
    }

    /**
     * Log-binned CDF: points (upper edge, cumulative fraction) for edges growing by 10^(1/binsPerDecade) from
     * the power of ten below the smallest positive value, until every value is counted.
     */
    public List<double[]> logCdf(int binsPerDecade) {
        List<double[]> out = new ArrayList<>();
        if (count == 0) return out;
        int first = 0;
        while (first < counts.length && counts[first] == 0) first++;
        double start = first < counts.length ? lower(lo + first) : Math.max(min, 1e-9);
        double factor = Math.pow(10, 1.0 / binsPerDecade);
        double e = Math.pow(10, Math.floor(Math.log10(start)));
        long cum = zeros;
        int i = 0;
        while (cum < count && out.size() < 10_000) {
            while (i < counts.length && lower(lo + i + 1) <= e * (1 + 1e-12)) cum += counts[i++];
            out.add(new double[] {e, (double) cum / count});
            if (i >= counts.length) break;
            e *= factor;
        }
        return out;
    }

    @Override public boolean equals(Object o) {
        if (!(o instanceof QuantileSketch s)) return false;
        if (s.count != count || s.zeros != zeros || s.negatives != negatives || Double.compare(s.max, max) != 0 || Double.compare(s.min, min) != 0) return false;
        if (Math.abs(s.sum - sum) > 1e-9 * Math.max(1, Math.abs(sum))) return false;
        for (int idx = Math.min(lo, s.lo); idx < Math.max(lo + counts.length, s.lo + s.counts.length); idx++)
            if (at(idx) != s.at(idx)) return false;
        return true;
    }

    private long at(int idx) { int i = idx - lo; return i >= 0 && i < counts.length ? counts[i] : 0; }

    @Override public int hashCode() { return Long.hashCode(count) * 31 + Arrays.hashCode(new double[] {min, max}); }
}
