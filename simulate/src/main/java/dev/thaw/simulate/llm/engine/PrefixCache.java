package dev.thaw.simulate.llm.engine;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * Prefix cache of one engine instance, keyed by the trace's prefix-block hashes (Mooncake: one hash per 512 tokens,
 * the last one covering the prompt's remainder; equal hashes share KV). Such a trace block says only that its whole
 * span repeats, so matching is by whole trace blocks, and what is cached is counted in the engine's own blocks
 * (vLLM: 16 tokens): a trace block over tokens [a, b) holds the engine blocks that end inside it,
 * {@code floor(b / bs) - floor(a / bs)} (a partial last trace block of 78 tokens holds 4 blocks; vLLM never caches
 * a partial block). Cached units referenced by running requests are pinned, the others stay cached until their
 * blocks are needed and are then evicted least recently used first (as vLLM's free-block queue does). Only leading
 * runs of hashes are shared, as with vLLM's chained block hashes.
 */
final class PrefixCache {
    private final int unitTokens, blockSize;
    /** hash -> {reference count, engine blocks held}. */
    private final HashMap<Long, int[]> units = new HashMap<>(256);
    /** Unpinned units, least recently released first (vLLM's free-block queue order). */
    private final LinkedHashSet<Long> evictable = new LinkedHashSet<>();
    private long cachedBlocks, evictableBlocks;

    PrefixCache(int unitTokens, int blockSize) {
        this.unitTokens = unitTokens;
        this.blockSize = blockSize;
    }

    int unitTokens() { return unitTokens; }
    long cachedBlocks() { return cachedBlocks; }
    long evictableBlocks() { return evictableBlocks; }

    /** Engine blocks that end inside trace block {@code u} of a prompt of {@code promptTokens} tokens. */
    int blocksOfUnit(int u, int promptTokens) {
        long a = (long) u * unitTokens, b = Math.min(promptTokens, (long) (u + 1) * unitTokens);
        return b <= a ? 0 : (int) (b / blockSize - a / blockSize);
    }

    /**
     * Tokens a request may skip when its first {@code units} trace blocks are cached: the tokens they cover, cut to
     * leave at least one token to compute ({@code prefillTarget - 1}), rounded down to whole engine blocks.
     */
    int cachedTokens(int units, int promptTokens, int prefillTarget) {
        long covered = Math.min(promptTokens, (long) units * unitTokens);
        long usable = Math.min(covered, prefillTarget - 1L);
        return (int) (usable / blockSize * blockSize);
    }

    /** Trace blocks needed to hold {@code tokens} cached tokens. */
    int unitsFor(int tokens) { return (tokens + unitTokens - 1) / unitTokens; }

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

    /** Pins the first {@code k} hashes (all present); returns the engine blocks they hold. */
    int acquire(long[] hashes, int k) {
        int blocks = 0;
        for (int i = 0; i < k; i++) {
            int[] ref = units.get(hashes[i]);
            if (ref[0]++ == 0) {
                evictableBlocks -= ref[1];
                evictable.remove(hashes[i]);
            }
            blocks += ref[1];
        }
        return blocks;
    }

    /** Unpins the first {@code k} hashes. */
    void release(long[] hashes, int k) {
        for (int i = 0; i < k; i++) {
            int[] ref = units.get(hashes[i]);
            if (ref == null) throw new IllegalStateException("released an uncached prefix unit");
            if (--ref[0] == 0) {
                evictableBlocks += ref[1];
                evictable.add(hashes[i]);
            }
        }
    }

    /** Adds hash as a new unit of {@code blocks} engine blocks pinned once (they move from a request's private blocks). */
    boolean insertPinned(long hash, int blocks) {
        if (units.containsKey(hash)) return false;
        units.put(hash, new int[] {1, blocks});
        cachedBlocks += blocks;
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
            int held = units.remove(h)[1];
            freed += held;
            cachedBlocks -= held;
            evictableBlocks -= held;
        }
        return freed;
    }
}
