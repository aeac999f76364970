package dev.thaw.simulate.llm.hardware;

/**
 * GPUs of one type in {@code nodes} nodes of {@code gpusPerNode} each; GPUs in a node talk over the GPU's intra-node
 * link (NVLink/NVSwitch or PCIe), nodes over {@code interNode} (InfiniBand by default).
 */
public record Cluster(Gpu gpu, int gpusPerNode, int nodes, Link interNode) {
    public Cluster {
        if (gpu == null) throw new IllegalArgumentException("cluster needs a gpu");
        if (gpusPerNode < 1 || nodes < 1) throw new IllegalArgumentException("cluster needs at least one node of at least one GPU");
        if (interNode == null) interNode = Link.infinibandNdr();
    }

    /** {@code gpus} GPUs spread over {@code nodes} nodes (must divide evenly). */
    public static Cluster of(Gpu gpu, int gpus, int nodes) {
        if (nodes < 1 || gpus < nodes || gpus % nodes != 0)
            throw new IllegalArgumentException(gpus + " GPUs cannot be split evenly over " + nodes + " nodes");
        return new Cluster(gpu, gpus / nodes, nodes, Link.infinibandNdr());
    }

    public int totalGpus() { return gpusPerNode * nodes; }

    /** The link a group of {@code groupSize} consecutive GPUs crosses: intra-node if it fits in one node. */
    public Link linkFor(int groupSize) { return groupSize <= gpusPerNode ? gpu.intraNode() : interNode; }
}
