package dev.thaw.workload.calibrate;

import java.util.Arrays;

/** Straightforward implementations of {@link BurstinessStats}, O(n log n) at most. */
public final class SimpleBurstinessStats implements BurstinessStats {
    public static final SimpleBurstinessStats INSTANCE = new SimpleBurstinessStats();

    @Override public double iatCv(double[] t) {
        if (t.length < 3) return Double.NaN;
        double s = 0, s2 = 0;
        int n = t.length - 1;
        for (int i = 1; i < t.length; i++) { double g = t[i] - t[i - 1]; s += g; s2 += g * g; }
        double mean = s / n, var = s2 / n - mean * mean;
        return Math.sqrt(Math.max(var, 0)) / mean;
    }

    @Override public double idc(double[] t, double windowS) {
        long[] c = counts(t, windowS);
        if (c.length < 2) return Double.NaN;
        double s = 0, s2 = 0;
        for (long x : c) { s += x; s2 += (double) x * x; }
        double mean = s / c.length;
        return (s2 / c.length - mean * mean) / mean;
    }

    /** Counts in consecutive full windows [t0 + kT, t0 + (k+1)T) covering the trace; the partial last window is dropped. */
    public static long[] counts(double[] t, double windowS) {
        if (t.length == 0) return new long[0];
        double t0 = t[0];
        int n = (int) Math.floor((t[t.length - 1] - t0) / windowS);
        long[] c = new long[n];
        for (double x : t) {
            int k = (int) ((x - t0) / windowS);
            if (k < n) c[k]++;
        }
        return c;
    }

    @Override public double hurst(double[] t) {
        long[] base = counts(t, 1.0);
        int n = base.length;
        if (n < 64) return Double.NaN;
        // var of the m-aggregated mean series ~ m^(2H - 2); least squares on log-log over m = 1, 2, 4, ... n/8
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int k = 0;
        for (int m = 1; m <= n / 8; m *= 2) {
            int blocks = n / m;
            double s = 0, s2 = 0;
            for (int b = 0; b < blocks; b++) {
                double sum = 0;
                for (int j = 0; j < m; j++) sum += base[b * m + j];
                double mean = sum / m;
                s += mean; s2 += mean * mean;
            }
            double mu = s / blocks, var = s2 / blocks - mu * mu;
            if (var <= 0) continue;
            double x = Math.log(m), y = Math.log(var);
            sx += x; sy += y; sxx += x * x; sxy += x * y; k++;
        }
        if (k < 3) return Double.NaN;
        double slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
        return 1 + slope / 2;
    }

    @Override public double ks(double[] a, double[] b) {
        double[] x = sorted(a), y = sorted(b);
        int i = 0, j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] <= v) i++;
            while (j < y.length && y[j] <= v) j++;
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    @Override public double wasserstein(double[] a, double[] b) {
        double[] x = sorted(a), y = sorted(b);
        if (x.length == 0 || y.length == 0) return Double.NaN;
        int i = 0, j = 0;
        double prev = Math.min(x[0], y[0]), w = 0;
        while (i < x.length || j < y.length) {
            double v = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
            w += Math.abs((double) i / x.length - (double) j / y.length) * (v - prev);
            prev = v;
            while (i < x.length && x[i] == v) i++;
            while (j < y.length && y[j] == v) j++;
        }
        return w;
    }

    private static double[] sorted(double[] a) {
        double[] c = a.clone();
        Arrays.sort(c);
        return c;
    }
}
