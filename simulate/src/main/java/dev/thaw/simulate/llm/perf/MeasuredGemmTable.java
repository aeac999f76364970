package dev.thaw.simulate.llm.perf;

import dev.thaw.ingest.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GEMM times measured on one GPU, in the APEX profile layout ({@code gpu,dtype,m,k,n,time(us)}: a weight of k
 * inputs x m outputs applied to n tokens; m and k on a power-of-two grid). Where the grid brackets a shape, the
 * time is interpolated: log-log in n for each of the four surrounding (m, k) grid points, then bilinear in
 * (log2 m, log2 k) on log time. Shapes outside the grid return NaN and the caller uses the analytic roofline.
 * Only 16-bit ({@code half}) rows are read, so the table applies to BF16/FP16 weights.
 */
public final class MeasuredGemmTable {
    /** (m, k) -> {n ascending, seconds}. */
    private final Map<Long, double[][]> curves;
    private final String source;

    private MeasuredGemmTable(Map<Long, double[][]> curves, String source) {
        this.curves = curves;
        this.source = source;
    }

    public static MeasuredGemmTable read(Path csv) {
        Map<Long, TreeMap<Integer, Double>> raw = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(csv)) {
            String header = r.readLine();
            if (header == null || !header.startsWith("gpu,dtype,m,k,n,time(us)"))
                throw new BadInputException(csv.toString(), 1, null, header, "header gpu,dtype,m,k,n,time(us)");
            String line;
            long no = 1;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) continue;
                String[] c = line.split(",");
                if (c.length != 6) throw new BadInputException(csv.toString(), no, null, line, "6 columns");
                if (!c[1].equals("half")) continue;
                try {
                    int m = Integer.parseInt(c[2]), k = Integer.parseInt(c[3]), n = Integer.parseInt(c[4]);
                    double t = Double.parseDouble(c[5]) * 1e-6;
                    if (m <= 0 || k <= 0 || n <= 0 || !(t > 0)) throw new NumberFormatException();
                    raw.computeIfAbsent(key(m, k), x -> new TreeMap<>()).merge(n, t, Math::min);
                } catch (NumberFormatException e) {
                    throw new BadInputException(csv.toString(), no, null, line, "positive integers m, k, n and a positive time");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        if (raw.isEmpty()) throw BadInputException.ofFile(csv, "no half-precision GEMM rows");
        Map<Long, double[][]> curves = new HashMap<>();
        for (Map.Entry<Long, TreeMap<Integer, Double>> e : raw.entrySet()) {
            List<double[]> pts = new ArrayList<>();
            e.getValue().forEach((n, t) -> pts.add(new double[] {n, t}));
            double[] ns = new double[pts.size()], ts = new double[pts.size()];
            for (int i = 0; i < ns.length; i++) { ns[i] = pts.get(i)[0]; ts[i] = pts.get(i)[1]; }
            curves.put(e.getKey(), new double[][] {ns, ts});
        }
        return new MeasuredGemmTable(curves, csv.toString());
    }

    private static long key(long m, long k) { return (m << 32) | k; }

    /** Seconds of a (k in x m out) GEMM over n tokens, or NaN where the table does not bracket the shape. */
    public double seconds(double m, double k, double n) {
        if (!(m >= 1 && k >= 1 && n >= 1)) return Double.NaN;
        long m0 = Long.highestOneBit((long) Math.floor(m)), k0 = Long.highestOneBit((long) Math.floor(k));
        long m1 = m0 == m ? m0 : m0 * 2, k1 = k0 == k ? k0 : k0 * 2;
        double t00 = inN(m0, k0, n), t01 = inN(m0, k1, n), t10 = inN(m1, k0, n), t11 = inN(m1, k1, n);
        if (Double.isNaN(t00 + t01 + t10 + t11)) return Double.NaN;
        double fm = m1 == m0 ? 0 : (Math.log(m) - Math.log(m0)) / (Math.log(m1) - Math.log(m0));
        double fk = k1 == k0 ? 0 : (Math.log(k) - Math.log(k0)) / (Math.log(k1) - Math.log(k0));
        double l0 = Math.log(t00) * (1 - fk) + Math.log(t01) * fk, l1 = Math.log(t10) * (1 - fk) + Math.log(t11) * fk;
        return Math.exp(l0 * (1 - fm) + l1 * fm);
    }

    private double inN(long m, long k, double n) {
        double[][] c = curves.get(key(m, k));
        if (c == null) return Double.NaN;
        double[] ns = c[0], ts = c[1];
        if (n < ns[0] || n > ns[ns.length - 1]) return Double.NaN;
        int lo = 0, hi = ns.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (ns[mid] <= n) lo = mid; else hi = mid;
        }
        if (ns[lo] == n) return ts[lo];
        if (ns[hi] == n) return ts[hi];
        double f = Math.log(n / ns[lo]) / Math.log(ns[hi] / ns[lo]);
        return Math.exp(Math.log(ts[lo]) + f * (Math.log(ts[hi]) - Math.log(ts[lo])));
    }

    @Override public String toString() { return "measured GEMM table (" + source + ")"; }
}
