package dev.thaw.ingest.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;

/**
 * BINARY (UTF-8 text) columns from Arrow variable-width vectors: the value bytes of a row range are copied out of
 * Arrow once, then written as PLAIN (length, bytes) or looked up in a per-chunk dictionary.
 */
final class BinaryChunkEncoder extends ColumnChunkEncoder {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BIG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private byte[] chunk = new byte[1 << 16];
    /** The dictionary in its PLAIN page layout (4-byte length, bytes); entries located by start and length. */
    private final PageBytes dict = new PageBytes(1 << 12);
    private int[] entryStart = new int[256], entryLen = new int[256], entryHash = new int[256];
    private int dictSize;
    private int[] table = new int[512];
    private int mask = table.length - 1;
    /** Position and length of the page's least and greatest PLAIN value inside {@link #values}. */
    private int minPos, minLen, maxPos, maxLen;
    private long minKey, maxKey;

    BinaryChunkEncoder(ColumnDescriptor d, boolean dictionary) { super(d, dictionary); }

    @Override void append(FieldVector vector, int from, int to) {
        BaseVariableWidthVector v = (BaseVariableWidthVector) vector;
        ArrowBuf offsets = v.getOffsetBuffer(), data = v.getDataBuffer();
        boolean nulls = v.getNullCount() > 0;
        int base = offsets.getInt((long) from << 2), end = offsets.getInt((long) to << 2);
        if (chunk.length < end - base) chunk = new byte[Math.max(end - base, chunk.length * 2)];
        data.getBytes(base, chunk, 0, end - base);
        int s = 0;
        for (int i = from; i < to; i++) {
            int e = offsets.getInt((long) (i + 1) << 2) - base;
            int start = s, len = e - s;
            s = e;
            if (pageFull()) flushPage();
            if (nulls && v.isNull(i)) { addNull(); continue; }
            if (dictionary) {
                int id = idOf(chunk, start, len);
                if (id >= 0) { defs[pageRows++] = 1; ids[pageValues++] = id; continue; }
                fallBack();
            }
            defs[pageRows++] = 1;
            values.writeIntLE(len);
            int at = values.size;
            values.write(chunk, start, len);
            // Min and max by their first eight bytes (big-endian, zero-padded: the same order as the bytes'), and
            // by all bytes only when those tie.
            long key = prefix(values.buf, at, len);
            if (pageValues == 0) { minPos = maxPos = at; minLen = maxLen = len; minKey = maxKey = key; }
            else {
                byte[] b = values.buf;
                int toMin = Long.compareUnsigned(key, minKey), toMax = Long.compareUnsigned(key, maxKey);
                if (toMin < 0 || toMin == 0 && compareAfterPrefix(b, at, len, minPos, minLen) < 0) { minPos = at; minLen = len; minKey = key; }
                else if (toMax > 0 || toMax == 0 && compareAfterPrefix(b, at, len, maxPos, maxLen) > 0) { maxPos = at; maxLen = len; maxKey = key; }
            }
            pageValues++;
        }
    }

    /**
     * Orders two values of {@code b} whose {@link #prefix}es are equal, as {@link Arrays#compareUnsigned} would, eight
     * bytes at a time: ties on the prefix are common (pod ids of one pool share their first 15 bytes), and this
     * inlined loop costs a fraction of the library call on such short values.
     */
    static int compareAfterPrefix(byte[] b, int a, int aLen, int c, int cLen) {
        if (aLen < 8 || cLen < 8) return Arrays.compareUnsigned(b, a, a + aLen, b, c, c + cLen);
        int n = Math.min(aLen, cLen), k = 8;
        for (; k + 8 <= n; k += 8) {
            long x = (long) BIG.get(b, a + k), y = (long) BIG.get(b, c + k);
            if (x != y) return Long.compareUnsigned(x, y);
        }
        for (; k < n; k++) {
            int d = (b[a + k] & 0xff) - (b[c + k] & 0xff);
            if (d != 0) return d;
        }
        return aLen - cLen;
    }

