package dev.thaw.simulate.faas;

import java.util.SplittableRandom;

/**
 * Samples the time a new pod takes before it can serve, as the four Huawei components: pod allocation, code
 * deployment, dependency deployment and scheduling (in that order in {@code out}). Implementations must draw only
 * from {@code rng} so a replay is reproducible from its seed.
 */
public interface ColdStartModel {
    int ALLOCATION = 0, CODE = 1, DEPENDENCY = 2, SCHEDULING = 3;
    String[] COMPONENTS = {"podAllocationCost", "deployCodeCost", "deployDependencyCost", "schedulingCost"};

    /** Fills {@code out[0..3]} with the components of one cold start of {@code function} and returns their sum. */
    double sample(int function, FunctionCatalog catalog, SplittableRandom rng, double[] out);

    /** Mean cold-start time of {@code function} (used by cost-aware policies before any start was observed). */
    double mean(int function, FunctionCatalog catalog);

    /** Every cold start takes exactly these component times. */
    static ColdStartModel constant(double allocation, double code, double dependency, double scheduling) {
        double total = allocation + code + dependency + scheduling;
        if (!(total >= 0)) throw new IllegalArgumentException("cold-start components must be >= 0");
        return new ColdStartModel() {
            @Override public double sample(int f, FunctionCatalog c, SplittableRandom rng, double[] out) {
                out[ALLOCATION] = allocation; out[CODE] = code; out[DEPENDENCY] = dependency; out[SCHEDULING] = scheduling;
                return total;
            }
            @Override public double mean(int f, FunctionCatalog c) { return total; }
        };
    }

    /** A cold start of {@code totalS} seconds, all of it scheduling. */
    static ColdStartModel constant(double totalS) { return constant(0, 0, 0, totalS); }
}
