package dev.thaw.workload.attack;

import dev.thaw.analysis.detect.Metric;
import java.util.SplittableRandom;

/**
 * Post-exploitation behaviours injected into per-minute series, each with a documented intensity and duration (the
 * ones the acceptance figures use), weaker and stronger intensities and shorter durations. {@code n} is the minute's
 * request count. Durations are wall-clock time from the first request the attack changes: a miner, a leaking
 * backdoor or a broken dependency stays until someone removes it (documented 12 hours, shorter 1 and 4 hours); a
 * flood is billed by the minute and loud (documented 1 hour, shorter 10 and 30 minutes). A function invoked in a
 * few minutes an hour shows a 12-hour attack in a dozen or more minutes, a 1-hour one perhaps once.
 * <ul>
 * <li>{@code cryptojacking} (intensity i, documented 1): a miner shares the sandbox: CPU per request x(1+2i) (but not
 *     past the pod's CPU limit, where the funcID names it), execution time per request x(1+i); memory unchanged.</li>
 * <li>{@code exfiltration} (share s, documented 0.2): each request leaks data with probability s; a leaking
 *     request writes a 20x larger response and runs twice as long.</li>
 * <li>{@code denial-of-wallet} (factor f, documented 10): a few callers replay a legitimate request f times the
 *     function's usual peak per minute (its 99th percentile of requests per active minute), every minute;
 *     pods grow to serve them (4 concurrent requests each) and start cold.</li>
 * <li>{@code crash} (share s, documented 0.9): a probe breaks the function: each request fails with probability s,
 *     failing after 10% of its usual execution time, with 30% of its CPU and a 5x smaller (error) response;
 *     errors are counted where the trace publishes them.</li>
 * </ul>
 */
public enum AttackScenario {
    CRYPTOJACKING("cryptojacking", 1.0, new double[] {0.5, 1.0, 2.0}, 720, new int[] {60, 240}),
    EXFILTRATION("exfiltration", 0.2, new double[] {0.1, 0.2, 0.5}, 720, new int[] {60, 240}),
    DENIAL_OF_WALLET("denial-of-wallet", 10, new double[] {5, 10, 30}, 60, new int[] {10, 30}),
    CRASH("crash", 0.9, new double[] {0.5, 0.9, 1.0}, 720, new int[] {60, 240});

    public final String id;
    public final double documented;
    /** Documented duration in minutes (from the first changed request on). */
    public final int documentedDurationMin;
    private final double[] intensities;
    private final int[] shorterDurationsMin;

    AttackScenario(String id, double documented, double[] intensities, int documentedDurationMin, int[] shorterDurationsMin) {
        this.id = id;
        this.documented = documented;
        this.intensities = intensities;
        this.documentedDurationMin = documentedDurationMin;
        this.shorterDurationsMin = shorterDurationsMin;
    }

    /** Weaker, documented and stronger intensity. */
    public double[] intensities() { return intensities.clone(); }

    /** The shorter durations and the documented one, in minutes, ascending. */
    public int[] durationsMin() {
        int[] d = java.util.Arrays.copyOf(shorterDurationsMin, shorterDurationsMin.length + 1);
        d[d.length - 1] = documentedDurationMin;
        return d;
    }

    public static AttackScenario of(String id) {
        for (AttackScenario s : values()) if (s.id.equals(id.trim())) return s;
        throw new IllegalArgumentException("unknown scenario '" + id + "' (expected cryptojacking, exfiltration, denial-of-wallet, crash)");
    }

    /**
     * Applies the scenario to one minute in place and says whether it changed any request. {@code target} holds the
     * function's usual values; {@code state} carries the flood's extra pods from the previous minute.
     */
    boolean apply(double intensity, double[] v, Target target, double[] state, SplittableRandom rng) {
        int R = Metric.REQUESTS.ordinal(), C = Metric.CPU.ordinal(), E = Metric.EXEC.ordinal(), P = Metric.RESPONSE.ordinal();
        double n = v[R];
        switch (this) {
            case CRYPTOJACKING -> {
                if (n < 1) return false;
                double cpu = v[C] * (1 + 2 * intensity);
                v[C] = Double.isFinite(target.cpuLimit) ? Math.min(Math.max(v[C], target.cpuLimit), cpu) : cpu;
                v[E] *= 1 + intensity;
            }
            case EXFILTRATION -> {
                if (n < 1) return false;
                int k = binomial((int) n, intensity, rng);
                if (k == 0) return false;
                v[P] *= 1 + 19.0 * k / n;
                v[E] *= 1 + 1.0 * k / n;
            }
            case CRASH -> {
                if (n < 1) return false;
                int k = binomial((int) n, intensity, rng);
                if (k == 0) return false;
                double share = k / n;
                v[E] *= 1 - 0.9 * share;
                v[C] *= 1 - 0.7 * share;
                v[P] *= 1 - 0.8 * share;
                int err = Metric.ERRORS.ordinal();
                if (Double.isFinite(v[err])) v[err] += k;
            }
            case DENIAL_OF_WALLET -> {
                double extra = poisson(intensity * Math.max(1, target.peakRequestsPerMinute), rng);
                if (n < 1) {
                    // an idle minute: the flood's requests cost what the function's requests usually cost
                    for (Metric m : Metric.PER_REQUEST) if (Double.isNaN(v[m.ordinal()])) v[m.ordinal()] = target.typical[m.ordinal()];
                    if (Double.isFinite(v[Metric.ERRORS.ordinal()])) v[Metric.ERRORS.ordinal()] = 0;
                }
                v[R] = n + extra;
                double execS = Double.isFinite(target.typical[E]) ? target.typical[E] : 0.1;
                double extraPods = Math.max(1, Math.ceil(extra * execS / 60 / 4));
                int pods = Metric.PODS.ordinal(), cold = Metric.COLD_STARTS.ordinal();
                v[pods] = (Double.isFinite(v[pods]) ? v[pods] : 0) + extraPods;
                v[cold] = (Double.isFinite(v[cold]) ? v[cold] : 0) + Math.max(0, extraPods - state[0]) + poisson(0.05 * extraPods, rng);
                state[0] = extraPods;
            }
        }
        return true;
    }

    static int binomial(int n, double p, SplittableRandom rng) {
        int k = 0;
        for (int i = 0; i < n; i++) if (rng.nextDouble() < p) k++;
        return k;
    }

    static double poisson(double mean, SplittableRandom rng) {
        if (mean > 50) return Math.max(0, Math.rint(mean + Math.sqrt(mean) * rng.nextGaussian()));
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do { k++; p *= rng.nextDouble(); } while (p > l);
        return k - 1;
    }

    /** What the injector knows of a target function from its training window. */
    record Target(double peakRequestsPerMinute, double[] typical, double cpuLimit) {}
}
