package dev.thaw.analysis.fit;

/**
 * Two-state Markov-modulated Poisson process: Poisson arrivals at {@code rate0} (per s) in state 0 and
 * {@code rate1 >= rate0} in state 1; the state switches 0 -> 1 at rate {@code q01} and 1 -> 0 at rate {@code q10}
 * (per s). Field names are those of fits.json.
 */
public record Mmpp2(double rate0, double rate1, double q01, double q10) {

    /** Long-run fraction of time in state 1. */
    public double pi1() { return q01 / (q01 + q10); }

    /** Long-run arrival rate (per s). */
    public double meanRate() { double p1 = pi1(); return (1 - p1) * rate0 + p1 * rate1; }

    /** Index of dispersion of counts in windows of {@code t} seconds (closed form; 1 for a Poisson process). */
    public double idc(double t) {
        double r = q01 + q10, p1 = pi1(), p0 = 1 - p1, dl = rate1 - rate0;
        return 1 + 2 * p0 * p1 * dl * dl / (meanRate() * r * r * t) * (r * t - 1 + Math.exp(-r * t));
    }
}
