package dev.thaw.simulate.llm.perf.db;

import java.util.ArrayList;
import java.util.List;

/**
 * A positive quantity t(a, b) measured on a grid a_i x b_j, possibly with holes (shapes the collector could not
 * run, e.g. large batch x long context). Holes are filled along b from the row's measured points ({@link LogCurve}
 * rules); reads interpolate bilinearly in (log a, log b) on log t, so the grid points are returned exactly and the
 * surface is monotone wherever the measurements are. Outside the grid: the edge value below, the last segment's
 * power law (never decreasing) above.
 */
public final class LogGrid {
    private final double[] a, la, union;
    private final LogCurve[] rows;
    /** Rows at integer a (batch sizes a step can have), built on first use: one curve read per lookup. */
    private final LogCurve[] byInteger = new LogCurve[1025];

    /** @param t t[i][j] at (a[i], b[j]); NaN or non-positive = not measured. Rows with no measurement are dropped. */
    public LogGrid(double[] a, double[] b, double[][] t) {
        List<Double> keptA = new ArrayList<>();
        List<LogCurve> kept = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            int n = 0;
            for (int j = 0; j < b.length; j++) if (t[i][j] > 0) n++;
            if (n == 0) continue;
            double[] xs = new double[n], ys = new double[n];
            n = 0;
            for (int j = 0; j < b.length; j++) if (t[i][j] > 0) { xs[n] = b[j]; ys[n++] = t[i][j]; }
            keptA.add(a[i]);
            kept.add(LogCurve.of(xs, ys));
        }
        if (kept.isEmpty()) throw new IllegalArgumentException("a grid needs at least one measured point");
        this.a = keptA.stream().mapToDouble(Double::doubleValue).toArray();
        this.la = new double[this.a.length];
        for (int i = 0; i < la.length; i++) la[i] = Math.log(this.a[i]);
        this.rows = kept.toArray(LogCurve[]::new);
        java.util.TreeSet<Double> bs = new java.util.TreeSet<>();
        for (LogCurve r : rows) for (double x : r.xs()) bs.add(x);
        this.union = bs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Never decreasing in a or b, on the union of the rows' points (holes filled first): each row made monotone in b
     * ({@link LogCurve#monotone()}), then the running maximum over a.
     */
    public LogGrid monotone() {
        double[] b = union;
        double[][] t = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            double[] row = new double[b.length];
            for (int j = 0; j < b.length; j++) row[j] = rows[i].at(b[j]);
            LogCurve mono = LogCurve.of(b, row).monotone();
            for (int j = 0; j < b.length; j++) t[i][j] = i > 0 ? Math.max(mono.at(b[j]), t[i - 1][j]) : mono.at(b[j]);
        }
        return new LogGrid(a, b, t);
    }

    /**
     * The surface at (av, bv). At an integer av up to 1024 the row at av is built once on the union of the rows'
     * points (the bilinear read is separable, so it is the same surface) and later reads take one curve lookup.
     * Racing threads may build the same row twice; the curve is immutable.
     */
    public double at(double av, double bv) {
        if (av >= 1 && av < byInteger.length && av == Math.rint(av)) {
            LogCurve row = byInteger[(int) av];
            if (row == null) {
                double[] y = new double[union.length];
                for (int j = 0; j < y.length; j++) y[j] = bilinear(av, union[j]);
                byInteger[(int) av] = row = LogCurve.of(union, y);
            }
            return row.at(bv);
        }
        return bilinear(av, bv);
    }

    private double bilinear(double av, double bv) {
        int n = a.length;
        if (av <= a[0] || n == 1) return rows[0].at(bv);
        double l = Math.log(av);
        int lo, hi;
        if (av >= a[n - 1]) { lo = n - 2; hi = n - 1; }
        else {
            lo = 0; hi = n - 1;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (a[mid] <= av) lo = mid; else hi = mid;
            }
        }
        double t0 = Math.log(rows[lo].at(bv)), t1 = Math.log(rows[hi].at(bv));
        double f = (l - la[lo]) / (la[hi] - la[lo]);
        if (f > 1 && t1 < t0) f = 1; // above the grid: never decreasing
        return Math.exp(t0 + f * (t1 - t0));
    }
}
