package dev.thaw.analysis.agg;

/** Open-addressing map from long keys to objects for hot-path group lookups (no boxing). */
public final class LongObjectMap<V> {
    private long[] keys = new long[16];
    private Object[] values = new Object[16];
    private int size;

    @SuppressWarnings("unchecked")
    public V get(long key) {
        int mask = keys.length - 1;
        for (int s = slot(key, mask); ; s = (s + 1) & mask) {
            Object v = values[s];
            if (v == null) return null;
            if (keys[s] == key) return (V) v;
        }
    }

    public void put(long key, V value) {
        if (value == null) throw new IllegalArgumentException("null value");
        if ((size + 1) * 2 > keys.length) grow();
        int mask = keys.length - 1;
        for (int s = slot(key, mask); ; s = (s + 1) & mask) {
            if (values[s] == null) { keys[s] = key; values[s] = value; size++; return; }
            if (keys[s] == key) { values[s] = value; return; }
        }
    }

    public int size() { return size; }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] ok = keys;
        Object[] ov = values;
        keys = new long[ok.length * 2];
        values = new Object[ok.length * 2];
        size = 0;
        for (int i = 0; i < ok.length; i++) if (ov[i] != null) putRaw(ok[i], ov[i]);
    }

    private void putRaw(long key, Object v) {
        int mask = keys.length - 1;
        int s = slot(key, mask);
        while (values[s] != null) s = (s + 1) & mask;
        keys[s] = key;
        values[s] = v;
        size++;
    }
}
