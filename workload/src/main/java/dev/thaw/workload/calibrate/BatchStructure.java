package dev.thaw.workload.calibrate;

import java.util.Arrays;

/**
 * Splits sorted arrivals into batches: a new batch starts whenever the gap to the previous arrival is at least
 * {@code batchGapS} (e.g. 1 ms: the Azure LLM code trace has many requests within the same millisecond).
 */
public record BatchStructure(double[] batchStarts, double[] sizeProbabilities, double[] withinBatchGaps) {
    public static BatchStructure of(double[] times, double batchGapS) {
        if (times.length == 0) throw new IllegalArgumentException("no arrivals to split into batches");
        double[] starts = new double[times.length], within = new double[times.length];
        int[] sizes = new int[times.length];
        int b = 0, w = 0;
        starts[0] = times[0];
        sizes[0] = 1;
        for (int i = 1; i < times.length; i++) {
            double g = times[i] - times[i - 1];
            if (g < batchGapS) { sizes[b]++; within[w++] = g; }
            else { starts[++b] = times[i]; sizes[b] = 1; }
        }
        int nb = b + 1, max = Arrays.stream(sizes, 0, nb).max().orElse(1);
        double[] p = new double[max + 1];
        for (int i = 0; i < nb; i++) p[sizes[i]] += 1.0 / nb;
        return new BatchStructure(Arrays.copyOf(starts, nb), p, Arrays.copyOf(within, w));
    }

    public double meanSize() {
        double m = 0;
        for (int i = 1; i < sizeProbabilities.length; i++) m += i * sizeProbabilities[i];
        return m;
    }

    public double sizeVarianceOverMean() {
        double m1 = 0, m2 = 0;
        for (int i = 1; i < sizeProbabilities.length; i++) { m1 += i * sizeProbabilities[i]; m2 += (double) i * i * sizeProbabilities[i]; }
        return (m2 - m1 * m1) / m1;
    }
}
