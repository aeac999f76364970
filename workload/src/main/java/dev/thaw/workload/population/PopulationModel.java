package dev.thaw.workload.population;

import dev.thaw.workload.arrival.ArrivalModel;
import dev.thaw.workload.arrival.Gaps;
import dev.thaw.workload.arrival.Mmpp2Arrivals;
import dev.thaw.workload.arrival.PeriodicArrivals;
import dev.thaw.workload.arrival.PoissonArrivals;
import dev.thaw.workload.arrival.RenewalArrivals;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cross-function distributions from which a population is drawn. Defaults are the published figures
 * (docs/analytics.md): per-function rates lognormal spanning many orders of magnitude; execution time per function
 * lognormal (Azure 2019: mu -0.38, sigma 2.36 s); memory Burr XII (Azure 2019: c 11.652, k 0.221, lambda 107.083
 * MB); runtimes and triggers from Huawei Region 2; cold-start median per pod size and runtime.
 *
 * @param rateMu            mean of log(invocations per second) across functions
 * @param rateSigma         sd of log rate (2.3 = one decade)
 * @param burstyShare       share of functions with on-off bursts (MMPP)
 * @param timerShare        share of timer-triggered functions (periodic)
 * @param burstContrast     ratio of on-state to mean rate for bursty functions
 * @param renewalShare      share of functions with gamma gaps of CV {@code renewalCv}
 */
public record PopulationModel(double rateMu, double rateSigma, double burstyShare, double timerShare, double burstContrast,
                              double renewalShare, double renewalCv, double execMu, double execSigma, double burrC, double burrK,
                              double burrLambda, double coldStartMedianSmallS, double coldStartMedianLargeS, double coldStartSigma) {
    /** Rates are clamped to [once a month, 10,000 per second]: the published span of 8-9 decades per day. */
    public static final double MIN_RATE = 1 / (30 * 86400.0), MAX_RATE = 1e4;
    static final String[] RUNTIMES = dev.thaw.workload.synth.RuntimeShares.RUNTIMES;
    static final String[] TRIGGERS = {"TIMER-A", "APIG-S", "workflow-S", "OBS-A", "other-S", "other-A"};
    static final double[] TRIGGER_SHARES = {0.55, 0.25, 0.10, 0.04, 0.03, 0.03};

    /** Published defaults; rates median 1 per 10 min with sd of 2.5 decades. */
    public static PopulationModel defaults() {
        return new PopulationModel(Math.log(1 / 600.0), 2.5 * Math.log(10), 0.2, 0.3, 20, 0.1, 3, -0.38, 2.36, 11.652, 0.221, 107.083,
                0.9, 1.8, 1.1);
    }

    /** The same model with all rates multiplied by {@code factor}. */
    public PopulationModel withRateScale(double factor) {
        return new PopulationModel(rateMu + Math.log(factor), rateSigma, burstyShare, timerShare, burstContrast, renewalShare, renewalCv,
                execMu, execSigma, burrC, burrK, burrLambda, coldStartMedianSmallS, coldStartMedianLargeS, coldStartSigma);
    }

    /** The same model with log-rates ~ N(ln(medianRate), (decades ln 10)^2). */
    public PopulationModel withRates(double medianRatePerS, double sdDecades) {
        return new PopulationModel(Math.log(medianRatePerS), sdDecades * Math.log(10), burstyShare, timerShare, burstContrast, renewalShare, renewalCv,
                execMu, execSigma, burrC, burrK, burrLambda, coldStartMedianSmallS, coldStartMedianLargeS, coldStartSigma);
    }

    /** Draws {@code n} functions; function i always gets the i-th split of the seed's generator. */
    public List<FunctionProfile> draw(int n, long seed) {
        SplittableRandom master = new SplittableRandom(seed);
        List<FunctionProfile> out = new ArrayList<>(n);
        double[] runtimeShares = dev.thaw.workload.synth.RuntimeShares.shares();
        for (int i = 0; i < n; i++) {
            SplittableRandom r = master.split();
            double rate = Math.min(MAX_RATE, Math.max(MIN_RATE, Math.exp(rateMu + rateSigma * r.nextGaussian())));
            double u = r.nextDouble();
            String trigger;
            ArrivalModel arrivals;
            if (u < timerShare) {
                trigger = "TIMER-A";
                double period = Math.max(1, 1 / rate);
                arrivals = new PeriodicArrivals(period, Math.min(0.05, period / 2));
            } else {
                trigger = TRIGGERS[1 + pick(java.util.Arrays.copyOfRange(TRIGGER_SHARES, 1, TRIGGER_SHARES.length), r)];
                if (u < timerShare + burstyShare) {
                    // on-off: on at contrast x the mean rate for 1/contrast of the time, episodes of ~100 expected arrivals
                    double on = rate * burstContrast, p1 = 1 / burstContrast, cycle = 100 / on / p1;
                    double q01 = 1 / (cycle * (1 - p1)), q10 = 1 / (cycle * p1);
                    arrivals = new Mmpp2Arrivals(0, on, q01, q10);
                } else if (u < timerShare + burstyShare + renewalShare) {
                    double shape = 1 / (renewalCv * renewalCv);
                    arrivals = new RenewalArrivals(new Gaps.GammaGaps(shape, 1 / (rate * shape)));
                } else {
                    arrivals = new PoissonArrivals(rate);
                }
            }
            double mem = burrLambda * Math.pow(Math.pow(1 - r.nextDouble(), -1 / burrK) - 1, 1 / burrC);
            String runtime = RUNTIMES[pick(runtimeShares, r)];
            boolean small = r.nextDouble() < 0.6;
            double csMedian = (small ? coldStartMedianSmallS : coldStartMedianLargeS) * dev.thaw.workload.synth.RuntimeShares.coldStartFactor(runtime);
            out.add(new FunctionProfile(i, arrivals, execMu + execSigma * r.nextGaussian(), 0.5, mem, runtime, trigger, small,
                    Math.log(csMedian), coldStartSigma));
        }
        return out;
    }

    static int pick(double[] shares, SplittableRandom rng) {
        double s = 0;
        for (double v : shares) s += v;
        double u = rng.nextDouble() * s;
        for (int i = 0; i < shares.length; i++) if ((u -= shares[i]) < 0) return i;
        return shares.length - 1;
    }
}
