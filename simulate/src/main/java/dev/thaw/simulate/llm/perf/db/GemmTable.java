package dev.thaw.simulate.llm.perf.db;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Measured GEMM times of one data type: a weight of k inputs x n outputs applied to m tokens (AIConfigurator's
 * m, n, k). For one weight shape {@link #curve} gives the time over m: where the measured (n, k) grid brackets the
 * shape, bilinear in (log n, log k) on log time at each measured m; outside it, the nearest measured shape scaled
 * by the ratio of n x k (time grows linearly with the weight, at any m, once the kernel is past its floor; below
 * the smallest measured weight it stays at the floor).
 */
public final class GemmTable {
    private final Map<Long, LogCurve> curves;
    private final double[] ns, ks;

    private GemmTable(Map<Long, LogCurve> curves, double[] ns, double[] ks) {
        this.curves = curves;
        this.ns = ns;
        this.ks = ks;
    }

    /** Collects (m, n, k, seconds) points; repeated points keep the fastest (the collector's best run). */
    public static final class Builder {
        private final Map<Long, TreeMap<Double, Double>> points = new HashMap<>();

        public Builder add(double m, double n, double k, double seconds) {
            if (!(m >= 1 && n >= 1 && k >= 1 && seconds > 0)) return this;
            points.computeIfAbsent(key(n, k), x -> new TreeMap<>()).merge(m, seconds, Math::min);
            return this;
        }

        public boolean isEmpty() { return points.isEmpty(); }

        public GemmTable build() {
            Map<Long, LogCurve> curves = new HashMap<>();
            TreeSet<Double> n = new TreeSet<>(), k = new TreeSet<>();
            points.forEach((key, pts) -> {
                curves.put(key, LogCurve.of(pts.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                        pts.values().stream().mapToDouble(Double::doubleValue).toArray()));
                n.add((double) (key >>> 32));
                k.add((double) (key & 0xffffffffL));
            });
            return new GemmTable(curves, n.stream().mapToDouble(Double::doubleValue).toArray(), k.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    private static long key(double n, double k) { return ((long) n << 32) | (long) k; }

    /** Measured weight shapes. */
    public int shapes() { return curves.size(); }

    /** Time over tokens of a k-input x n-output weight (n and k need not be measured values). */
    public LogCurve curve(double n, double k) {
        LogCurve exact = curves.get(key(n, k));
        if (exact != null && n == Math.rint(n) && k == Math.rint(k)) return exact;
        int i = bracket(ns, n), j = bracket(ks, k);
        if (i >= 0 && j >= 0) {
            LogCurve c00 = curves.get(key(ns[i], ks[j])), c01 = curves.get(key(ns[i], ks[j + 1]));
            LogCurve c10 = curves.get(key(ns[i + 1], ks[j])), c11 = curves.get(key(ns[i + 1], ks[j + 1]));
            if (c00 != null && c01 != null && c10 != null && c11 != null) {
                double fn = Math.log(n / ns[i]) / Math.log(ns[i + 1] / ns[i]), fk = Math.log(k / ks[j]) / Math.log(ks[j + 1] / ks[j]);
                double[] ms = c00.xs(), ts = new double[ms.length];
                for (int q = 0; q < ms.length; q++) {
                    double m = ms[q];
                    double l0 = Math.log(c00.at(m)) * (1 - fk) + Math.log(c01.at(m)) * fk;
                    double l1 = Math.log(c10.at(m)) * (1 - fk) + Math.log(c11.at(m)) * fk;
                    ts[q] = Math.exp(l0 * (1 - fn) + l1 * fn);
                }
                return LogCurve.of(ms, ts);
            }
        }
        return nearest(n, k);
    }

    /** The measured shape closest in (log n, log k), scaled by the weight ratio where the shape is larger. */
    private LogCurve nearest(double n, double k) {
        long best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (long key : curves.keySet()) {
            double dn = Math.log(n / (key >>> 32)), dk = Math.log(k / (key & 0xffffffffL));
            double d = dn * dn + dk * dk;
            if (d < bestD || (d == bestD && key < best)) { bestD = d; best = key; }
        }
        double ratio = n * k / ((double) (best >>> 32) * (best & 0xffffffffL));
        LogCurve c = curves.get(best);
        return ratio > 1 ? c.scaled(ratio) : c;
    }

    /** Index i with v in [xs[i], xs[i+1]], or -1 outside. */
    private static int bracket(double[] xs, double v) {
        if (xs.length < 2 || v < xs[0] || v > xs[xs.length - 1]) return -1;
        int lo = 0, hi = xs.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] <= v) lo = mid; else hi = mid;
        }
        return lo;
    }
}
