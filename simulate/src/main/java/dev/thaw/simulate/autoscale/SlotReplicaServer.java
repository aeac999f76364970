package dev.thaw.simulate.autoscale;

import java.util.PriorityQueue;

/**
 * A replica as {@code slots} parallel servers, first come first served: a request takes the first free slot, its
 * prefill runs at {@code prefillTokPerS} and each further output token takes {@code tpotS}. A deliberately simple
 * service model for tests and quick sweeps; {@link EngineReplicaServer} is the faithful one.
 */
public record SlotReplicaServer(int slots, double prefillTokPerS, double tpotS) implements ReplicaServer {
    public SlotReplicaServer {
        if (slots < 1 || !(prefillTokPerS > 0) || !(tpotS >= 0)) throw new IllegalArgumentException("slots >= 1, prefill rate > 0, tpot >= 0");
    }

    @Override public void serve(double[] availableS, int[] prompt, int[] output, double[] firstTokenS, double[] finishS) {
        PriorityQueue<Double> busyUntil = new PriorityQueue<>();
        for (int i = 0; i < availableS.length; i++) {
            double start = availableS[i];
            if (busyUntil.size() == slots) start = Math.max(start, busyUntil.poll());
            firstTokenS[i] = start + prompt[i] / prefillTokPerS;
            finishS[i] = firstTokenS[i] + Math.max(0, output[i] - 1) * tpotS;
            busyUntil.add(finishS[i]);
        }
    }

    @Override public double estimateS(int prompt, int output) { return prompt / prefillTokPerS + Math.max(0, output - 1) * tpotS; }

    @Override public int concurrency() { return slots; }
}