    /** The first eight bytes as an unsigned big-endian number, zero-padded when shorter. */
    static long prefix(byte[] b, int off, int len) {
        if (len >= 8 && off + 8 <= b.length) return (long) BIG.get(b, off);
        long k = 0;
        for (int i = 0; i < 8; i++) k = (k << 8) | (i < len ? b[off + i] & 0xff : 0);
        return k;
    }

    private static int hash(byte[] b, int off, int len) {
        long h = len * 0x9E3779B97F4A7C15L;
        int k = 0;
        for (; k + 8 <= len; k += 8) h = Long.rotateLeft(h ^ (long) LONGS.get(b, off + k), 29) * 0xBF58476D1CE4E5B9L;
        for (; k < len; k++) h = (h ^ b[off + k]) * 0x94D049BB133111EBL;
        return (int) (h ^ (h >>> 31));
    }

    private int idOf(byte[] b, int off, int len) {
        int h = hash(b, off, len);
        int slot = h & mask;
        while (true) {
            int e = table[slot];
            if (e == 0) break;
            int id = e - 1;
            if (entryHash[id] == h && entryLen[id] == len
                    && Arrays.equals(dict.buf, entryStart[id], entryStart[id] + len, b, off, off + len)) return id;
            slot = (slot + 1) & mask;
        }
        if (dict.size + 4L + len > MAX_DICTIONARY_BYTES) return -1;
        if (dictSize == entryStart.length) {
            entryStart = Arrays.copyOf(entryStart, dictSize * 2);
            entryLen = Arrays.copyOf(entryLen, dictSize * 2);
            entryHash = Arrays.copyOf(entryHash, dictSize * 2);
        }
        dict.writeIntLE(len);
        entryStart[dictSize] = dict.size;
        entryLen[dictSize] = len;
        entryHash[dictSize] = h;
        dict.write(b, off, len);
        table[slot] = ++dictSize;
        if (dictSize * 2 > table.length) rehash();
        return dictSize - 1;
    }

    private void rehash() {
        table = new int[table.length * 2];
        mask = table.length - 1;
        for (int id = 0; id < dictSize; id++) {
            int slot = entryHash[id] & mask;
            while (table[slot] != 0) slot = (slot + 1) & mask;
            table[slot] = id + 1;
        }
    }

    private int compareEntries(int a, int b) {
        return Arrays.compareUnsigned(dict.buf, entryStart[a], entryStart[a] + entryLen[a], dict.buf, entryStart[b], entryStart[b] + entryLen[b]);
    }

    @Override protected void addMinMax(Statistics<?> stats, boolean ofDictionary) {
        if (ofDictionary) {
            int min = ids[0], max = ids[0];
            for (int k = 1; k < pageValues; k++) {
                int id = ids[k];
                if (id == min || id == max) continue;
                if (compareEntries(id, min) < 0) min = id;
                else if (compareEntries(id, max) > 0) max = id;
            }
            stats.updateStats(entry(dict.buf, entryStart[min], entryLen[min]));
            stats.updateStats(entry(dict.buf, entryStart[max], entryLen[max]));
        } else {
            stats.updateStats(entry(values.buf, minPos, minLen));
            stats.updateStats(entry(values.buf, maxPos, maxLen));
        }
    }

    private static Binary entry(byte[] b, int off, int len) { return Binary.fromConstantByteArray(Arrays.copyOfRange(b, off, off + len)); }

    @Override protected int dictionarySize() { return dictSize; }

    @Override protected BytesInput dictionaryBytes() { return BytesInput.from(Arrays.copyOf(dict.buf, dict.size)); }

    @Override protected void clearDictionary() {
        if (dictSize > 0) Arrays.fill(table, 0);
        dictSize = 0;
        dict.reset();
    }
}
