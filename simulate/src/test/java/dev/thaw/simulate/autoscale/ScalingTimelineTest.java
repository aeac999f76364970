package dev.thaw.simulate.autoscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ScalingTimelineTest {
    /** Two replicas (one warm from 0, one cold-started at 4 s, ready at 6 s, removed at 9 s); three requests. */
    @Test void countsReplicasUpAndRequestsWaitingAtEachInstant() {
        var d = new AutoscaleResult.Detail(
                new double[] {0, 4, 5}, new int[] {0, 1, 1}, new double[] {0, 6, 6}, new double[] {0, 6, 6},
                new double[] {1.5, 7.5, 8.5}, new double[] {2, 8, 10},
                new double[] {0, 4}, new double[] {0, 6}, new double[] {10, 9});
        ScalingTimeline t = ScalingTimeline.of(d, 11);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, t.timeS(), 1e-12);
        assertArrayEquals(new int[] {1, 1, 1, 1, 2, 2, 2, 2, 2, 1, 0}, t.replicas());
        // request 0 waits over [0, 1.5), request 1 over [4, 7.5), request 2 over [5, 8.5)
        assertArrayEquals(new int[] {1, 1, 0, 0, 1, 2, 2, 2, 1, 0, 0}, t.waiting());
        assertArrayEquals(new double[] {4}, t.coldStartS(), 0);
        assertArrayEquals(new double[0], ScalingTimeline.of(new AutoscaleResult.Detail(new double[0], new int[0], new double[0],
                new double[0], new double[0], new double[0], new double[0], new double[0], new double[0]), 10).timeS(), 0);
    }
}
