package dev.thaw.simulate.faas;

import java.util.Arrays;

/** Binary min-heap of (time, payload) pairs on primitive arrays: no allocation per push once grown. */
final class EventHeap {
    private double[] time = new double[64];
    private long[] payload = new long[64];
    private int size;

    int size() { return size; }
    boolean isEmpty() { return size == 0; }
    double minTime() { return size == 0 ? Double.POSITIVE_INFINITY : time[0]; }
    long minPayload() { return payload[0]; }

    void push(double t, long p) {
        if (size == time.length) {
            time = Arrays.copyOf(time, size * 2);
            payload = Arrays.copyOf(payload, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (time[parent] <= t) break;
            time[i] = time[parent];
            payload[i] = payload[parent];
            i = parent;
        }
        time[i] = t;
        payload[i] = p;
    }

    /** Removes the minimum (read it first with {@link #minTime()} / {@link #minPayload()}). */
    void pop() {
        int n = --size;
        if (n == 0) return;
        double t = time[n];
        long p = payload[n];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) break;
            if (c + 1 < n && time[c + 1] < time[c]) c++;
            if (time[c] >= t) break;
            time[i] = time[c];
            payload[i] = payload[c];
            i = c;
        }
        time[i] = t;
        payload[i] = p;
    }

    void clear() { size = 0; }
}
