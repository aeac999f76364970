package dev.thaw.analysis.agg;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Mergeable quantile sketch of non-negative values in seconds (or any unit, see {@code unitsPerValue}), on an
 * HdrHistogram of values scaled to integer units (default microseconds) with 2 significant digits.
 *
 * <p>Error bound: a reported quantile v' of a true sample quantile v satisfies |v' - v| <= 0.01 v + 1 unit
 * (1 us), where "true quantile" is the nearest-rank value; interpolated definitions (DuckDB quantile_cont) can
 * differ further by the gap between the two neighbouring sample values. Merging is exact (bucket counts add).
 * The mean is exact (kept as a separate sum, not from the buckets).
 */
public final class QuantileSketch implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Relative error bound of quantiles (2 significant digits). */
    public static final double RELATIVE_ERROR = 0.01;

    private final double unitsPerValue;
    private final Histogram hist;
    private double sum;
    private double max = Double.NEGATIVE_INFINITY;
    private long negatives;

    public QuantileSketch() { this(1e6); }

    public QuantileSketch(double unitsPerValue) {
        this.unitsPerValue = unitsPerValue;
        this.hist = new Histogram(2);
    }

    /** Records a value; negatives count as 0 in the quantiles (and are counted in {@link #negatives()}). */
    public void add(double v) {
        if (v < 0) { negatives++; }
        hist.recordValue(v > 0 ? (long) (v * unitsPerValue + 0.5) : 0L);
        sum += v;
        if (v > max) max = v;
    }

    private QuantileSketch(QuantileSketch o) {
        unitsPerValue = o.unitsPerValue;
        hist = o.hist.copy();
        sum = o.sum;
        max = o.max;
        negatives = o.negatives;
    }

    public QuantileSketch copy() { return new QuantileSketch(this); }

    public QuantileSketch merge(QuantileSketch o) {
        if (o.unitsPerValue != unitsPerValue) throw new IllegalArgumentException("sketch units differ");
        hist.add(o.hist);
        sum += o.sum;
        max = Math.max(max, o.max);
        negatives += o.negatives;
        return this;
    }

    public long count() { return hist.getTotalCount(); }

    public double sum() { return sum; }

    public double mean() { return count() == 0 ? Double.NaN : sum / count(); }

    /** Exact maximum. */
    public double max() { return count() == 0 ? Double.NaN : max; }

    public long negatives() { return negatives; }

    /** Quantile q in [0, 1], within the documented bound; NaN when empty. */
    public double quantile(double q) {
        if (count() == 0) return Double.NaN;
        if (q >= 1) return max;
        // bucket upper ends can pass the exact maximum: clamp (still within the bound)
        return Math.min(max, hist.getValueAtPercentile(q * 100) / unitsPerValue);
    }

    /** Fraction of recorded values <= v (bucket resolution). */
    public double cdf(double v) {
        if (count() == 0) return Double.NaN;
        long units = (long) Math.floor(v * unitsPerValue);
        return units < 0 ? 0 : (double) hist.getCountBetweenValues(0, units) / count();
    }

    /**
     * Log-binned CDF: points (upper edge of bin, cumulative fraction) for bins growing by a factor of
     * 10^(1/binsPerDecade), starting at the smallest recorded value's decade.
     */
    public List<double[]> logCdf(int binsPerDecade) {
        List<double[]> out = new ArrayList<>();
        if (count() == 0) return out;
        double factor = Math.pow(10, 1.0 / binsPerDecade);
        long first = Math.max(1, hist.getMinValue());
        long edge = (long) Math.pow(10, Math.floor(Math.log10(first)));
        long total = count(), cum = 0;
        var it = hist.recordedValues().iterator();
        HistogramIterationValue pending = it.hasNext() ? it.next() : null;
        double e = edge;
        while (cum < total) {
            while (pending != null && pending.getValueIteratedTo() <= (long) e) {
                cum += pending.getCountAtValueIteratedTo();
                pending = it.hasNext() ? it.next() : null;
            }
            out.add(new double[] {e / unitsPerValue, (double) cum / total});
            e *= factor;
        }
        return out;
    }

    @Override public boolean equals(Object o) {
        return o instanceof QuantileSketch s && s.unitsPerValue == unitsPerValue && s.hist.equals(hist)
                && Double.compare(s.max, max) == 0 && s.negatives == negatives
                && Math.abs(s.sum - sum) <= 1e-9 * Math.max(1, Math.abs(sum));
    }

    @Override public int hashCode() { return Long.hashCode(count()); }
}
