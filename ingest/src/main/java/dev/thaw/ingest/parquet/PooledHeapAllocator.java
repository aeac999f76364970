package dev.thaw.ingest.parquet;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * Reuses the heap buffers that hold a row group's compressed pages until it is written. Sizes are rounded up to
 * classes (eighths of a power of two, at most 12.5% slack), so the pages of the next row group find the buffers of
 * the last one: without it every page is a fresh large array, and on G1 a humongous one, which is what made
 * collection one of the largest costs of writing. The pool holds at most {@link #MAX_POOLED_BYTES}, a little more
 * than the largest row group the writer buffers, so memory stays bounded whatever the input. Thread-safe.
 */
final class PooledHeapAllocator implements ByteBufferAllocator {
    static final long MAX_POOLED_BYTES = 320L << 20;
    private static final int MIN_CLASS = 4 << 10;
    private final Map<Integer, ArrayDeque<ByteBuffer>> free = new HashMap<>();
    private long pooledBytes;

    static int sizeClass(int size) {
        if (size <= MIN_CLASS) return MIN_CLASS;
        int step = Integer.highestOneBit(size - 1) >> 3;
        return (int) Math.min(Integer.MAX_VALUE, ((long) size + step - 1) / step * step);
    }

    @Override public synchronized ByteBuffer allocate(int size) {
        int c = sizeClass(size);
        ArrayDeque<ByteBuffer> q = free.get(c);
        ByteBuffer b = q == null ? null : q.poll();
        if (b == null) return ByteBuffer.allocate(c).limit(size);
        pooledBytes -= b.capacity();
        b.clear().limit(size);
        return b;
    }

    @Override public synchronized void release(ByteBuffer b) {
        if (b.isDirect() || pooledBytes + b.capacity() > MAX_POOLED_BYTES || b.capacity() != sizeClass(b.capacity())) return;
        free.computeIfAbsent(b.capacity(), k -> new ArrayDeque<>()).push(b);
        pooledBytes += b.capacity();
    }

    @Override public boolean isDirect() { return false; }
}
