package dev.thaw.simulate.llm.engine;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.perf.BatchShape;
import org.junit.jupiter.api.Test;

/** Micro-batches of a replica's virtual engines contend for its pipeline stages. */
class PipelineStagesTest {
    static BatchShape step(double overhead, double... stages) {
        BatchShape b = new BatchShape();
        b.overheadS = overhead;
        b.stageS = stages.clone();
        double sum = overhead;
        for (double s : stages) sum += s;
        b.timeS = sum;
        return b;
    }

    @Test void aStageRunsOneMicroBatchAtATime() {
        PipelineStages p = new PipelineStages(2);
        // A long micro-batch (10 ms per stage) starts at 0; a short one (1 ms per stage) from the other virtual engine
        // at 0.5 ms waits for stage 0 until 10 ms and for stage 1 until 20 ms: it ends at 21 ms, not at 2.5 ms.
        assertEquals(20.0, p.reserve(0, step(0, 10, 10)), 1e-12);
        assertEquals(21.0, p.reserve(0.5, step(0, 1, 1)), 1e-12);
        // The next long one enters stage 0 at 25 (free since 11) and stage 1 after the short one left it: 25 -> 45.
        assertEquals(45.0, p.reserve(25, step(0, 10, 10)), 1e-12);
    }

    @Test void uncontendedStepsTakeTheirOwnTimeAndOverheadOverlapsOtherStages() {
        PipelineStages p = new PipelineStages(3);
        assertEquals(7.0, p.reserve(0, step(1, 2, 2, 2)), 1e-12);
        // CPU overhead (1) of the next step runs while stage 0..2 still work on the first: it enters stage 0 at 3.
        assertEquals(9.0, p.reserve(2, step(1, 2, 2, 2)), 1e-12);
    }
}
