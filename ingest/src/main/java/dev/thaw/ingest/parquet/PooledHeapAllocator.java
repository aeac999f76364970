package dev.thaw.ingest.parquet;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * Reuses the heap slabs Parquet-Java allocates for every page and row group. Without it, zeroing fresh slabs is
 * one of the largest costs of writing. Slabs are kept by exact size, and the pool holds at most
 * {@link #MAX_POOLED_BYTES} so memory stays bounded whatever the input.
 */
final class PooledHeapAllocator implements ByteBufferAllocator {
    static final long MAX_POOLED_BYTES = 48L << 20;
    private final Map<Integer, ArrayDeque<ByteBuffer>> free = new HashMap<>();
    private long pooledBytes;

    @Override public synchronized ByteBuffer allocate(int size) {
        ArrayDeque<ByteBuffer> q = free.get(size);
        ByteBuffer b = q == null ? null : q.poll();
        if (b == null) return ByteBuffer.allocate(size);
        pooledBytes -= b.capacity();
        b.clear();
        return b;
    }

    @Override public synchronized void release(ByteBuffer b) {
        if (pooledBytes + b.capacity() > MAX_POOLED_BYTES) return; // let the GC have it
        free.computeIfAbsent(b.capacity(), k -> new ArrayDeque<>()).push(b);
        pooledBytes += b.capacity();
    }

    @Override public boolean isDirect() { return false; }
}
