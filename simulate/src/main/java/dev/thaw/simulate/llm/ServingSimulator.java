package dev.thaw.simulate.llm;

import dev.thaw.simulate.llm.engine.EventLoop;
import dev.thaw.simulate.llm.hardware.Gpu;
import dev.thaw.simulate.llm.hardware.Link;
import dev.thaw.simulate.llm.metrics.Recorder;
import dev.thaw.simulate.llm.metrics.RequestLog;
import dev.thaw.simulate.llm.metrics.Summary;
import dev.thaw.simulate.llm.perf.MemoryPlan;
import dev.thaw.simulate.llm.perf.StepTimeModel;
import dev.thaw.workload.llm.LlmRequest;
import java.util.List;

/** Runs one serving simulation: memory plan, step-time model, event loop, metrics. Stateless and thread-safe. */
public final class ServingSimulator {
    private ServingSimulator() {}

    /** The memory plan of a configuration (check {@link MemoryPlan#feasible()} before {@link #run}). */
    public static MemoryPlan memoryPlan(ServingConfig c) {
        return MemoryPlan.of(c.model(), c.cluster(), c.plan(), c.quantization(), c.engine());
    }

    /** The step-time model of a configuration (for what-if costing of single batches). */
    public static StepTimeModel stepTimeModel(ServingConfig c) {
        return new StepTimeModel(c.model(), c.cluster(), c.plan(), c.quantization(), c.engine(), c.calibration(), c.comm(), c.gemmTable(),
                c.perfDb().forGpu(c.cluster().gpu()));
    }

    /**
     * Simulates serving {@code requests} (any order; served in arrival order) and returns the metrics and per-request
     * records. Deterministic: the same inputs give bit-identical results.
     *
     * @throws IllegalArgumentException when the plan cannot run (memory or structure), with the reason
     */
    public static ServingResult run(ServingConfig c, List<LlmRequest> requests) {
        long t0 = System.nanoTime();
        MemoryPlan mem = memoryPlan(c);
        if (!mem.feasible()) throw new IllegalArgumentException("plan " + c.plan() + " of " + c.model().name() + " on " + c.cluster().gpu().id() + " is infeasible: " + mem.reason());
        StepTimeModel model = stepTimeModel(c);
        Gpu g = c.cluster().gpu();
        Recorder rec = new Recorder(g.tdpW() - g.idleW(), g.intraNode().energyPjPerBit(), c.cluster().interNode().energyPjPerBit(), c.plan().tp());
        int maxModelLen = c.engine().maxModelLen() > 0 ? c.engine().maxModelLen() : c.model().maxPositions();
        Link kvLink = c.cluster().linkFor(2 * c.plan().gpusPerReplica());
        EventLoop loop = new EventLoop(requests, c.plan().dp(), c.plan().pp(), c.engine(), model, rec, mem.kvBlocks(), c.router(), maxModelLen,
                c.prefixUnitTokens(), c.disaggregation().prefillReplicas(), mem.kvBytesPerTokenPerGpu(), kvLink);
        loop.run();
        RequestLog log = loop.table().toLog();
        return summarize(c, mem, rec, loop, log, (System.nanoTime() - t0) / 1e9, model.perfDb());
    }

    /**
     * Simulates a closed loop of {@code clients} clients over {@code requests} (sent in list order; arrival times
     * ignored): client c sends its first request at {@code c x staggerS} and its next one whenever one ends. The
     * request log holds the clients' send times as arrivals.
     */
    public static ServingResult runClosedLoop(ServingConfig c, List<LlmRequest> requests, int clients, double staggerS) {
        return runClosedLoop(c, requests, clients, 1, staggerS);
    }

