package dev.thaw.simulate.faas;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What a replay counted, before it becomes a {@link FaasResult}: counters, histograms, per-function arrays and every
 * pod's lifetime. Tallies of replays over disjoint sets of functions merge ({@link #merge}) into the tally of the
 * whole replay, which is how a replay partitioned by function (a Spark task per shard) reports the same result as
 * one replay. Sums are kept per function and added up in function order at the end, so they do not depend on how
 * the functions were partitioned either (a sum of doubles depends on the order of its additions).
 */
public final class FaasTally implements Serializable {
    private static final long serialVersionUID = 1L;

    final String policy;
    long invocations, coldStarts, prewarmStarts, coldRequests, rejected, queued, pods;
    double horizon;
    /** Per function sums, kind by kind (kind x functions + function). */
    static final int WASTED_MB_S = 0, POD_MB_S = 1, DELAY = 2, LIFETIME = 3, UTILITY = 4, KINDS = 5;
    private final double[] sums;
    final LogHistogram lifetimes = new LogHistogram(), utility = new LogHistogram(), delays = new LogHistogram();
    final long[] coldStartsOf, coldRequestsOf, invocationsOf;
    // every pod's [start, deleted): the peak of pods alive at once comes from these, so it does not depend on when
    // a replay happened to notice an expiry, nor on which other functions shared the replay
    private double[] podStart = new double[64], podEnd = new double[64];
    private int lifetimeCount;

    FaasTally(String policy, int functions) {
        this.policy = policy;
        coldStartsOf = new long[functions];
        coldRequestsOf = new long[functions];
        invocationsOf = new long[functions];
        sums = new double[KINDS * functions];
    }

    void add(int kind, int function, double v) { sums[kind * invocationsOf.length + function] += v; }

    /** A sum over all functions, in function order. */
    double total(int kind) {
        int n = invocationsOf.length;
        double t = 0;
        for (int f = 0; f < n; f++) t += sums[kind * n + f];
        return t;
    }

    void lifetime(double start, double end) {
        if (lifetimeCount == podStart.length) {
            podStart = Arrays.copyOf(podStart, lifetimeCount * 2);
            podEnd = Arrays.copyOf(podEnd, lifetimeCount * 2);
        }
        podStart[lifetimeCount] = start;
        podEnd[lifetimeCount++] = end;
    }

    /** Adds a tally of the same policy over other functions (the horizon is the later of the two). */
    public FaasTally merge(FaasTally o) {
        if (!policy.equals(o.policy) || invocationsOf.length != o.invocationsOf.length)
            throw new IllegalArgumentException("tallies of different replays: " + policy + " over " + invocationsOf.length + " functions, " + o.policy + " over " + o.invocationsOf.length);
        invocations += o.invocations;
        coldStarts += o.coldStarts;
        prewarmStarts += o.prewarmStarts;
        coldRequests += o.coldRequests;
        rejected += o.rejected;
        queued += o.queued;
        pods += o.pods;
        for (int i = 0; i < sums.length; i++) sums[i] += o.sums[i];
        horizon = Math.max(horizon, o.horizon);
        lifetimes.merge(o.lifetimes);
        utility.merge(o.utility);
        delays.merge(o.delays);
        for (int f = 0; f < invocationsOf.length; f++) {
            coldStartsOf[f] += o.coldStartsOf[f];
            coldRequestsOf[f] += o.coldRequestsOf[f];
            invocationsOf[f] += o.invocationsOf[f];
        }
        for (int i = 0; i < o.lifetimeCount; i++) lifetime(o.podStart[i], o.podEnd[i]);
        return this;
    }

    /** The most pods alive at once: a sweep over the lifetimes, [start, end) so a pod ending as another starts is not counted twice. */
    long peakPodsAlive() {
        double[] s = Arrays.copyOf(podStart, lifetimeCount), e = Arrays.copyOf(podEnd, lifetimeCount);
        Arrays.sort(s);
        Arrays.sort(e);
        long peak = 0;
        int ended = 0;
        for (int i = 0; i < s.length; i++) {
            if (i + 1 < s.length && s[i + 1] == s[i]) continue;  // the last of equal starts counts them all
            while (ended < e.length && e[ended] <= s[i]) ended++;
            peak = Math.max(peak, i + 1 - ended);
        }
        return peak;
    }

    /** The result of the replay this tally counted, for {@code catalog} (its apps) at {@code pricePerGbS}. */
    public FaasResult result(FunctionCatalog catalog, double pricePerGbS) {
        double gb = 1.0 / 1024, podMbS = total(POD_MB_S), delayTotal = total(DELAY);
        return new FaasResult(policy, invocations, coldStarts, prewarmStarts, coldRequests, rejected, queued,
                invocations == 0 ? 0 : (double) coldRequests / invocations, perAppRates(catalog), total(WASTED_MB_S) * gb, podMbS * gb,
                podMbS * gb * pricePerGbS, FaasResult.Percentiles.of(lifetimes, total(LIFETIME)), FaasResult.Percentiles.of(utility, total(UTILITY)),
                utility.shareBelow(1.0), FaasResult.Percentiles.of(delays, delayTotal), delayTotal, peakPodsAlive(), pods, horizon,
                coldStartsOf.clone(), invocationsOf.clone());
    }

    private FaasResult.Percentiles perAppRates(FunctionCatalog catalog) {
        int apps = catalog.apps();
        long[] inv = new long[apps], cold = new long[apps];
        for (int f = 0; f < invocationsOf.length; f++) {
            inv[catalog.app(f)] += invocationsOf[f];
            cold[catalog.app(f)] += coldRequestsOf[f];
        }
        double[] rates = new double[apps];
        int k = 0;
        for (int a = 0; a < apps; a++) if (inv[a] > 0) rates[k++] = (double) cold[a] / inv[a];
        rates = Arrays.copyOf(rates, k);
        Arrays.sort(rates);
        return FaasResult.Percentiles.exact(rates);
    }
}
