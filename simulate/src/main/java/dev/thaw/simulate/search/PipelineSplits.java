package dev.thaw.simulate.search;

import java.util.ArrayList;
import java.util.List;

/** Ways to cut a model's layers into pipeline stages. */
final class PipelineSplits {
    private PipelineSplits() {}

    /** Layer counts as equal as possible; the extra layers go to the middle stages, away from embedding and head. */
    static List<Integer> balanced(int layers, int pp) {
        int base = layers / pp, extra = layers % pp;
        int[] out = new int[pp];
        for (int i = 0; i < pp; i++) out[i] = base;
        // Hand out the remainder from the centre outwards.
        int[] order = centreOrder(pp);
        for (int k = 0; k < extra; k++) out[order[k]]++;
        return toList(out);
    }

    /**
     * The split that minimises the largest stage's weights when the embedding sits on the first stage and the LM
     * head on the last (each worth {@code headParams / 2}); equal to {@link #balanced} when heads are small.
     */
    static List<Integer> headAware(int layers, int pp, double layerParams, double headParams) {
        if (pp == 1 || !(layerParams > 0) || !(headParams > 0)) return balanced(layers, pp);
        double[] extra = new double[pp];
        extra[0] += headParams / 2;
        extra[pp - 1] += headParams / 2;
        int[] counts = new int[pp];
        // Greedy: each next layer goes to the stage whose load after adding it is smallest (ties: centre first).
        int[] order = centreOrder(pp);
        for (int l = 0; l < layers; l++) {
            int best = -1;
            double bestLoad = Double.POSITIVE_INFINITY;
            for (int s : order) {
                double load = extra[s] + (counts[s] + 1) * layerParams;
                if (load < bestLoad - 1e-9) { bestLoad = load; best = s; }
            }
            counts[best]++;
        }
        for (int c : counts) if (c == 0) return balanced(layers, pp);
        return toList(counts);
    }

    private static int[] centreOrder(int pp) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < pp; i++) idx.add(i);
        double mid = (pp - 1) / 2.0;
        idx.sort((a, b) -> {
            int c = Double.compare(Math.abs(a - mid), Math.abs(b - mid));
            return c != 0 ? c : Integer.compare(a, b);
        });
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> out = new ArrayList<>(a.length);
        for (int x : a) out.add(x);
        return List.copyOf(out);
    }
}
