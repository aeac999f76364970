package dev.thaw.workload.synth;

import java.util.List;

/**
 * What the synthetic builder aims at in one region, from the published Huawei 2025 figures (docs/analytics.md):
 * cold starts per hour (scaled down by the dataset's scale), the median cold-start time, how the cold-start time
 * splits into its four components (pod allocation, code, dependencies, scheduling), how much slower large pods
 * start, the median execution time, and the share of functions with dependency layers (our assumption).
 */
public record RegionProfile(int region, double coldStartsPerHour, double medianColdStartS, double[] componentShares,
                            double largePodSlowdown, double medianExecS, double dependencyShare) {
    public String name() { return "R" + region; }

    /** Published figures; R1's cold-start rate is the low end of its published 1-2 x 10^4 per hour. */
    public static List<RegionProfile> published() {
        return List.of(
                new RegionProfile(1, 10_000, 2.2, new double[] {0.04, 0.12, 0.42, 0.42}, 2.0, 0.100, 0.85),
                new RegionProfile(2, 2_786, 0.9, new double[] {0.45, 0.12, 0.10, 0.33}, 2.0, 0.030, 0.40),
                new RegionProfile(3, 400, 0.1, new double[] {0.10, 0.25, 0.15, 0.50}, 5.0, 0.020, 0.50),
                new RegionProfile(4, 2_000, 0.85, new double[] {0.20, 0.20, 0.20, 0.40}, 2.0, 0.050, 0.50),
                new RegionProfile(5, 1_100, 0.5, new double[] {0.15, 0.25, 0.15, 0.45}, 1.0, 0.004, 0.50));
    }
}
