package dev.thaw.ingest.parquet;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * Reuses the heap slabs Parquet-Java allocates for every page and row group. Without it, zeroing fresh slabs is
 * one of the largest costs of writing. Slabs are kept by exact size; the pool is bounded per size.
 */
final class PooledHeapAllocator implements ByteBufferAllocator {
    private static final int MAX_PER_SIZE = 64;
    private final Map<Integer, ArrayDeque<ByteBuffer>> free = new HashMap<>();

    @Override public ByteBuffer allocate(int size) {
        ArrayDeque<ByteBuffer> q = free.get(size);
        ByteBuffer b = q == null ? null : q.poll();
        if (b == null) return ByteBuffer.allocate(size);
        b.clear();
        return b;
    }

    @Override public void release(ByteBuffer b) {
        ArrayDeque<ByteBuffer> q = free.computeIfAbsent(b.capacity(), k -> new ArrayDeque<>());
        if (q.size() < MAX_PER_SIZE) q.push(b);
    }

    @Override public boolean isDirect() { return false; }
}
