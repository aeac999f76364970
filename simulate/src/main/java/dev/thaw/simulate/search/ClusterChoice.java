package dev.thaw.simulate.search;

/** One hardware option: a device type from the catalog, how many per node, and how many nodes. */
public record ClusterChoice(String gpu, int gpusPerNode, int nodes) implements java.io.Serializable {
    public ClusterChoice {
        if (gpu == null || gpu.isBlank()) throw new IllegalArgumentException("cluster needs a GPU name");
        if (gpusPerNode < 1 || nodes < 1) throw new IllegalArgumentException("cluster " + gpu + ": GPUs per node and nodes must be positive");
    }

    public int gpus() { return gpusPerNode * nodes; }

    @Override public String toString() { return nodes + "x" + gpusPerNode + " " + gpu; }
}
