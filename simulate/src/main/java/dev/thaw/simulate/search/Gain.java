package dev.thaw.simulate.search;

/**
 * The search's best plan against a baseline on one objective. {@code relative} is the improvement as a fraction of
 * the baseline: (baseline - best) / baseline for minimised objectives, (best - baseline) / baseline for maximised
 * ones; positive means the search did better. {@code factor} is baseline/best (minimised) or best/baseline.
 */
public record Gain(String objective, String baseline, double bestValue, double baselineValue, double relative, double factor) {
    public static Gain of(Objective o, String baselineName, Figures best, Figures baseline) {
        double b = o.value(best), base = o.value(baseline);
        if (o.maximised()) return new Gain(o.name(), baselineName, b, base, (b - base) / base, b / base);
        return new Gain(o.name(), baselineName, b, base, (base - b) / base, base / b);
    }
}
