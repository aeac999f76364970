package dev.thaw.simulate.faas;

import java.util.Arrays;

/** Min-heap over integer ids with double keys and O(log n) update or removal of any id (used for eviction order). */
final class IndexedMinHeap {
    private int[] heap = new int[64];
    private double[] key = new double[64];   // by id
    private int[] pos = new int[64];          // by id; -1 when absent
    private int size;

    IndexedMinHeap() { Arrays.fill(pos, -1); }

    int size() { return size; }
    boolean contains(int id) { return id < pos.length && pos[id] >= 0; }
    int minId() { return heap[0]; }
    double minKey() { return key[heap[0]]; }

    void set(int id, double k) {
        ensureId(id);
        if (pos[id] < 0) {
            if (size == heap.length) heap = Arrays.copyOf(heap, size * 2);
            heap[size] = id;
            pos[id] = size++;
            key[id] = k;
            up(pos[id]);
        } else {
            double old = key[id];
            key[id] = k;
            if (k < old) up(pos[id]); else down(pos[id]);
        }
    }

    void remove(int id) {
        if (!contains(id)) return;
        int i = pos[id];
        int last = heap[--size];
        pos[id] = -1;
        if (i == size) return;
        heap[i] = last;
        pos[last] = i;
        up(i);
        down(pos[last]);
    }

    private void ensureId(int id) {
        if (id >= pos.length) {
            int n = Math.max(id + 1, pos.length * 2);
            int old = pos.length;
            pos = Arrays.copyOf(pos, n);
            Arrays.fill(pos, old, n, -1);
            key = Arrays.copyOf(key, n);
        }
    }

    private void up(int i) {
        int id = heap[i];
        double k = key[id];
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (key[heap[p]] <= k) break;
            heap[i] = heap[p];
            pos[heap[i]] = i;
            i = p;
        }
        heap[i] = id;
        pos[id] = i;
    }

    private void down(int i) {
        int id = heap[i];
        double k = key[id];
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) break;
            if (c + 1 < size && key[heap[c + 1]] < key[heap[c]]) c++;
            if (key[heap[c]] >= k) break;
            heap[i] = heap[c];
            pos[heap[i]] = i;
            i = c;
        }
        heap[i] = id;
        pos[id] = i;
    }
}
