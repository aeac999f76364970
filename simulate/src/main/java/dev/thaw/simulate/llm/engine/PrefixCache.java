package dev.thaw.simulate.llm.engine;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * Prefix cache of one engine instance, keyed by the trace's prefix-block hashes (Mooncake: one hash per 512 tokens;
 * equal hashes share KV). A cached unit holds {@code unitBlocks} KV blocks; units referenced by running requests are
 * pinned, the others stay cached until their blocks are needed and are then evicted least recently used first (as
 * vLLM's free-block queue does). Only leading runs of hashes are shared, as with vLLM's chained block hashes.
 */
final class PrefixCache {
    private final int unitTokens, unitBlocks;
    /** hash -> reference count. */
    private final HashMap<Long, int[]> units = new HashMap<>(256);
    /** Unpinned units, least recently released first (vLLM's free-block queue order). */
    private final LinkedHashSet<Long> evictable = new LinkedHashSet<>();
    private long cachedBlocks, evictableBlocks;

    PrefixCache(int unitTokens, int blockSize) {
        this.unitTokens = unitTokens;
        this.unitBlocks = Math.max(1, unitTokens / blockSize);
    }

    int unitTokens() { return unitTokens; }
    int unitBlocks() { return unitBlocks; }
    long cachedBlocks() { return cachedBlocks; }
    long evictableBlocks() { return evictableBlocks; }

    /** Number of leading hashes present (does not change eviction order). */
    int match(long[] hashes, int maxUnits) {
        int k = 0;
        int lim = Math.min(maxUnits, hashes.length);
        while (k < lim) {
            int[] ref = units.get(hashes[k]);
            if (ref == null) break;
            k++;
        }
        return k;
    }

    /** Pins the first {@code k} hashes (all present). */
    void acquire(long[] hashes, int k) {
        for (int i = 0; i < k; i++) {
            int[] ref = units.get(hashes[i]);
            if (ref[0]++ == 0) {
                evictableBlocks -= unitBlocks;
                evictable.remove(hashes[i]);
            }
        }
    }

    /** Unpins the first {@code k} hashes. */
    void release(long[] hashes, int k) {
        for (int i = 0; i < k; i++) {
            int[] ref = units.get(hashes[i]);
            if (ref == null) throw new IllegalStateException("released an uncached prefix unit");
            if (--ref[0] == 0) {
                evictableBlocks += unitBlocks;
                evictable.add(hashes[i]);
            }
        }
    }

    /** Adds hash as a new unit pinned once (its blocks move from a request's private blocks into the cache). */
    boolean insertPinned(long hash) {
        if (units.containsKey(hash)) return false;
        units.put(hash, new int[] {1});
        cachedBlocks += unitBlocks;
        return true;
    }

    boolean contains(long hash) { return units.containsKey(hash); }

    /** Evicts unpinned units, oldest first, until at least {@code blocks} blocks are freed or none is left; returns blocks freed. */
    long evict(long blocks) {
        long freed = 0;
        Iterator<Long> it = evictable.iterator();
        while (freed < blocks && it.hasNext()) {
            Long h = it.next();
            it.remove();
            units.remove(h);
            freed += unitBlocks;
            cachedBlocks -= unitBlocks;
            evictableBlocks -= unitBlocks;
        }
        return freed;
    }
}
