package dev.thaw.analysis.agg;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges partial aggregates in one fixed tree shape that depends only on how many leaves there are: a binary counter
 * (two adjacent subtrees of equal height merge as soon as both exist) folded from the right at the end. Every merge
 * is {@code earlier.merge(later)} of two adjacent ranges, so order-dependent statistics stitch correctly, and
 * floating-point sums are added in the same order whoever computes the subtrees: one JVM's threads, or Spark tasks
 * that each own an aligned block of 2^k leaves (see {@link #pushSubtree}). That is what makes a distributed result
 * bit-for-bit equal to a local one. Memory: at most log2(leaves) partial aggregates.
 */
public final class MergeTree<S extends Aggregator<S>> {
    private final List<S> aggs = new ArrayList<>();
    private final List<Integer> heights = new ArrayList<>();

    /** Adds the next leaf (one input's aggregate). */
    public void push(S leaf) { pushSubtree(leaf, 0); }

    /**
     * Adds the complete subtree of height {@code height} over the next 2^height leaves (a block whose first leaf index
     * is a multiple of 2^height). Heights must not increase past a pending smaller one: push blocks of one size.
     */
    public void pushSubtree(S subtree, int height) {
        S cur = subtree;
        int h = height;
        while (!heights.isEmpty() && heights.get(heights.size() - 1) == h) {
            cur = aggs.remove(aggs.size() - 1).merge(cur);
            heights.remove(heights.size() - 1);
            h++;
        }
        aggs.add(cur);
        heights.add(h);
    }

    /**
     * The merge of everything pushed, then {@code tail} (the fold of the leaves after them, or null): pending
     * subtrees are folded from the right. Null when nothing was pushed and the tail is null.
     */
    public S fold(S tail) {
        S acc = tail;
        for (int i = aggs.size() - 1; i >= 0; i--) acc = acc == null ? aggs.get(i) : aggs.get(i).merge(acc);
        aggs.clear();
        heights.clear();
        return acc;
    }

    /** Height of the subtree over a full aligned block of {@code blockLeaves} leaves (a power of two). */
    public static int heightOf(int blockLeaves) {
        if (blockLeaves < 1 || Integer.bitCount(blockLeaves) != 1) throw new IllegalArgumentException("block size must be a power of two, got " + blockLeaves);
        return Integer.numberOfTrailingZeros(blockLeaves);
    }
}
