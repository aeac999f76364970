package dev.thaw.ingest.parquet;

/**
 * Parquet's RLE / bit-packed hybrid encoding of small integers (definition levels, dictionary ids): runs of at
 * least eight equal values become RLE runs, the rest bit-packed groups of eight (the last group zero-padded, which
 * readers ignore since the page states its value count).
 */
final class RleHybrid {
    private static final int MAX_GROUPS = 63; // what Parquet-Java itself writes per bit-packed run

    private RleHybrid() {}

    static int bitWidth(int maxValue) { return 32 - Integer.numberOfLeadingZeros(maxValue); }

    /** One run of {@code count} copies of {@code value}. */
    static void writeRun(PageBytes out, int value, int count, int bitWidth) {
        out.writeUnsignedVarInt(count << 1);
        int bytes = (bitWidth + 7) / 8;
        for (int k = 0; k < bytes; k++) out.writeByte(value >>> (8 * k));
    }

    static void encode(int[] values, int n, int bitWidth, PageBytes out) {
        int i = 0;
        while (i < n) {
            int run = runLength(values, i, n);
            if (run >= 8) {
                writeRun(out, values[i], run, bitWidth);
                i += run;
                continue;
            }
            int start = i, groups = 0;
            while (i < n && groups < MAX_GROUPS) {
                if (groups > 0 && runLength(values, i, n) >= 8) break;
                i += 8;
                groups++;
            }
            i = Math.min(i, n);
            writePacked(out, values, start, i, groups, bitWidth);
        }
    }

    static void encode(byte[] values, int n, int bitWidth, int[] scratch, PageBytes out) {
        for (int k = 0; k < n; k++) scratch[k] = values[k];
        encode(scratch, n, bitWidth, out);
    }

    private static int runLength(int[] v, int i, int n) {
        int x = v[i], j = i + 1;
        while (j < n && v[j] == x) j++;
        return j - i;
    }

    private static void writePacked(PageBytes out, int[] v, int from, int to, int groups, int bitWidth) {
        out.writeUnsignedVarInt(groups << 1 | 1);
        out.ensure(groups * bitWidth);
        byte[] b = out.buf;
        int w = out.size;
        long acc = 0;
        int bits = 0;
        for (int k = 0; k < groups * 8; k++) {
            int idx = from + k;
            long x = idx < to ? v[idx] & 0xFFFFFFFFL : 0;
            acc |= x << bits;
            bits += bitWidth;
            while (bits >= 8) { b[w++] = (byte) acc; acc >>>= 8; bits -= 8; }
        }
        out.size = w; // groups of eight values always end on a byte boundary
    }
}
