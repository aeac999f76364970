package dev.thaw.workload.synth;

import dev.thaw.workload.arrival.ArrivalModel;
import dev.thaw.workload.arrival.ArrivalProcess;
import dev.thaw.workload.arrival.BatchedArrivals;
import dev.thaw.workload.arrival.Gaps;
import dev.thaw.workload.arrival.PoissonArrivals;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Request sessions of one function: sessions start as a Poisson process; a session is a client that makes
 * 1 + Poisson({@code meanExtraRequests}) calls one after another, waiting for each response and then an exponential
 * think time of mean {@code thinkS} before the next. As an open-loop {@link ArrivalModel} (no waiting) it is a
 * {@link BatchedArrivals}; {@link #draw} also says which session every request belongs to, so that the pod
 * simulation can hold a session's later calls back while its pod cold-starts ({@link PodLifecycle}).
 */
public record Sessions(double sessionsPerS, double meanExtraRequests, double thinkS, int maxRequests) implements ArrivalModel {
    public Sessions {
        if (!(sessionsPerS > 0) || !(thinkS > 0)) throw new IllegalArgumentException("session rate and think time must be > 0");
        if (!(meanExtraRequests >= 0) || maxRequests < 1) throw new IllegalArgumentException("session size must be >= 1 request");
    }

    /** Requests as drawn before any waiting: times (sorted) and, per request, the next request of its session (-1: none). */
    public record Drawn(double[] timeS, int[] next) {}

    private BatchedArrivals openLoop() {
        return new BatchedArrivals(new PoissonArrivals(sessionsPerS), sizeProbabilities(), new Gaps.Exponential(1 / thinkS));
    }

    @Override public ArrivalProcess start(double startS, SplittableRandom rng) { return openLoop().start(startS, rng); }

    @Override public double meanRatePerS() { return openLoop().meanRatePerS(); }

    /** P(size = k), k = 1..max: 1 + Poisson(meanExtraRequests), the tail folded into max. */
    double[] sizeProbabilities() {
        double[] p = new double[maxRequests + 1];
        double pk = Math.exp(-meanExtraRequests), sum = 0;
        for (int k = 1; k < maxRequests; k++) { p[k] = pk; sum += pk; pk *= meanExtraRequests / k; }
        p[maxRequests] = Math.max(0, 1 - sum);
        return p;
    }

    /** Sessions starting in [startS, endS), every request of each (rounded to ms), with the links within sessions. */
    public Drawn draw(double startS, double endS, SplittableRandom rng) {
        double[] sizes = sizeProbabilities();
        double[] t = new double[64];
        int[] session = new int[64];
        int n = 0, id = 0;
        for (double s = startS + rng.nextExponential() / sessionsPerS; s < endS; s += rng.nextExponential() / sessionsPerS, id++) {
            int size = drawSize(sizes, rng);
            double x = s;
            for (int j = 0; j < size; j++) {
                if (j > 0) x += thinkS * rng.nextExponential();
                if (n == t.length) { t = Arrays.copyOf(t, 2 * n); session = Arrays.copyOf(session, 2 * n); }
                t[n] = Math.rint(x * 1000) / 1000;
                session[n++] = id;
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        final double[] tt = t;
        Arrays.sort(order, (a, b) -> tt[a] != tt[b] ? Double.compare(tt[a], tt[b]) : Integer.compare(a, b));
        double[] sorted = new double[n];
        int[] next = new int[n], lastOfSession = new int[id + 1];
        Arrays.fill(lastOfSession, -1);
        Arrays.fill(next, -1);
        for (int j = 0; j < n; j++) {
            int i = order[j];
            sorted[j] = t[i];
            int prev = lastOfSession[session[i]];
            if (prev >= 0) next[prev] = j;
            lastOfSession[session[i]] = j;
        }
        return new Drawn(sorted, next);
    }

    private static int drawSize(double[] p, SplittableRandom rng) {
        double u = rng.nextDouble();
        for (int k = 1; k < p.length; k++) if ((u -= p[k]) < 0) return k;
        return p.length - 1;
    }
}
