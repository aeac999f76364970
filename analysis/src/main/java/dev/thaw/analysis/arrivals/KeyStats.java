package dev.thaw.analysis.arrivals;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Per-key (function, app, user or region) arrival state: count, a coarse count series (bins of
 * {@code seriesBinS}, which also serve as the smoothing for peak-to-trough), inter-arrival moments from
 * time-ordered segments (stitched like {@link dev.thaw.analysis.agg.ArrivalSegments}), and execution-time sums.
 */
public final class KeyStats implements Serializable {
    private static final long serialVersionUID = 1L;
    long count;
    double execSum;
    long execN;
    final BinnedCounts series;
    // IAT moments of the open segment and of closed ones; segments as (first, last)
    private final List<double[]> segments = new ArrayList<>();
    private double first = Double.NaN, last = Double.NaN;
    double iatSum, iatSum2;
    long iatN;

    KeyStats(double seriesBinS) { series = new BinnedCounts(seriesBinS); }

    /** Arrivals of this key. */
    public long count() { return count; }

    void event(double t) {
        count++;
        series.add(t, 1);
        if (!Double.isNaN(last) && t >= last) {
            double g = t - last;
            iatSum += g;
            iatSum2 += g * g;
            iatN++;
            last = t;
            return;
        }
        if (!Double.isNaN(last)) segments.add(new double[] {first, last});
        first = last = t;
    }

    void counts(double t, long c) {
        count += c;
        series.add(t, c);
    }

    void exec(double s) {
        if (Double.isNaN(s)) return;
        execSum += s;
        execN++;
    }

    KeyStats merge(KeyStats o) {
        count += o.count;
        execSum += o.execSum;
        execN += o.execN;
        series.merge(o.series);
        if (!Double.isNaN(last)) segments.add(new double[] {first, last});
        segments.addAll(o.segments);
        if (!Double.isNaN(o.last)) segments.add(new double[] {o.first, o.last});
        first = last = Double.NaN;
        iatSum += o.iatSum;
        iatSum2 += o.iatSum2;
        iatN += o.iatN;
        return this;
    }

    /** IAT {count, sum, sum of squares} after stitching the gaps between non-overlapping segments. */
    double[] iatMoments() {
        List<double[]> segs = new ArrayList<>(segments);
        if (!Double.isNaN(last)) segs.add(new double[] {first, last});
        segs.sort(Comparator.<double[]>comparingDouble(s -> s[0]).thenComparingDouble(s -> s[1]));
        double n = iatN, s = iatSum, s2 = iatSum2;
        for (int i = 1; i < segs.size(); i++) {
            double g = segs.get(i)[0] - segs.get(i - 1)[1];
            if (g >= 0) { n++; s += g; s2 += g * g; }
        }
        return new double[] {n, s, s2};
    }
}
