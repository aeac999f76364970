package dev.thaw.analysis.agg;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Inter-arrival times of one arrival stream seen in time-ordered pieces. Within a piece, rows arrive in time
 * order and each gap is recorded at once; a timestamp earlier than the previous one starts a new segment (counted
 * in {@link #outOfOrder}). Merging concatenates segments; {@link #finish} sorts them by start time and adds the
 * gap between consecutive segments that do not overlap, so k time-ordered parts merged give the single-pass IATs.
 * Overlapping segments cannot be stitched exactly: their boundary gap is skipped and counted.
 */
public final class ArrivalSegments implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One time-ordered run of arrivals. */
    public record Segment(double first, double last, long n) implements Serializable {}

    private final List<Segment> closed = new ArrayList<>();
    private double first = Double.NaN, last = Double.NaN;
    private long n;
    private long outOfOrder;
    private final QuantileSketch iats = new QuantileSketch();
    private final BottomKSample sample;
    private final int sampleK;
    private double sum, sum2;

    /** @param sampleSize size of the kept IAT sample for fitting (0: none) */
    public ArrivalSegments(int sampleSize) {
        this.sampleK = sampleSize;
        this.sample = sampleSize > 0 ? new BottomKSample(sampleSize, 1) : null;
    }

    public void add(double t) {
        if (n > 0 && t >= last) {
            record(t - last, t);
            last = t;
            n++;
            return;
        }
        if (n > 0) { outOfOrder++; closed.add(new Segment(first, last, n)); }
        first = last = t;
        n = 1;
    }

    private void record(double gap, double t) {
        iats.add(gap);
        sum += gap;
        sum2 += gap * gap;
        if (sample != null) sample.offer(BottomKSample.mix(t, gap), gap);
    }

    public ArrivalSegments merge(ArrivalSegments o) {
        if (n > 0) { closed.add(new Segment(first, last, n)); }
        closed.addAll(o.closed);
        if (o.n > 0) closed.add(new Segment(o.first, o.last, o.n));
        first = last = Double.NaN;
        n = 0;
        outOfOrder += o.outOfOrder;
        iats.merge(o.iats);
        sum += o.sum;
        sum2 += o.sum2;
        if (sample != null && o.sample != null) sample.merge(o.sample);
        return this;
    }

    /** The stitched result; this object is left unchanged. */
    public Result finish() {
        List<Segment> segs = new ArrayList<>(closed);
        if (n > 0) segs.add(new Segment(first, last, n));
        segs.sort(Comparator.comparingDouble(Segment::first).thenComparingDouble(Segment::last));
        QuantileSketch all = iats.copy();
        BottomKSample s = null;
        if (sample != null) { s = new BottomKSample(sampleCapacity(), 1); s.merge(sample); }
        double su = sum, su2 = sum2;
        long overlaps = 0, arrivals = 0;
        for (int i = 0; i < segs.size(); i++) {
            arrivals += segs.get(i).n();
            if (i == 0) continue;
            Segment a = segs.get(i - 1), b = segs.get(i);
            if (b.first() >= a.last()) {
                double gap = b.first() - a.last();
                all.add(gap);
                su += gap;
                su2 += gap * gap;
                if (s != null) s.offer(BottomKSample.mix(b.first(), gap), gap);
            } else {
                overlaps++;
            }
        }
        double firstT = segs.isEmpty() ? Double.NaN : segs.get(0).first();
        double lastT = segs.stream().mapToDouble(Segment::last).max().orElse(Double.NaN);
        return new Result(arrivals, firstT, lastT, all, s, su, su2, outOfOrder, overlaps);
    }

    private int sampleCapacity() { return sampleK; }

    /** Stitched inter-arrival statistics of the stream. */
    public record Result(long arrivals, double first, double last, QuantileSketch iats, BottomKSample sample,
                         double sum, double sum2, long outOfOrder, long overlaps) {
        public long iatCount() { return iats.count(); }
        public double mean() { return iatCount() == 0 ? Double.NaN : sum / iatCount(); }
        public double sd() {
            long k = iatCount();
            if (k == 0) return Double.NaN;
            double m = sum / k;
            return Math.sqrt(Math.max(0, sum2 / k - m * m));
        }
        public double cv() { return sd() / mean(); }
        public double gohBarabasi() { double s = sd(), m = mean(); return (s - m) / (s + m); }
    }
}
