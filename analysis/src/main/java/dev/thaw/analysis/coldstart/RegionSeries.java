package dev.thaw.analysis.coldstart;

import dev.thaw.analysis.agg.ArrivalSegments;
import dev.thaw.analysis.agg.BottomKSample;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Per-region time-indexed state: per-minute counts and component sums (giving the hourly series and the
 * per-minute Spearman inputs; memory is the trace's span in minutes), cold-start inter-arrival times, and a
 * deterministic sample of rows for fitting.
 */
public final class RegionSeries implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Default rows kept per region for distribution fitting. */
    public static final int FIT_SAMPLE = 20_000;

    long[] minuteCount = new long[0];
    /** [component][minute] sums. */
    double[][] minuteSum = new double[Component.ALL.length][0];
    final ArrivalSegments arrivals;
    /** Rows (total, alloc, code, dep, sched). */
    final BottomKSample sample;
    final int fitSample;
    private final double[] row = new double[Component.ALL.length];

    RegionSeries(int fitSample) {
        this.fitSample = fitSample;
        this.arrivals = new ArrivalSegments(fitSample);
        this.sample = new BottomKSample(fitSample, Component.ALL.length);
    }

    void add(double t, double total, double alloc, double code, double dep, double sched) {
        arrivals.add(t);
        row[0] = total; row[1] = alloc; row[2] = code; row[3] = dep; row[4] = sched;
        sample.offer(BottomKSample.mix(t, total), row);
        if (!(t >= 0)) return;
        int m = (int) (t / 60);
        if (m >= minuteCount.length) grow(m + 1);
        minuteCount[m]++;
        minuteSum[0][m] += total;
        minuteSum[1][m] += alloc;
        minuteSum[2][m] += code;
        minuteSum[3][m] += dep;
        minuteSum[4][m] += sched;
    }

    private void grow(int need) {
        int cap = Math.max(need, Math.max(1440, minuteCount.length * 2));
        minuteCount = Arrays.copyOf(minuteCount, cap);
        for (int c = 0; c < minuteSum.length; c++) minuteSum[c] = Arrays.copyOf(minuteSum[c], cap);
    }

    RegionSeries merge(RegionSeries o) {
        if (o.minuteCount.length > minuteCount.length) grow(o.minuteCount.length);
        for (int m = 0; m < o.minuteCount.length; m++) {
            minuteCount[m] += o.minuteCount[m];
            for (int c = 0; c < minuteSum.length; c++) minuteSum[c][m] += o.minuteSum[c][m];
        }
        arrivals.merge(o.arrivals);
        sample.merge(o.sample);
        return this;
    }

    /** Number of minutes covered (last minute with data + 1). */
    int minutes() {
        int m = minuteCount.length;
        while (m > 0 && minuteCount[m - 1] == 0) m--;
        return m;
    }
}
