package dev.thaw.simulate.llm.engine;

import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.RouterPolicy;
import dev.thaw.simulate.llm.metrics.Recorder;
import dev.thaw.simulate.llm.perf.StepTimeModel;
import dev.thaw.workload.llm.LlmRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import dev.thaw.simulate.llm.hardware.Link;

/**
 * The discrete-event core: arrivals (in trace order) and step ends of every engine instance, processed in time
 * order; at equal times arrivals go first, so a request arriving exactly when a step ends joins the next step.
 * Deterministic: no randomness, ties broken by index. dp replicas x pp virtual engines; the router picks a replica,
 * the replica its least-loaded virtual engine. The virtual engines of a replica share its pipeline stages; with
 * expert parallelism across replicas, the same virtual engine of the replicas of one expert group steps in lockstep.
 *
 * <p>Open loop: every request arrives at its trace time. Closed loop ({@link #closedLoop}): {@code clients} clients
 * each keep one request outstanding; client c sends its first at {@code c x staggerS}, and whenever a request
 * finishes (or is rejected) its client sends the next request of the list at that instant (as vLLM's serving
 * benchmark with {@code --max-concurrency} and AIConfigurator's fixed-concurrency runs do). Either way a request
 * reaches the scheduler {@code requestFixedS + requestPerRunningS x (requests running per replica)} after it is
 * sent: HTTP, tokenisation and admission run on the API server's event loop, which also streams every running
 * request's tokens. The delays overlap (a latency, not a single server).
 */
