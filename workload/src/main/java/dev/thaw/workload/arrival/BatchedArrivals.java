package dev.thaw.workload.arrival;

import java.util.SplittableRandom;

/**
 * Batches arriving by another process: each epoch of {@code epochs} brings a batch whose size is drawn from
 * {@code sizeProbabilities} (index = size, index 0 unused), its members spaced by gaps drawn from
 * {@code withinBatchGaps} (e.g. the sub-millisecond gaps of LLM request bursts).
 */
public record BatchedArrivals(ArrivalModel epochs, double[] sizeProbabilities, GapDistribution withinBatchGaps) implements ArrivalModel {
    public BatchedArrivals {
        if (sizeProbabilities.length < 2) throw new IllegalArgumentException("batch sizes need probabilities for sizes >= 1");
        double s = 0;
        for (int i = 1; i < sizeProbabilities.length; i++) {
            if (!(sizeProbabilities[i] >= 0)) throw new IllegalArgumentException("batch size probability must be >= 0");
            s += sizeProbabilities[i];
        }
        if (!(s > 0)) throw new IllegalArgumentException("batch size probabilities sum to 0");
        double[] c = new double[sizeProbabilities.length];
        for (int i = 1; i < c.length; i++) c[i] = sizeProbabilities[i] / s;
        sizeProbabilities = c;
    }

    public double meanBatchSize() {
        double m = 0;
        for (int i = 1; i < sizeProbabilities.length; i++) m += i * sizeProbabilities[i];
        return m;
    }

    /** E[B^2] / E[B]: factor by which batching multiplies the index of dispersion. */
    public double secondMomentRatio() {
        double m1 = 0, m2 = 0;
        for (int i = 1; i < sizeProbabilities.length; i++) { m1 += i * sizeProbabilities[i]; m2 += (double) i * i * sizeProbabilities[i]; }
        return m2 / m1;
    }

    @Override public double meanRatePerS() { return epochs.meanRatePerS() * meanBatchSize(); }

    @Override public ArrivalProcess start(double startS, SplittableRandom rng) {
        ArrivalProcess ep = epochs.start(startS, rng);
        return new ArrivalProcess() {
            int left = 0;
            double t = startS;
            @Override public double next() {
                if (left > 0) { left--; return t += withinBatchGaps.sample(rng); }
                t = Math.max(t, ep.next());
                left = drawSize() - 1;
                return t;
            }
            private int drawSize() {
                double u = rng.nextDouble();
                for (int i = 1; i < sizeProbabilities.length; i++) if ((u -= sizeProbabilities[i]) < 0) return i;
                return sizeProbabilities.length - 1;
            }
        };
    }
}
