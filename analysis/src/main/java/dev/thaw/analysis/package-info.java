/**
 * Trace analysis in one streaming pass.
 *
 * <ul>
 *   <li>{@link dev.thaw.analysis.Analysis#run}: what {@code thaw analyze} does (summary.json, fits.json, tables).</li>
 *   <li>{@code agg}: the {@link dev.thaw.analysis.agg.Aggregator} contract (accept Arrow batches, exact merge,
 *       serializable), the parallel {@link dev.thaw.analysis.agg.AggregationRunner}, the mergeable
 *       {@link dev.thaw.analysis.agg.QuantileSketch} (0.4% relative error) and
 *       {@link dev.thaw.analysis.agg.BottomKSample} (split-independent sample for fitting).</li>
 *   <li>{@code coldstart}: cold-start groups, series, Spearman, inter-arrivals; {@code arrivals}: arrival
 *       burstiness per trace and per function/app/user/region; {@code utility}: pod utility ratio.</li>
 *   <li>{@code burst} and {@code fit}: plain-array statistics other modules reuse
 *       ({@link dev.thaw.analysis.burst.Burstiness#of}, {@link dev.thaw.analysis.fit.Distances},
 *       {@link dev.thaw.analysis.fit.Fitter}, {@link dev.thaw.analysis.fit.Mmpp2Fitter},
 *       {@link dev.thaw.analysis.fit.Fits} for fits.json).</li>
 * </ul>
 */
package dev.thaw.analysis;
