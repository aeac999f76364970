package dev.thaw.workload.llm;

import java.util.SplittableRandom;

/**
 * Mooncake-style prefix blocks: a prompt of n tokens covers ceil(n/512) blocks. Each request belongs to one of
 * {@code groups} prefix groups (shared system prompts, documents, conversations), drawn Zipf({@code zipfS}); group
 * g has a fixed shared prefix of L_g blocks (geometric, mean {@code meanSharedBlocks}). The request's first
 * min(L_g, blocks) block ids are the group's, equal across requests (shareable KV); the rest are fresh ids.
 */
public final class PrefixBlocks {
    public static final int BLOCK_TOKENS = 512;
    private final int[] sharedLength;
    private final double[] zipfCdf;
    private long nextUnique;

    public PrefixBlocks(int groups, double zipfS, double meanSharedBlocks, SplittableRandom rng) {
        if (groups < 1) throw new IllegalArgumentException("need at least one prefix group");
        if (!(meanSharedBlocks >= 0)) throw new IllegalArgumentException("mean shared blocks must be >= 0");
        sharedLength = new int[groups];
        double p = 1 / (1 + meanSharedBlocks);
        for (int g = 0; g < groups; g++) sharedLength[g] = meanSharedBlocks == 0 ? 0 : (int) Math.floor(Math.log(1 - rng.nextDouble()) / Math.log(1 - p));
        zipfCdf = new double[groups];
        double s = 0;
        for (int g = 0; g < groups; g++) { s += Math.pow(g + 1, -zipfS); zipfCdf[g] = s; }
        for (int g = 0; g < groups; g++) zipfCdf[g] /= s;
        nextUnique = (long) groups << 20;
    }

    public static int blocksFor(int promptTokens) { return (promptTokens + BLOCK_TOKENS - 1) / BLOCK_TOKENS; }

    /** Block ids for a prompt of {@code promptTokens}. */
    public long[] assign(int promptTokens, SplittableRandom rng) {
        int n = blocksFor(promptTokens);
        double u = rng.nextDouble();
        int lo = 0, hi = zipfCdf.length - 1;
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (zipfCdf[mid] < u) lo = mid + 1; else hi = mid; }
        int g = lo, shared = Math.min(sharedLength[g], n);
        long[] ids = new long[n];
        for (int i = 0; i < shared; i++) ids[i] = ((long) g << 20) + i;
        for (int i = shared; i < n; i++) ids[i] = nextUnique++;
        return ids;
    }
}