    /** {@link #runClosedLoop(ServingConfig, List, int, double)} with clients that send in cohorts of {@code cohort} ({@code EventLoop.closedLoop}). */
    public static ServingResult runClosedLoop(ServingConfig c, List<LlmRequest> requests, int clients, int cohort, double staggerS) {
        long t0 = System.nanoTime();
        MemoryPlan mem = memoryPlan(c);
        if (!mem.feasible()) throw new IllegalArgumentException("plan " + c.plan() + " of " + c.model().name() + " on " + c.cluster().gpu().id() + " is infeasible: " + mem.reason());
        if (c.disaggregation().enabled()) throw new IllegalArgumentException("closed-loop runs do not support disaggregated prefill");
        StepTimeModel model = stepTimeModel(c);
        Gpu g = c.cluster().gpu();
        Recorder rec = new Recorder(g.tdpW() - g.idleW(), g.intraNode().energyPjPerBit(), c.cluster().interNode().energyPjPerBit(), c.plan().tp());
        int maxModelLen = c.engine().maxModelLen() > 0 ? c.engine().maxModelLen() : c.model().maxPositions();
        EventLoop loop = EventLoop.closedLoop(requests, clients, cohort, staggerS, c.plan().dp(), c.plan().pp(), c.engine(), model, rec, mem.kvBlocks(),
                c.router(), maxModelLen, c.prefixUnitTokens());
        loop.run();
        RequestLog log = loop.table().toLog();
        return summarize(c, mem, rec, loop, log, (System.nanoTime() - t0) / 1e9, model.perfDb());
    }

    private static ServingResult summarize(ServingConfig c, MemoryPlan mem, Recorder rec, EventLoop loop, RequestLog log, double wallS, String perfDb) {
        int n = log.size(), completed = 0, rejected = 0, good = 0;
        double[] ttft = new double[n], tpot = new double[n], e2e = new double[n];
        double first = Double.POSITIVE_INFINITY, last = Double.NEGATIVE_INFINITY;
        long outTok = 0, totalTok = 0;
        for (int i = 0; i < n; i++) {
            first = Math.min(first, log.arrivalS()[i]);
            ttft[i] = tpot[i] = e2e[i] = Double.NaN;
            if (log.rejectReason()[i] != null) { rejected++; continue; }
            if (!log.completed(i)) continue;
            completed++;
            ttft[i] = log.ttftS(i);
            tpot[i] = log.tpotS(i);
            e2e[i] = log.e2eS(i);
            last = Math.max(last, log.finishS()[i]);
            int out = Math.max(1, log.outputTokens()[i]);
            outTok += out;
            totalTok += out + log.promptTokens()[i];
            boolean tpotOk = Double.isNaN(tpot[i]) || tpot[i] * 1e3 <= c.slo().tpotMs();
            if (ttft[i] * 1e3 <= c.slo().ttftMs() && tpotOk) good++;
        }
        if (completed + rejected != n) throw new IllegalStateException("simulation lost requests: " + (n - completed - rejected));
        double makespan = completed > 0 ? last - first : 0;
        Gpu g = c.cluster().gpu();
        int gpus = c.plan().gpus();
        Link kvLink = c.cluster().linkFor(2 * c.plan().gpusPerReplica());
        double kvTransferJ = (double) loop.kvBytesMovedPerGpu() * c.plan().gpusPerReplica() * 8e-12 * kvLink.energyPjPerBit();
        double energy = gpus * g.idleW() * makespan + rec.dynamicEnergyJ() + rec.commEnergyJ() + kvTransferJ;
        double cost = g.pricePerHourUsd() * gpus * makespan / 3600.0;
        double perS = makespan > 0 ? 1.0 / makespan : Double.NaN;
        Summary itl = Summary.ofHistogramUs(rec.itlHistogramUs(), rec.itlMeanS() * 1e3);
        return new ServingResult(c.plan().toString(), n, completed, rejected, Summary.of(ttft, n, 1e3), Summary.of(tpot, n, 1e3), itl,
                Summary.of(e2e, n, 1.0), makespan, completed * perS, outTok * perS, totalTok * perS, good * perS,
                completed > 0 ? (double) good / completed : Double.NaN, energy, outTok > 0 ? energy / outTok : Double.NaN, cost,
                totalTok > 0 ? cost / (totalTok / 1e6) : Double.NaN, mem, rec.iterations(), rec.preemptions(), loop.peakUsedBlocks(),
                loop.blocksPerInstance(), rec.prefillTokens(), wallS, log, perfDb);
    }
}
