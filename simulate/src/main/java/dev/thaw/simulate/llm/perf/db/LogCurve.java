package dev.thaw.simulate.llm.perf.db;

import java.util.Arrays;

/**
 * A positive quantity y(x) known at points x_0 &lt; ... &lt; x_n, read between them by linear interpolation of
 * log y in log x (a power law per segment: exact at the points, monotone wherever the points are). Below x_0 it is
 * y_0 (kernel times have a floor); above x_n it follows the last segment's power law, never decreasing.
 */
public final class LogCurve {
    private final double[] x, lx, ly;

    private LogCurve(double[] x, double[] lx, double[] ly) {
        this.x = x;
        this.lx = lx;
        this.ly = ly;
    }

    /** @param x strictly ascending, positive; y positive and finite, same length (at least one point) */
    public static LogCurve of(double[] x, double[] y) {
        if (x.length == 0 || x.length != y.length) throw new IllegalArgumentException("a curve needs as many x as y values, at least one");
        double[] lx = new double[x.length], ly = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0) || !(y[i] > 0) || !Double.isFinite(y[i]) || (i > 0 && !(x[i] > x[i - 1])))
                throw new IllegalArgumentException("curve points must have ascending positive x and positive y: x=" + x[i] + " y=" + y[i]);
            lx[i] = Math.log(x[i]);
            ly[i] = Math.log(y[i]);
        }
        return new LogCurve(x.clone(), lx, ly);
    }

    public double at(double v) {
        int n = x.length;
        if (v <= x[0]) return Math.exp(ly[0]);
        double l = Math.log(v);
        if (v >= x[n - 1]) {
            if (n == 1) return Math.exp(ly[0]);
            double slope = Math.max(0, (ly[n - 1] - ly[n - 2]) / (lx[n - 1] - lx[n - 2]));
            return Math.exp(ly[n - 1] + slope * (l - lx[n - 1]));
        }
        int lo = 0, hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= v) lo = mid; else hi = mid;
        }
        double f = (l - lx[lo]) / (lx[hi] - lx[lo]);
        return Math.exp(ly[lo] + f * (ly[hi] - ly[lo]));
    }

    /**
     * The closest never-decreasing curve in log time (least squares, pool-adjacent-violators): points where the
     * measurements already grow are kept exactly; a dip and its neighbours are replaced by their geometric mean.
     */
    public LogCurve monotone() {
        int n = x.length;
        double[] mean = new double[n];
        int[] size = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            mean[blocks] = ly[i];
            size[blocks] = 1;
            blocks++;
            while (blocks > 1 && mean[blocks - 2] > mean[blocks - 1]) {
                int s = size[blocks - 2] + size[blocks - 1];
                mean[blocks - 2] = (mean[blocks - 2] * size[blocks - 2] + mean[blocks - 1] * size[blocks - 1]) / s;
                size[blocks - 2] = s;
                blocks--;
            }
        }
        double[] y = new double[n];
        for (int b = 0, i = 0; b < blocks; b++) for (int j = 0; j < size[b]; j++) y[i++] = Math.exp(mean[b]);
        return of(x, y);
    }

    /** The points' x values (a copy). */
    public double[] xs() { return x.clone(); }

    /** This curve times {@code factor} (work that scales linearly, e.g. more heads than measured). */
    public LogCurve scaled(double factor) {
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = Math.exp(ly[i]) * factor;
        return of(x, y);
    }

    @Override public String toString() { return "LogCurve" + Arrays.toString(x); }
}