public final class EventLoop {
    private final RequestTable table;
    private final EngineInstance[] inst;
    private final int dp, pp, maxModelLen;
    private final RouterPolicy router;
    private int rrNext;
    // Disaggregation: replicas [0, prefillReplicas) prefill, the others decode; KV transfers in flight by end time.
    private final int prefillReplicas;
    private final double kvBytesPerTokenPerGpu;
    private final Link kvLink;
    private final PriorityQueue<double[]> transfers = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
    private long kvBytesMoved;
    private final double requestFixedS, requestPerRunningS;
    // Closed loop: the first `initial` requests arrive at their table time; later ones are released by finishes.
    private int initial;
    private int nextPending;
    // Closed loop in cohorts: finishes are held until `cohort` of them have come, then that many requests are sent at once.
    private int cohort = 1, heldFinishes;
    private final IntDeque released = new IntDeque();
    // Sent requests on their way through the front end, by the time they reach the scheduler (ties: send order).
    private final PriorityQueue<double[]> frontEnd = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));

    public EventLoop(List<LlmRequest> requests, int dp, int pp, EngineProfile profile, StepTimeModel model, Recorder rec,
                     long blocksPerReplica, RouterPolicy router, int maxModelLen, int prefixUnitTokens) {
        this(requests, dp, pp, profile, model, rec, blocksPerReplica, router, maxModelLen, prefixUnitTokens, 0, 0, null);
    }

    /**
     * With {@code prefillReplicas > 0}, replicas below that index only prefill and hand requests to the others,
     * the KV taking {@code latency + prompt x kvBytesPerTokenPerGpu / bandwidth} over {@code kvLink}.
     */
    public EventLoop(List<LlmRequest> requests, int dp, int pp, EngineProfile profile, StepTimeModel model, Recorder rec,
                     long blocksPerReplica, RouterPolicy router, int maxModelLen, int prefixUnitTokens,
                     int prefillReplicas, double kvBytesPerTokenPerGpu, Link kvLink) {
        List<LlmRequest> sorted = new ArrayList<>(requests);
        sorted.sort(Comparator.comparingDouble(LlmRequest::arrivalS)); // stable: equal arrivals keep trace order
        this.table = new RequestTable(sorted);
        this.requestFixedS = profile.overheads().requestFixedS();
        this.requestPerRunningS = profile.overheads().requestPerRunningS();
        this.initial = table.n;
        this.nextPending = table.n;
        this.dp = dp;
        this.pp = pp;
        this.router = router;
        this.maxModelLen = maxModelLen;
        this.inst = new EngineInstance[dp * pp];
        for (int d = 0; d < dp; d++)
            for (int v = 0; v < pp; v++)
                inst[d * pp + v] = new EngineInstance(d, table, profile, model, rec, blocksPerReplica / pp, prefixUnitTokens);
        if (pp > 1) // the pp virtual engines of a replica share its stages
            for (int d = 0; d < dp; d++) {
                PipelineStages stages = new PipelineStages(pp);
                for (int v = 0; v < pp; v++) inst[d * pp + v].stages = stages;
            }
        int g = model.plan().replicasPerExpertGroup();
        if (g > 1) { // expert parallelism across replicas: the same virtual engine of g replicas steps in lockstep
            if (dp % g != 0) throw new IllegalArgumentException("ep spans " + g + " replicas, which must divide dp=" + dp);
            for (int d0 = 0; d0 < dp; d0 += g)
                for (int v = 0; v < pp; v++) {
                    EngineInstance[] members = new EngineInstance[g];
                    for (int j = 0; j < g; j++) members[j] = inst[(d0 + j) * pp + v];
                    new LockstepGroup(members);
                }
        }
        this.prefillReplicas = prefillReplicas;
        this.kvBytesPerTokenPerGpu = kvBytesPerTokenPerGpu;
        this.kvLink = kvLink;
        if (prefillReplicas > 0) {
            if (prefillReplicas >= dp) throw new IllegalArgumentException("disaggregation needs a decode replica");
            for (EngineInstance e : inst) {
                e.role = e.replica < prefillReplicas ? EngineInstance.Role.PREFILL : EngineInstance.Role.DECODE;
                e.handoff = this::startTransfer;
            }
        }
        for (EngineInstance e : inst) e.finish = this::finished;
    }

    /**
     * A closed-loop run: {@code requests} in the order clients send them (their arrival times are ignored); client c
     * sends its first request at {@code c x staggerS}, then the next unsent one whenever one of its requests ends.
     */
    public static EventLoop closedLoop(List<LlmRequest> requests, int clients, double staggerS, int dp, int pp, EngineProfile profile,
                                       StepTimeModel model, Recorder rec, long blocksPerReplica, RouterPolicy router, int maxModelLen,
                                       int prefixUnitTokens) {
        return closedLoop(requests, clients, 1, staggerS, dp, pp, profile, model, rec, blocksPerReplica, router, maxModelLen, prefixUnitTokens);
    }

    /**
     * A closed loop whose clients send in cohorts of {@code cohort}: after the first requests (all at their stagger
     * times), finishes are held until {@code cohort} of them have come and then that many requests are sent at
     * once, so arrivals come {@code cohort} at a time (1 = each finish sends one at once, as {@link #closedLoop}).
     */
    public static EventLoop closedLoop(List<LlmRequest> requests, int clients, int cohort, double staggerS, int dp, int pp, EngineProfile profile,
                                       StepTimeModel model, Recorder rec, long blocksPerReplica, RouterPolicy router, int maxModelLen,
                                       int prefixUnitTokens) {
        if (clients < 1) throw new IllegalArgumentException("a closed loop needs at least one client, got " + clients);
        if (cohort < 1 || cohort > clients) throw new IllegalArgumentException("a client cohort must be 1.." + clients + " (the clients), got " + cohort);
        if (!(staggerS >= 0)) throw new IllegalArgumentException("client stagger must be non-negative, got " + staggerS);
        List<LlmRequest> timed = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            LlmRequest r = requests.get(i);
            double at = i < clients ? i * staggerS : Double.POSITIVE_INFINITY; // unsent: after every first request
            timed.add(new LlmRequest(r.id(), at, r.promptTokens(), r.outputTokens(), r.prefixBlocks()));
        }
        EventLoop loop = new EventLoop(timed, dp, pp, profile, model, rec, blocksPerReplica, router, maxModelLen, prefixUnitTokens);
        loop.initial = Math.min(clients, timed.size());
        loop.nextPending = loop.initial;
        loop.cohort = cohort;
        return loop;
    }

    /** Time from sending a request to its reaching the scheduler, given the requests running now (queued ones stream nothing). */
    private double frontEndDelayS(int r) {
        double fixed = requestFixedS;
        if (requestPerRunningS == 0) return fixed;
        long running = 0;
        for (EngineInstance e : inst) running += e.running();
        return fixed + requestPerRunningS * running / dp;
    }

    /** A request left for good: in a closed loop its client sends the next unsent request now. */
    private void finished(int r, double now) {
        if (nextPending >= table.n) return;
        if (++heldFinishes < cohort && nextPending + heldFinishes < table.n) return;
        for (; heldFinishes > 0 && nextPending < table.n; heldFinishes--) {
            int next = nextPending++;
            table.arrival[next] = now;
            released.addLast(next);
        }
        heldFinishes = 0;
    }

    private void startTransfer(int r, double now) {
        double bytes = (double) table.computed[r] * kvBytesPerTokenPerGpu;
        kvBytesMoved += (long) bytes;
        transfers.add(new double[] {now + kvLink.latencyUs() * 1e-6 + bytes / kvLink.achievableBytesPerS(), r});
    }

    /** KV bytes per GPU moved from prefill to decode replicas (0 without disaggregation). */
    public long kvBytesMovedPerGpu() { return kvBytesMoved; }

    private void transferDone(int r, double now) {
        int best = prefillReplicas, bestLoad = Integer.MAX_VALUE;
        for (int d = prefillReplicas; d < dp; d++) {
            int load = outstanding(d);
            if (load < bestLoad) { bestLoad = load; best = d; }
        }
        EngineInstance target = leastLoadedEngine(best);
        target.enqueue(r, now);
    }

    private EngineInstance leastLoadedEngine(int rep) {
        EngineInstance target = inst[rep * pp];
        for (int v = 1; v < pp; v++) if (inst[rep * pp + v].unfinished < target.unfinished) target = inst[rep * pp + v];
        return target;
    }

    public RequestTable table() { return table; }

    /** Runs to completion: every request ends DONE or REJECTED. */
    public void run() {
        int n = initial, next = 0;
        while (true) {
            EngineInstance due = null;
            double tDue = EngineInstance.NEVER;
            for (EngineInstance e : inst) if (e.nextEventS < tDue) { tDue = e.nextEventS; due = e; }
            // Sends: trace arrivals (or the clients' first requests) and requests released by finishes (sent now, so
            // never later than the trace's next). A sent request reaches the scheduler after its front-end delay.
            boolean fromReleased = !released.isEmpty();
            int nextReq = fromReleased ? released.peekFirst() : next;
            double tSend = fromReleased || next < n ? table.arrival[nextReq] : EngineInstance.NEVER;
            double tArr = frontEnd.isEmpty() ? EngineInstance.NEVER : frontEnd.peek()[0];
            double tXfer = transfers.isEmpty() ? EngineInstance.NEVER : transfers.peek()[0];
            if (due == null && next >= n && released.isEmpty() && frontEnd.isEmpty() && transfers.isEmpty()) break;
            if (tSend <= tDue && tSend <= tXfer && tSend <= tArr) {
                if (fromReleased) released.pollFirst(); else next++;
                double delay = frontEndDelayS(nextReq);
                if (delay == 0) arrive(nextReq, tSend);
                else frontEnd.add(new double[] {tSend + delay, nextReq});
            } else if (tArr <= tDue && tArr <= tXfer) {
                double[] a = frontEnd.poll();
                arrive((int) a[1], a[0]);
            }
            else if (tXfer <= tDue) transferDone((int) transfers.poll()[1], tXfer);
            else due.fire();
        }
    }

    private void arrive(int r, double now) {
        int rep = route(r);
        EngineInstance target = leastLoadedEngine(rep);
        String why = target.cannotServe(r, maxModelLen);
        if (why == null && prefillReplicas > 0) why = inst[inst.length - 1].cannotServe(r, maxModelLen);
        if (why != null) {
            table.status[r] = RequestTable.REJECTED;
            table.rejectReason[r] = why;
            table.replica[r] = rep;
            finished(r, now);
            return;
        }
        target.enqueue(r, now);
    }

    /** Routes among the replicas that take new requests: all of them, or the prefill replicas when disaggregated. */
    private int route(int r) {
        int m = prefillReplicas > 0 ? prefillReplicas : dp;
        if (m == 1) return 0;
        return switch (router) {
            case ROUND_ROBIN -> rrNext++ % m;
            case LEAST_OUTSTANDING -> leastOutstanding(m);
            case PREFIX_AWARE -> prefixAware(r, m);
        };
    }

    private int outstanding(int rep) {
        int s = 0;
        for (int v = 0; v < pp; v++) s += inst[rep * pp + v].unfinished;
        return s;
    }

    private int leastOutstanding(int m) {
        int best = 0, bestLoad = Integer.MAX_VALUE;
        for (int d = 0; d < m; d++) {
            int load = outstanding(d);
            if (load < bestLoad) { bestLoad = load; best = d; }
        }
        return best;
    }

    private int prefixAware(int r, int m) {
        if (table.prefixHashes[r].length == 0) return leastOutstanding(m);
        int best = 0, bestUnits = -1, bestLoad = Integer.MAX_VALUE;
        for (int d = 0; d < m; d++) {
            int units = 0;
            for (int v = 0; v < pp; v++) units = Math.max(units, inst[d * pp + v].cachedPrefixUnits(r));
            int load = outstanding(d);
            if (units > bestUnits || (units == bestUnits && load < bestLoad)) { best = d; bestUnits = units; bestLoad = load; }
        }
        // Balance guard (as KV-aware routers such as llm-d's do): do not pile onto a hot replica for a cache hit.
        int least = leastOutstanding(m);
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
