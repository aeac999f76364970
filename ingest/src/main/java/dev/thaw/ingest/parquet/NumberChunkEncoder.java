package dev.thaw.ingest.parquet;

import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/** DOUBLE and INT64 columns: 64-bit values copied from the Arrow data buffer; dictionary keyed by the raw bits. */
final class NumberChunkEncoder extends ColumnChunkEncoder {
    private final boolean isDouble;
    private long[] dict = new long[1024];
    private int dictSize;
    private int[] table = new int[2048]; // open addressing: id + 1, 0 = empty
    private int mask = table.length - 1;

    NumberChunkEncoder(ColumnDescriptor d, boolean dictionary) {
        super(d, dictionary);
        isDouble = d.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.DOUBLE;
    }

    @Override void append(FieldVector v, int from, int to) {
        ArrowBuf data = v.getDataBuffer();
        boolean nulls = v.getNullCount() > 0;
        if (!nulls && !dictionary) { appendPlain(data, from, to); return; }
        for (int i = from; i < to; i++) {
            if (pageFull()) flushPage();
            if (nulls && v.isNull(i)) { addNull(); continue; }
            long bits = data.getLong((long) i << 3);
            if (dictionary) {
                int id = idOf(bits);
                if (id >= 0) { defs[pageRows++] = 1; ids[pageValues++] = id; continue; }
                fallBack();
            }
            defs[pageRows++] = 1;
            values.writeLongLE(bits);
            pageValues++;
        }
    }

    /** PLAIN values without nulls: Arrow's little-endian data buffer is the page layout, copied a page at a time. */
    private void appendPlain(ArrowBuf data, int from, int to) {
        for (int i = from; i < to; ) {
            if (pageFull()) flushPage();
            int n = Math.min(to - i, Math.min(MAX_PAGE_ROWS - pageRows, (PAGE_BYTES - values.size) >> 3));
            if (n <= 0) { flushPage(); continue; }
            values.ensure(n << 3);
            data.getBytes((long) i << 3, values.buf, values.size, n << 3);
            values.size += n << 3;
            Arrays.fill(defs, pageRows, pageRows + n, (byte) 1);
            pageRows += n;
            pageValues += n;
            i += n;
        }
    }

    /** Ids of small non-negative INT64 values (day, cluster, function and user ids), by value: no hashing. */
    private int[] small;
    private static final int SMALL = 1 << 16;

    private int idOf(long bits) {
        if (!isDouble && bits >= 0 && bits < SMALL) {
            if (small == null) small = new int[SMALL];
            int id = small[(int) bits] - 1;
            if (id >= 0) return id;
            id = insert(bits, -1);
            if (id >= 0) small[(int) bits] = id + 1;
            return id;
        }
        int slot = hash(bits) & mask;
        while (true) {
            int e = table[slot];
            if (e == 0) break;
            if (dict[e - 1] == bits) return e - 1;
            slot = (slot + 1) & mask;
        }
        return insert(bits, slot);
    }

    /** Adds a value to the dictionary (and to the hash table at {@code slot}, unless -1); -1 when the dictionary is full. */
    private int insert(long bits, int slot) {
        if ((dictSize + 1) * 8 > MAX_DICTIONARY_BYTES) return -1;
        if (dictSize == dict.length) dict = Arrays.copyOf(dict, dictSize * 2);
        dict[dictSize] = bits;
        dictSize++;
        if (slot >= 0) {
            table[slot] = dictSize;
            if (dictSize * 2 > table.length) rehash();
        }
        return dictSize - 1;
    }

    private static int hash(long bits) {
        long h = bits * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private void rehash() {
        table = new int[table.length * 2];
        mask = table.length - 1;
        for (int id = 0; id < dictSize; id++) {
            if (!isDouble && dict[id] >= 0 && dict[id] < SMALL) continue; // found through the direct table
            int slot = hash(dict[id]) & mask;
            while (table[slot] != 0) slot = (slot + 1) & mask;
            table[slot] = id + 1;
        }
    }

    private long valueAt(int k, boolean ofDictionary) { return ofDictionary ? dict[ids[k]] : PageBytes.longAt(values.buf, k << 3); }

    @Override protected void addMinMax(Statistics<?> stats, boolean ofDictionary) {
        if (isDouble) {
            double min = Double.NaN, max = Double.NaN;
            for (int k = 0; k < pageValues; k++) {
                double x = Double.longBitsToDouble(valueAt(k, ofDictionary));
                if (x != x) continue; // NaN orders nowhere; Parquet leaves it out of min/max
                if (min != min) { min = max = x; continue; }
                if (x < min) min = x;
                if (x > max) max = x;
            }
            if (min == min) { stats.updateStats(min); stats.updateStats(max); }
        } else {
            long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
            for (int k = 0; k < pageValues; k++) {
                long x = valueAt(k, ofDictionary);
                if (x < min) min = x;
                if (x > max) max = x;
            }
            stats.updateStats(min);
            stats.updateStats(max);
        }
    }

    @Override protected int dictionarySize() { return dictSize; }

    @Override protected BytesInput dictionaryBytes() {
        PageBytes b = new PageBytes(dictSize * 8);
        b.writeLongsLE(dict, dictSize);
        return BytesInput.from(b.buf, 0, b.size);
    }

    @Override protected void clearDictionary() {
        if (dictSize > 0) {
            Arrays.fill(table, 0);
            if (small != null) for (int id = 0; id < dictSize; id++) if (dict[id] >= 0 && dict[id] < SMALL) small[(int) dict[id]] = 0;
        }
        dictSize = 0;
    }
}
