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
        for (; p < end; p++) h = (h ^ data.getByte(p)) * 0xc4ceb9fe1a85ec53L;
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

    private static long[] words(byte[] b) {
        long[] w = new long[b.length / 8];
        for (int i = 0; i < w.length; i++) {
            long x = 0;
            for (int k = 7; k >= 0; k--) x = (x << 8) | (b[i * 8 + k] & 0xff);
            w[i] = x;
        }
        return w;
    }

    private static long hashOf(byte[] b) {
        long h = 0x9E3779B97F4A7C15L ^ b.length;
        int p = 0;
        for (; p + 8 <= b.length; p += 8) {
            long w = 0;
            for (int k = 7; k >= 0; k--) w = (w << 8) | (b[p + k] & 0xff); // little-endian, as ArrowBuf.getLong
            h = (h ^ w) * 0xff51afd7ed558ccdL;
        }
        for (; p < b.length; p++) h = (h ^ b[p]) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 29);
    }

    private static boolean equal(byte[] b, long[] w, ArrowBuf data, long start, int len) {
        if (b.length != len) return false;
        for (int i = 0; i < w.length; i++) if (w[i] != data.getLong(start + 8L * i)) return false;
        for (int k = w.length * 8; k < len; k++) if (b[k] != data.getByte(start + k)) return false;
        return true;
    }

    @Override public String toString() { return "TextInterner" + Arrays.toString(strings.toArray()); }
}
