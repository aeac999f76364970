package dev.thaw.simulate.llm.perf;

import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.Link;

/**
 * Time of collectives. The analytic alpha-beta model: all-reduce (ring for bandwidth, tree-like latency)
 * {@code t = alpha (1 + log2 n) + 2 (n-1)/n * bytes / bw}; all-gather and reduce-scatter half the bandwidth term;
 * all-to-all {@code alpha (1 + log2 n) + (n-1)/n * bytes / bw}; point-to-point {@code alpha + bytes / bw}, where
 * {@code bw} is the link's achievable one-direction bandwidth and {@code alpha} its latency. A measured table
 * ({@link MeasuredCommTable}) may override it for the shapes it covers.
 */
public class CommModel {
    /** Collective kinds, named as the measured CSV files are. */
    public enum Op { ALL_REDUCE, ALL_GATHER, REDUCE_SCATTER, ALL_TO_ALL, SEND_RECV }

    public double time(Op op, double bytes, int n, Link link) {
        if (n <= 1 && op != Op.SEND_RECV) return 0;
        double alpha = link.latencyUs() * 1e-6, bw = link.achievableBytesPerS();
        double lat = alpha * (1 + log2(n));
        return switch (op) {
            case ALL_REDUCE -> lat + 2.0 * (n - 1) / n * bytes / bw;
            case ALL_GATHER, REDUCE_SCATTER -> lat + (double) (n - 1) / n * bytes / bw;
            case ALL_TO_ALL -> lat + (double) (n - 1) / n * bytes / bw;
            case SEND_RECV -> alpha + bytes / bw;
        };
    }

    /**
     * Time of a collective over a group of {@code n} consecutive GPUs of {@code cluster}. Inside a node: the
     * intra-node link. Across nodes, hierarchically as NCCL does with one NIC per GPU: all-reduce = intra-node
     * reduce-scatter + inter-node all-reduce of 1/g of the data (g GPUs per node, each with its own NIC) +
     * intra-node all-gather; all-gather/reduce-scatter likewise; all-to-all is bound by the slower of its intra-node
     * share and its inter-node share ((n - g)/n of the bytes over the NIC).
     */
    public double collective(Op op, double bytes, int n, Cluster cluster) {
        int g = cluster.gpusPerNode();
        Link intra = cluster.gpu().intraNode(), inter = cluster.interNode();
        if (n <= g || cluster.nodes() == 1) return time(op, bytes, n, n <= g ? intra : inter);
        int nodes = (n + g - 1) / g;
        return switch (op) {
            case ALL_REDUCE -> time(Op.REDUCE_SCATTER, bytes, g, intra) + time(Op.ALL_REDUCE, bytes / g, nodes, inter) + time(Op.ALL_GATHER, bytes, g, intra);
            case ALL_GATHER, REDUCE_SCATTER -> time(op, bytes, g, intra) + time(op, bytes / g, nodes, inter);
            case ALL_TO_ALL -> Math.max(time(Op.ALL_TO_ALL, bytes * g / n, g, intra),
                    inter.latencyUs() * 1e-6 * (1 + log2(nodes)) + bytes * (n - g) / n / inter.achievableBytesPerS());
            case SEND_RECV -> time(op, bytes, 2, inter);
        };
    }

    /** Bytes each GPU puts on the wire for the collective (for communication energy). */
    public static double wireBytesPerGpu(Op op, double bytes, int n) {
        if (n <= 1) return op == Op.SEND_RECV ? bytes : 0;
        return switch (op) {
            case ALL_REDUCE -> 2.0 * (n - 1) / n * bytes;
            case ALL_GATHER, REDUCE_SCATTER, ALL_TO_ALL -> (double) (n - 1) / n * bytes;
            case SEND_RECV -> bytes;
        };
    }

    static double log2(int n) { return Math.log(n) / Math.log(2); }
}
