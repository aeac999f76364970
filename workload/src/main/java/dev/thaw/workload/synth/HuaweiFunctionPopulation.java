package dev.thaw.workload.synth;

import dev.thaw.workload.arrival.ArrivalModel;
import dev.thaw.workload.arrival.NonHomogeneousPoissonArrivals;
import dev.thaw.workload.arrival.PeriodicArrivals;
import dev.thaw.workload.arrival.RateProfile;
import dev.thaw.workload.arrival.SuperposedArrivals;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the functions of one synthetic region until their expected cold starts per day reach the region's target.
 * Archetypes by trigger: timers fire periodically (each firing after more than the 60 s keep-alive is a cold start),
 * API-gateway / workflow / queue functions come in sessions (an MMPP whose idle state has rate 0: one cold start per
 * session), object-storage and unknown triggers are sporadic with a diurnal profile. Session lengths and execution
 * times per trigger: {@link TriggerLifetimes}.
 */
public final class HuaweiFunctionPopulation {
    /** Region 2 shares of functions by trigger (published: TIMER-A 42%, APIG-S 23%, APIG-S+TIMER-A 13%; rest ours). */
    static final String[] TRIGGERS = {"TIMER-A", "APIG-S", "APIG-S TIMER-A", "workflow-S", "OBS-A", "SMN-A", "KAFKA-A", "CTS-A", "DIS-A", "unknown-A"};
    static final double[] TRIGGER_SHARES = {0.42, 0.23, 0.13, 0.10, 0.04, 0.02, 0.02, 0.01, 0.01, 0.02};
    /** Timers are ~60% of functions but only ~30% of cold starts (published): mostly long periods. */
    static final double[] TIMER_PERIODS_S = {7200, 21600, 43200, 86400};
    static final double[] TIMER_PERIOD_SHARES = {0.05, 0.25, 0.35, 0.35};
    static final Pool[] POOLS = {Pool.P22, Pool.P23, Pool.P24, Pool.P26};
    static final double[] POOL_SHARES = {0.45, 0.20, 0.20, 0.15};
    static final RateProfile DAY = RateProfile.sinusoidalDay(4, 14);
    /** Log-sd of one request's CPU around its function's typical CPU (the per-request log and the minute metrics). */
    static final double PER_REQUEST_CPU_LOG_SD = 0.3;

    private HuaweiFunctionPopulation() {}

    /** Functions of {@code region} whose expected cold starts per day add up to {@code coldStartsPerDay}. */
    public static List<SyntheticFunction> draw(RegionProfile region, double coldStartsPerDay, SplittableRandom rng) {
        List<SyntheticFunction> out = new ArrayList<>();
        java.util.Set<Integer> names = new java.util.HashSet<>();
        double expected = 0;
        while (expected < coldStartsPerDay) {
            int funcName;
            do funcName = rng.nextInt(4000); while (!names.add(funcName));
            SyntheticFunction f = one(region, funcName, rng);
            out.add(f);
            expected += f.expectedColdStartsPerDay();
        }
        return out;
    }

    private static SyntheticFunction one(RegionProfile region, int funcName, SplittableRandom rng) {
        String trigger = TRIGGERS[pick(TRIGGER_SHARES, rng)];
        Pool pool = POOLS[pick(POOL_SHARES, rng)];
        int userID = 1 + rng.nextInt(1200);
        int cpuRequest = (int) (Math.round(pool.cpuMillicores() / (rng.nextBoolean() ? 3.0 : 2.0) / 50.0) * 50);
        List<ArrivalModel> parts = new ArrayList<>();
        double expectedCold = 0;
        if (trigger.contains("TIMER")) {
            double period = TIMER_PERIODS_S[pick(TIMER_PERIOD_SHARES, rng)];
            parts.add(new PeriodicArrivals(period, 0.05));
            expectedCold += 86400 / period;
        }
        if (trigger.startsWith("APIG") || trigger.startsWith("workflow") || trigger.startsWith("SMN") || trigger.startsWith("KAFKA")
                || trigger.startsWith("CTS") || trigger.startsWith("DIS")) {
            // sessions: n per day (lognormal, median 15), each a handful of requests seconds apart (TriggerLifetimes);
            // a session that finds no warm pod cold-starts one
            double sessionsPerDay = clamp(15 * Math.exp(0.8 * rng.nextGaussian()), 1, 150);
            parts.add(TriggerLifetimes.sessions(sessionsPerDay, rng.nextGaussian(), rng.nextGaussian()));
            expectedCold += sessionsPerDay * Math.exp(-sessionsPerDay * 60 / 86400); // a session within the keep-alive of the last finds a warm pod
        }
        if (parts.isEmpty()) { // OBS-A, unknown-A: sporadic with a day/night profile
            double perDay = clamp(6 * Math.exp(0.8 * rng.nextGaussian()), 0.5, 100);
            parts.add(new NonHomogeneousPoissonArrivals(perDay / 86400, DAY));
            expectedCold += perDay;
        }
        ArrivalModel arrivals = parts.size() == 1 ? parts.get(0) : new SuperposedArrivals(parts);
        double coldEffect = 0.5 * rng.nextGaussian()
                + (pool.isSmall() ? 0 : Math.log(region.largePodSlowdown()))
                + (trigger.startsWith("OBS") ? Math.log(4) : 0);
        double execMedian = TriggerLifetimes.execMedianS(region, rng.nextGaussian());
        // a function's typical CPU stays two per-request sds (lognormal 0.3, HuaweiDatasetWriter) under its pod's
        // limit: capped at the limit itself, half its requests would read exactly the limit, a point mass no
        // sampler reports, which collapses the spread a per-function baseline learns (thaw detect)
        double cpu = Math.min(pool.cpuMillicores() / 1000.0 * Math.exp(-2 * PER_REQUEST_CPU_LOG_SD), 0.15 * Math.exp(0.7 * rng.nextGaussian()));
        double mem = pool.memoryMb() * (0.15 + 0.5 * rng.nextDouble());
        double body = Math.rint(200 * Math.exp(1.5 * rng.nextGaussian()));
        return new SyntheticFunction(region.region(), funcName, userID, pool, cpuRequest, trigger, 1 + rng.nextInt(4),
                rng.nextDouble() < region.dependencyShare(), arrivals, expectedCold, execMedian, 0.6, 0.1 + 0.8 * rng.nextDouble(),
                cpu, mem, body, coldEffect);
    }

    static int pick(double[] shares, SplittableRandom rng) {
        double u = rng.nextDouble();
        for (int i = 0; i < shares.length; i++) if ((u -= shares[i]) < 0) return i;
        return shares.length - 1;
    }

    private static double clamp(double v, double lo, double hi) { return Math.max(lo, Math.min(hi, v)); }
}
