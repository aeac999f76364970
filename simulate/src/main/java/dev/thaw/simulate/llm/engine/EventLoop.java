package dev.thaw.simulate.llm.engine;

import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.RouterPolicy;
import dev.thaw.simulate.llm.metrics.Recorder;
import dev.thaw.simulate.llm.perf.StepTimeModel;
import dev.thaw.workload.llm.LlmRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The discrete-event core: arrivals (in trace order) and step ends of every engine instance, processed in time
 * order; at equal times arrivals go first, so a request arriving exactly when a step ends joins the next step.
 * Deterministic: no randomness, ties broken by index. dp replicas x pp virtual engines; the router picks a replica,
 * the replica its least-loaded virtual engine.
 */
public final class EventLoop {
    private final RequestTable table;
    private final EngineInstance[] inst;
    private final int dp, pp, maxModelLen;
    private final RouterPolicy router;
    private int rrNext;

    public EventLoop(List<LlmRequest> requests, int dp, int pp, EngineProfile profile, StepTimeModel model, Recorder rec,
                     long blocksPerReplica, RouterPolicy router, int maxModelLen, int prefixUnitTokens) {
        List<LlmRequest> sorted = new ArrayList<>(requests);
        sorted.sort(Comparator.comparingDouble(LlmRequest::arrivalS)); // stable: equal arrivals keep trace order
        this.table = new RequestTable(sorted);
        this.dp = dp;
        this.pp = pp;
        this.router = router;
        this.maxModelLen = maxModelLen;
        this.inst = new EngineInstance[dp * pp];
        for (int d = 0; d < dp; d++)
            for (int v = 0; v < pp; v++)
                inst[d * pp + v] = new EngineInstance(d, table, profile, model, rec, blocksPerReplica / pp, prefixUnitTokens);
    }

    public RequestTable table() { return table; }

    /** Runs to completion: every request ends DONE or REJECTED. */
    public void run() {
        int n = table.n, next = 0;
        while (true) {
            EngineInstance due = null;
            double tDue = EngineInstance.NEVER;
            for (EngineInstance e : inst) if (e.nextEventS < tDue) { tDue = e.nextEventS; due = e; }
            double tArr = next < n ? table.arrival[next] : EngineInstance.NEVER;
            if (due == null && next >= n) break;
            if (tArr <= tDue) arrive(next++, tArr);
            else due.fire();
        }
    }

    private void arrive(int r, double now) {
        int rep = route(r);
        EngineInstance target = inst[rep * pp];
        for (int v = 1; v < pp; v++) if (inst[rep * pp + v].unfinished < target.unfinished) target = inst[rep * pp + v];
        String why = target.cannotServe(r, maxModelLen);
        if (why != null) {
            table.status[r] = RequestTable.REJECTED;
            table.rejectReason[r] = why;
            table.replica[r] = rep;
            return;
        }
        target.enqueue(r, now);
    }

    private int route(int r) {
        if (dp == 1) return 0;
        return switch (router) {
            case ROUND_ROBIN -> rrNext++ % dp;
            case LEAST_OUTSTANDING -> leastOutstanding();
            case PREFIX_AWARE -> prefixAware(r);
        };
    }

    private int outstanding(int rep) {
        int s = 0;
        for (int v = 0; v < pp; v++) s += inst[rep * pp + v].unfinished;
        return s;
    }

    private int leastOutstanding() {
        int best = 0, bestLoad = Integer.MAX_VALUE;
        for (int d = 0; d < dp; d++) {
            int load = outstanding(d);
            if (load < bestLoad) { bestLoad = load; best = d; }
        }
        return best;
    }

    private int prefixAware(int r) {
        if (table.prefixHashes[r].length == 0) return leastOutstanding();
        int best = 0, bestUnits = -1, bestLoad = Integer.MAX_VALUE;
        for (int d = 0; d < dp; d++) {
            int units = 0;
            for (int v = 0; v < pp; v++) units = Math.max(units, inst[d * pp + v].cachedPrefixUnits(r));
            int load = outstanding(d);
            if (units > bestUnits || (units == bestUnits && load < bestLoad)) { best = d; bestUnits = units; bestLoad = load; }
        }
        // Balance guard (as KV-aware routers such as llm-d's do): do not pile onto a hot replica for a cache hit.
        int least = leastOutstanding();
        if (bestLoad > 2 * outstanding(least) + 8) return least;
        return best;
    }

    /** Largest KV usage (blocks) any instance reached, and its capacity: usage never exceeds capacity. */
    public long peakUsedBlocks() {
        long m = 0;
        for (EngineInstance e : inst) m = Math.max(m, e.peakUsedBlocks);
        return m;
    }

    public long blocksPerInstance() { return inst[0].capacityBlocks; }
}
