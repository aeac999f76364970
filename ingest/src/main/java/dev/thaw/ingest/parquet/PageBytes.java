package dev.thaw.ingest.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable little-endian byte buffer for building one Parquet page (reused page after page). */
final class PageBytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    byte[] buf;
    int size;
    /** Bytes kept free before the content (a page header written in front of it later, without a copy). */
    final int start;

    PageBytes(int capacity) { this(capacity, 0); }

    PageBytes(int capacity, int start) {
        buf = new byte[capacity + start];
        this.start = start;
        size = start;
    }

    void reset() { size = start; }

    void ensure(int more) {
        if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(size + more, buf.length * 2));
    }

    void writeByte(int b) { ensure(1); buf[size++] = (byte) b; }

    void writeIntLE(int v) { ensure(4); INTS.set(buf, size, v); size += 4; }

    void writeLongLE(long v) { ensure(8); LONGS.set(buf, size, v); size += 8; }

    void writeLongsLE(long[] v, int n) {
        ensure(n * 8);
        for (int k = 0; k < n; k++) LONGS.set(buf, size + 8 * k, v[k]);
        size += n * 8;
    }

    void write(byte[] src, int off, int len) { ensure(len); System.arraycopy(src, off, buf, size, len); size += len; }

    void writeUnsignedVarInt(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) { buf[size++] = (byte) ((v & 0x7F) | 0x80); v >>>= 7; }
        buf[size++] = (byte) v;
    }

    /** Reserves 4 bytes for a length written later with {@link #patchIntLE}. */
    int reserveInt() { ensure(4); size += 4; return size - 4; }

    void patchIntLE(int at, int v) { INTS.set(buf, at, v); }

    static long longAt(byte[] b, int at) { return (long) LONGS.get(b, at); }
}
