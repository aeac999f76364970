package dev.thaw.simulate.llm.engine;

import dev.thaw.simulate.llm.perf.BatchShape;

/**
 * The pipeline stages of one replica, shared by its pp virtual engines (vLLM runs pp of them so that pp
 * micro-batches are in flight). A stage runs one micro-batch at a time: a step enters stage 0 after its CPU overhead,
 * and each stage s starts it when both the step has left stage s - 1 and the stage has finished the micro-batch
 * ahead of it (first come, first served, which is the order steps start in). Uncontended, a step takes exactly its
 * {@link BatchShape#timeS}; behind a long micro-batch (a big prefill chunk in another virtual engine) it waits at
 * every stage: the pipeline bubbles.
 */
final class PipelineStages {
    private final double[] freeAtS;

    PipelineStages(int pp) { this.freeAtS = new double[pp]; }

    /** Reserves the stages for a step launched at {@code now} and returns when it ends. */
    double reserve(double now, BatchShape b) {
        double t = now + b.overheadS;
        for (int s = 0; s < freeAtS.length; s++) {
            double start = Math.max(t, freeAtS[s]);
            freeAtS[s] = start + b.stageS[s];
            t = freeAtS[s];
        }
        return Math.max(t, now + b.timeS); // never below the uncontended time (rounding of the stage sum)
    }
}
