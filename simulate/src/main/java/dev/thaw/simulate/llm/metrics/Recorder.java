package dev.thaw.simulate.llm.metrics;

import dev.thaw.simulate.llm.perf.BatchShape;
import org.HdrHistogram.Histogram;

/**
 * Run-wide counters the engine feeds on its hot path: inter-token gaps (an HdrHistogram in microseconds, 3
 * significant digits, so no per-token objects), steps, preemptions, busy time and energy.
 */
public final class Recorder {
    private final Histogram itlUs = new Histogram(3);
    private double itlSumS;
    private long itlCount, iterations, preemptions, prefillTokens, decodeTokens;
    private double dynamicEnergyJ, commEnergyJ, busyGpuS;
    private final double dynamicW, pjIntra, pjInter;
    private final int gpusPerStage;

    /** @param dynamicW TDP minus idle power of one GPU; pj* link energy per bit; gpusPerStage the tp GPUs working on a layer. */
    public Recorder(double dynamicW, double pjIntra, double pjInter, int gpusPerStage) {
        this.dynamicW = dynamicW;
        this.pjIntra = pjIntra;
        this.pjInter = pjInter;
        this.gpusPerStage = gpusPerStage;
    }

    public void itl(double gapS) {
        itlSumS += gapS;
        itlCount++;
        itlUs.recordValue(Math.max(0, Math.round(gapS * 1e6)));
    }

    public void step(BatchShape b) {
        iterations++;
        prefillTokens += b.prefillTokens;
        decodeTokens += b.decodeSeqs;
        busyGpuS += gpusPerStage * b.busyS;
        dynamicEnergyJ += gpusPerStage * dynamicW * b.busyS;
        commEnergyJ += (b.wireBytesIntra * pjIntra + b.wireBytesInter * pjInter) * 8e-12;
    }

    public void preemption() { preemptions++; }

    public Histogram itlHistogramUs() { return itlUs; }
    public double itlMeanS() { return itlCount == 0 ? Double.NaN : itlSumS / itlCount; }
    public long itlCount() { return itlCount; }
    public long iterations() { return iterations; }
    public long preemptions() { return preemptions; }
    /** Prompt and recompute tokens computed (recompute after preemption counts again). */
    public long prefillTokens() { return prefillTokens; }
    public long decodeTokens() { return decodeTokens; }
    public double dynamicEnergyJ() { return dynamicEnergyJ; }
    public double commEnergyJ() { return commEnergyJ; }
    public double busyGpuS() { return busyGpuS; }
}
