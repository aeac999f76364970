package dev.thaw.analysis.agg;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Deterministic, exactly mergeable uniform sample of at most k rows (each a fixed-width double tuple): keeps the
 * rows with the k smallest 64-bit hashes of a caller-given row identity. Because the kept set depends only on the
 * hashes, merging samples of disjoint parts gives the very sample a single pass would keep, whatever the split or
 * thread count. Used for fitting distributions to data too large to hold.
 */
public final class BottomKSample implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int k, width;
    // max-heap on hash: slot 0 holds the largest kept hash (the admission threshold)
    private long[] hashes;
    private double[] rows;
    private int size;

    public BottomKSample(int k, int width) {
        if (k < 1 || width < 1) throw new IllegalArgumentException("k and width must be >= 1");
        this.k = k;
        this.width = width;
        this.hashes = new long[Math.min(k, 1024)];
        this.rows = new double[hashes.length * width];
    }

    /** Offers a row with identity hash {@code h} (use {@link #mix}); values are copied. */
    public void offer(long h, double... row) {
        if (size == k) {
            if (Long.compareUnsigned(h, hashes[0]) >= 0) return;
            hashes[0] = h;
            System.arraycopy(row, 0, rows, 0, width);
            siftDown(0);
            return;
        }
        if (size == hashes.length) {
            int cap = Math.min(k, hashes.length * 2);
            hashes = Arrays.copyOf(hashes, cap);
            rows = Arrays.copyOf(rows, cap * width);
        }
        int i = size++;
        hashes[i] = h;
        System.arraycopy(row, 0, rows, i * width, width);
        siftUp(i);
    }

    public BottomKSample merge(BottomKSample o) {
        if (o.k != k || o.width != width) throw new IllegalArgumentException("sample shapes differ");
        double[] row = new double[width];
        for (int i = 0; i < o.size; i++) {
            System.arraycopy(o.rows, i * width, row, 0, width);
            offer(o.hashes[i], row);
        }
        return this;
    }

    public int size() { return size; }

    /** Column {@code c} of the kept rows, in ascending hash order (a deterministic, split-independent order). */
    public double[] column(int c) {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Long.compareUnsigned(hashes[a], hashes[b]));
        double[] out = new double[size];
        for (int i = 0; i < size; i++) out[i] = rows[idx[i] * width + c];
        return out;
    }

    /** SplitMix64 finaliser: a well-mixed hash of a 64-bit identity. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Hash of two doubles (e.g. a timestamp and a value) as a row identity. */
    public static long mix(double a, double b) {
        return mix(mix(Double.doubleToLongBits(a)) + Double.doubleToLongBits(b));
    }

    private void siftUp(int i) {
        while (i > 0) {
            int p = (i - 1) / 2;
            if (Long.compareUnsigned(hashes[p], hashes[i]) >= 0) return;
            swap(i, p);
            i = p;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1, r = l + 1, m = i;
            if (l < size && Long.compareUnsigned(hashes[l], hashes[m]) > 0) m = l;
            if (r < size && Long.compareUnsigned(hashes[r], hashes[m]) > 0) m = r;
            if (m == i) return;
            swap(i, m);
            i = m;
        }
    }

    private void swap(int a, int b) {
        long h = hashes[a]; hashes[a] = hashes[b]; hashes[b] = h;
        for (int c = 0; c < width; c++) {
            double t = rows[a * width + c];
            rows[a * width + c] = rows[b * width + c];
            rows[b * width + c] = t;
        }
    }

    @Override public boolean equals(Object o) {
        if (!(o instanceof BottomKSample s) || s.k != k || s.width != width || s.size != size) return false;
        for (int c = 0; c < width; c++) if (!Arrays.equals(column(c), s.column(c))) return false;
        return true;
    }

    @Override public int hashCode() { return size; }
}
