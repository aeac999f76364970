package dev.thaw.simulate.llm.engine;

/** A growable ring buffer of ints (request indices), double-ended: preempted requests go back to the front. */
final class IntDeque {
    private int[] a = new int[64];
    private int head, size;

    int size() { return size; }
    boolean isEmpty() { return size == 0; }

    int peekFirst() {
        if (size == 0) throw new IllegalStateException("empty");
        return a[head];
    }

    int pollFirst() {
        int v = peekFirst();
        head = (head + 1) & (a.length - 1);
        size--;
        return v;
    }

    void addLast(int v) {
        grow();
        a[(head + size) & (a.length - 1)] = v;
        size++;
    }

    void addFirst(int v) {
        grow();
        head = (head - 1) & (a.length - 1);
        a[head] = v;
        size++;
    }

    private void grow() {
        if (size < a.length) return;
        int[] b = new int[a.length * 2];
        for (int i = 0; i < size; i++) b[i] = a[(head + i) & (a.length - 1)];
        a = b;
        head = 0;
    }
}
