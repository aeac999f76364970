package dev.thaw.simulate.search;

/**
 * The few facts about a model that decide which parallel plans are legal: layer count for pipeline splits, head
 * counts for tensor parallelism, expert count for expert parallelism. {@code layerParams} and {@code headParams}
 * (embedding plus LM head) weigh pipeline stages so that uneven splits can balance the LM head.
 */
public record ModelShape(String name, int layers, int attentionHeads, int kvHeads, int experts,
                         double layerParams, double headParams) {
    public ModelShape {
        if (layers < 1 || attentionHeads < 1 || kvHeads < 1) throw new IllegalArgumentException("model " + name + ": layers and heads must be positive");
        if (experts < 0) throw new IllegalArgumentException("model " + name + ": negative expert count");
    }

    public boolean isMoe() { return experts > 1; }
}
