package dev.thaw.analysis.agg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.VarCharVector;

/**
 * Maps the utf8 values of a column to small dense ids without decoding them to Strings (the hot path of grouping
 * by region, pool or funcID): the bytes are hashed in place and compared against the bytes already seen.
 * Id -1 stands for null. Not serializable on purpose: it is a per-instance cache; aggregators keep the Strings.
 */
public final class TextInterner {
    private int[] table = new int[64]; // slot -> id + 1, 0 empty
    private long[] slotHash = new long[64];
    private final List<byte[]> bytes = new ArrayList<>();
    private final List<long[]> words = new ArrayList<>(); // bytes as little-endian 64-bit words, for fast compares
    private final List<String> strings = new ArrayList<>();

    public int id(VarCharVector v, int i) {
        if (v.isNull(i)) return -1;
        ArrowBuf data = v.getDataBuffer();
        long start = v.getStartOffset(i), end = v.getEndOffset(i);
        int len = (int) (end - start);
        long h = 0x9E3779B97F4A7C15L ^ len;
        long p = start;
        for (; p + 8 <= end; p += 8) h = (h ^ data.getLong(p)) * 0xff51afd7ed558ccdL;
        if (p < end) h = (h ^ tail(data, p, (int) (end - p))) * 0xff51afd7ed558ccdL;
        h ^= h >>> 29;
        int mask = table.length - 1;
        for (int s = (int) h & mask; ; s = (s + 1) & mask) {
            int e = table[s];
            if (e == 0) return insert(s, h, data, start, len);
            if (slotHash[s] == h && equal(bytes.get(e - 1), words.get(e - 1), data, start, len)) return e - 1;
        }
    }

    /** Id of a Java string (inserting it if new). */
    public int id(String s) {
        if (s == null) return -1;
        int i = strings.indexOf(s);
        if (i >= 0) return i;
        strings.add(s);
        bytes.add(s.getBytes(StandardCharsets.UTF_8));
        words.add(words(bytes.get(bytes.size() - 1)));
        rehash(table.length);
        return strings.size() - 1;
    }

    public String string(int id) { return id < 0 ? null : strings.get(id); }

    public int size() { return strings.size(); }

    private int insert(int slot, long h, ArrowBuf data, long start, int len) {
        byte[] b = new byte[len];
        data.getBytes(start, b);
        bytes.add(b);
        words.add(words(b));
        strings.add(new String(b, StandardCharsets.UTF_8));
        table[slot] = strings.size();
        slotHash[slot] = h;
        if (strings.size() * 2 > table.length) rehash(table.length * 2);
        return strings.size() - 1;
    }

    private void rehash(int cap) {
        table = new int[cap];
        slotHash = new long[cap];
        for (int id = 0; id < bytes.size(); id++) {
            byte[] b = bytes.get(id);
            long h = hashOf(b);
            int s = (int) h & (cap - 1);
            while (table[s] != 0) s = (s + 1) & (cap - 1);
            table[s] = id + 1;
            slotHash[s] = h;
        }
    }

    /** The bytes as little-endian 64-bit words (as ArrowBuf.getLong reads them), the last one zero-padded. */
    private static long[] words(byte[] b) {
        long[] w = new long[(b.length + 7) / 8];
        for (int i = 0; i < b.length; i++) w[i / 8] |= (b[i] & 0xffL) << (8 * (i % 8));
        return w;
    }

    /** The last 1..7 bytes of a value as a zero-padded word: one masked read when the buffer allows it. */
    private static long tail(ArrowBuf data, long p, int n) {
        if (p + 8 <= data.capacity()) return data.getLong(p) & (-1L >>> (64 - 8 * n));
        long x = 0;
        for (int k = 0; k < n; k++) x |= (data.getByte(p + k) & 0xffL) << (8 * k);
        return x;
    }

    private static long hashOf(byte[] b) {
        long h = 0x9E3779B97F4A7C15L ^ b.length;
        for (long w : words(b)) h = (h ^ w) * 0xff51afd7ed558ccdL;
        return h ^ (h >>> 29);
    }

    private static boolean equal(byte[] b, long[] w, ArrowBuf data, long start, int len) {
        if (b.length != len) return false;
        int full = len / 8;
        for (int i = 0; i < full; i++) if (w[i] != data.getLong(start + 8L * i)) return false;
        return full == w.length || w[full] == tail(data, start + 8L * full, len - 8 * full);
    }

    @Override public String toString() { return "TextInterner" + Arrays.toString(strings.toArray()); }
}
