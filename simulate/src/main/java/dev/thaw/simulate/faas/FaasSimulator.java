package dev.thaw.simulate.faas;

import dev.thaw.simulate.faas.policy.KeepAlivePolicy;
import dev.thaw.simulate.faas.policy.KeepAliveWindow;
import dev.thaw.workload.faas.Invocation;
import java.util.Arrays;
import java.util.Iterator;
import java.util.SplittableRandom;

/**
 * Replays invocations, in time order, on a serverless platform: each function has pods of its size; a request runs
 * on a warm pod of its function with room under the concurrency limit (the most recently freed one, so surplus pods
 * age out), otherwise a new pod is cold-started and the request waits for it; the keep-alive policy decides how
 * long an idle pod stays (every request resets it), whether to pre-warm, and which idle pod to evict when memory
 * is short; a full cluster makes a request wait for capacity (FIFO) or turns it away.
 *
 * <p>Single pass, one event per invocation plus pod expiries, on primitive arrays: per function its most recently
 * used ("hot") pod in a flat array, then a LIFO stack of other pods with room and a heap of busy pods by the time
 * they get room; one global heap of pod expiries that is checked
 * lazily (an entry is refreshed only when it comes due, not on every request) and of pending pre-warms. Pod slots
 * are recycled with a generation number so stale references are recognised.
 *
 * <p>Conventions: a pod is alive while {@code t < expiry}, so a keep-alive of 0 frees it the instant its last
 * request ends. A pod's cold-start time is the arrival of the request that triggered it; its utility ratio is
 * (end of its last request - cold-start time) / cold-start duration, over pods that served a request: the
 * definition of {@code thaw analyze} (UtilityAggregator's defaults). At
 * {@link #finish()} pods still alive are deleted at the horizon (last arrival or last request end, whichever is
 * later), so every policy is charged over the same span.
 */
public final class FaasSimulator {
    private static final long MASK = (1L << 30) - 1;
    private static final long PREWARM = 1L << 62;

    private final FunctionCatalog catalog;
    private final KeepAlivePolicy policy;
    private final PlatformConfig config;
    private final RequestLog log;
    private final SplittableRandom[] rngs;  // one stream per function, made on first use
    private final KeepAliveWindow window = new KeepAliveWindow();
    private final double[] components = new double[4];

    // per function
    private final int n;
    private final int[] conc;
    private final double[] memMb, cpuMilli;
    private static final long NONE = -1L;
    private final long[] hot;
    private final long[][] freeStack;
    private final int[] freeSize;
    private final EventHeap[] busy;
    private final int[] prewarmVersion;
    private final double[] prewarmKeepAlive;
    private final long[] invocationsOf, coldStartsOf, coldRequestsOf;

    // per pod slot
    private int slots;
    private int[] pFunction = new int[0], pGen = new int[0], pRequests = new int[0];
    private long[] pId = new long[0];
    // the times of a pod, side by side in one array (stride W) so a placement touches two cache lines, not ten
    private static final int START = 0, READY = 1, COST = 2, LAST_END = 3, LAST_REQ = 4, BUSY = 5, BUSY_END = 6, EXPIRY = 7,
            HEAP_TIME = 8, FREE_AT = 9, PRIO = 10, W = 11;
    private double[] pd = new double[0];
    private boolean[] pAlive = new boolean[0];
    private double[][] pSlotEnds = new double[0][];
    private int[] freeSlots = new int[0];
    private int freeSlotCount;

    private final EventHeap global = new EventHeap();
    private final boolean limited;
    private final IndexedMinHeap evictable;
    private final double memCap, cpuCap;
    private final long podCap;
    private final EventHeap busyCandidates = new EventHeap();

    private long podsAlive, nextPodId;
    private double memUsed, cpuUsed, queueTail = Double.NEGATIVE_INFINITY;
    private double lastT = Double.NEGATIVE_INFINITY, maxEnd = Double.NEGATIVE_INFINITY;
    private long invocations, coldStarts, prewarmStarts, coldRequests, rejected, queued;
    private final FaasTally tally;
    private final LogHistogram lifetimes, utility, delays;
    private boolean finished;
    private double finishedAt;

    public FaasSimulator(FunctionCatalog catalog, KeepAlivePolicy policy, PlatformConfig config, RequestLog log) {
        this.catalog = catalog;
        this.policy = policy;
        this.config = config;
        this.log = log == null ? RequestLog.NONE : log;
        n = catalog.size();
        rngs = new SplittableRandom[n];
        tally = new FaasTally(policy.name(), n);
        lifetimes = tally.lifetimes;
        utility = tally.utility;
        delays = tally.delays;
        conc = new int[n];
        memMb = new double[n];
        cpuMilli = new double[n];
        for (int f = 0; f < n; f++) {
            conc[f] = catalog.concurrency(f);
            memMb[f] = catalog.memoryMb(f);
            cpuMilli[f] = catalog.cpuMillicores(f);
        }
        hot = new long[n];
        Arrays.fill(hot, NONE);
        freeStack = new long[n][];
        freeSize = new int[n];
        busy = new EventHeap[n];
        prewarmVersion = new int[n];
        prewarmKeepAlive = new double[n];
        invocationsOf = new long[n];
        coldStartsOf = new long[n];
        coldRequestsOf = new long[n];
        policy.start(catalog, config.coldStarts());
        memCap = Math.min(config.memoryMb(), policy.memoryBudgetMb());
        cpuCap = config.cpuMillicores();
        podCap = config.maxPods();
        limited = !config.unlimited() || memCap != Double.POSITIVE_INFINITY;
        evictable = limited ? new IndexedMinHeap() : null;
        grow(64);
    }

    /** Replays {@code sortedByTime} to the end and returns the metrics. */
    public static FaasResult replay(Iterator<Invocation> sortedByTime, FunctionCatalog catalog, KeepAlivePolicy policy, PlatformConfig config) {
        return replay(sortedByTime, catalog, policy, config, RequestLog.NONE);
    }

    public static FaasResult replay(Iterator<Invocation> sortedByTime, FunctionCatalog catalog, KeepAlivePolicy policy,
                                    PlatformConfig config, RequestLog log) {
        FaasSimulator sim = new FaasSimulator(catalog, policy, config, log);
        while (sortedByTime.hasNext()) {
            Invocation i = sortedByTime.next();
            sim.offer(i.timeS(), i.function(), i.durationS());
        }
        return sim.finish();
    }

    /** One invocation; times must not decrease from one call to the next. */
    public void offer(double timeS, int function, double durationS) {
        if (finished) throw new IllegalStateException("replay already finished");
        if (!(timeS >= lastT)) throw new IllegalArgumentException("invocations must be sorted by time: " + timeS + " after " + lastT);
        if (function < 0 || function >= n) throw new IllegalArgumentException("function index " + function + " outside the catalog of " + n);
        if (!(durationS >= 0) || durationS == Double.POSITIVE_INFINITY) throw new IllegalArgumentException("duration must be finite and >= 0: " + durationS);
        lastT = timeS;
        if (global.minTime() <= timeS) processEvents(timeS);
        invocations++;
        invocationsOf[function]++;
        policy.onInvocation(function, timeS, durationS);
        prewarmVersion[function] = (int) ((prewarmVersion[function] + 1) & MASK); // cancels a pre-warm still pending
        int s = findWarm(function, timeS);
        if (s < 0) {
            s = startOnDemand(function, timeS);
            if (s < 0) {
                rejected++;
                log.rejected(function, timeS);
                return;
            }
        }
        assign(s, function, timeS, durationS);
    }

    private int findWarm(int f, double t) {
        // fast path: the function's most recently used pod, kept outside the stacks so a function served by one pod
        // touches only flat arrays
        long h = hot[f];
        if (h != NONE) {
            int s = (int) (h & 0xFFFFFFFFL);
            if (!valid(s, h)) hot[f] = NONE;
            else if (pd[s * W + FREE_AT] <= t) {
                if (pd[s * W + EXPIRY] > t || pd[s * W + LAST_END] > t) return s;
                delete(s, Math.max(pd[s * W + EXPIRY], pd[s * W + START]));  // expired earlier than its heap entry said
                hot[f] = NONE;
            }
        }
        EventHeap b = busy[f];
        if (b != null) {
            while (!b.isEmpty() && b.minTime() <= t) {
                long ref = b.minPayload();
                b.pop();
                pushFree(f, ref);
            }
        }
        long[] stack = freeStack[f];
        while (freeSize[f] > 0) {
            long ref = stack[--freeSize[f]];
            int s = (int) (ref & 0xFFFFFFFFL);
            if (!valid(s, ref)) continue;
            if (pd[s * W + EXPIRY] <= t && pd[s * W + LAST_END] <= t) {
                delete(s, Math.max(pd[s * W + EXPIRY], pd[s * W + START]));
                continue;
            }
            promote(f, s, t);
            return s;
        }
        return -1;
    }

    /** Makes {@code s} the function's hot pod; the previous one goes back to the stack of pods with room or the busy heap. */
    private void promote(int f, int s, double t) {
        long old = hot[f];
        if (old != NONE) {
            int o = (int) (old & 0xFFFFFFFFL);
            if (valid(o, old)) {
                if (pd[o * W + FREE_AT] <= t) pushFree(f, old); else pushBusy(f, pd[o * W + FREE_AT], old);
            }
        }
        hot[f] = ref(s);
    }

    private boolean valid(int s, long ref) { return pAlive[s] && pGen[s] == (int) (ref >>> 32); }

    private long ref(int s) { return ((long) pGen[s] << 32) | s; }

    private void pushFree(int f, long ref) {
        long[] st = freeStack[f];
        if (st == null) st = freeStack[f] = new long[4];
        else if (freeSize[f] == st.length) st = freeStack[f] = Arrays.copyOf(st, st.length * 2);
        st[freeSize[f]++] = ref;
    }

    private void pushBusy(int f, double freeAt, long ref) {
        EventHeap b = busy[f];
        if (b == null) b = busy[f] = new EventHeap();
        b.push(freeAt, ref);
    }

    private int startOnDemand(int f, double t) {
        double at = t;
        if (limited) {
            at = makeRoom(f, t);
            if (at < 0) return -1;
            if (at > t) queued++;
        }
        coldStarts++;
        coldStartsOf[f]++;
        int s = newPod(f, at, false);
        promote(f, s, t);
        return s;
    }

    private void assign(int s, int f, double t, double d) {
        double start = Math.max(t, pd[s * W + READY]);
        double end = start + d;
        double freeAt;
        if (conc[f] == 1) {
            freeAt = end;
        } else {
            double[] ends = pSlotEnds[s];
            int k = 0;
            for (int i = 1; i < ends.length; i++) if (ends[i] < ends[k]) k = i;
            ends[k] = end;
            freeAt = ends[0];
            for (int i = 1; i < ends.length; i++) if (ends[i] < freeAt) freeAt = ends[i];
        }
        if (end > pd[s * W + LAST_END]) pd[s * W + LAST_END] = end;
        if (end > maxEnd) maxEnd = end;
        if (start >= pd[s * W + BUSY_END]) pd[s * W + BUSY] += end - start;
        else if (end > pd[s * W + BUSY_END]) pd[s * W + BUSY] += end - pd[s * W + BUSY_END];
        if (end > pd[s * W + BUSY_END]) pd[s * W + BUSY_END] = end;
        pd[s * W + LAST_REQ] = t;
        pRequests[s]++;
        if (start > t) {
            coldRequests++;
            coldRequestsOf[f]++;
            double delay = start - t;
            tally.add(FaasTally.DELAY, f, delay);
            delays.record(delay);
        }
        log.request(pId[s], f, t, start, end);

        double idleFrom = pd[s * W + LAST_END];
        policy.window(f, idleFrom, window);
        if (window.prewarmS > 0) {
            pd[s * W + EXPIRY] = idleFrom;
            double at = idleFrom + window.prewarmS;
            prewarmKeepAlive[f] = window.keepAliveS;
            global.push(at, PREWARM | ((long) prewarmVersion[f] << 32) | f);
        } else {
            pd[s * W + EXPIRY] = idleFrom + window.keepAliveS;
        }
        if (pd[s * W + EXPIRY] < pd[s * W + HEAP_TIME]) {
            pd[s * W + HEAP_TIME] = pd[s * W + EXPIRY];
            global.push(pd[s * W + EXPIRY], ref(s));
        }
        if (limited) {
            // eviction keys only rise between uses (LRU, Greedy-Dual), so the heap is updated lazily: the current
            // key is kept here and an entry that surfaces with an older, lower key is re-filed when it does
            double key = policy.evictionPriority(f, idleFrom);
            pd[s * W + PRIO] = key;
            if (!evictable.contains(s)) evictable.set(s, key);
        }
        pd[s * W + FREE_AT] = freeAt;  // the pod is its function's hot pod: no stack to update
    }

    private void processEvents(double t) {
        while (global.minTime() <= t) {
            double e = global.minTime();
            long p = global.minPayload();
            global.pop();
            if ((p & PREWARM) != 0) {
                int f = (int) (p & MASK);
                if ((int) ((p >>> 32) & MASK) == prewarmVersion[f]) prewarm(f, e);
                continue;
            }
            int s = (int) (p & 0xFFFFFFFFL);
            if (!valid(s, p) || e != pd[s * W + HEAP_TIME]) continue;  // stale entry
            pd[s * W + HEAP_TIME] = Double.POSITIVE_INFINITY;
            if (pd[s * W + EXPIRY] <= e && pd[s * W + LAST_END] <= e) {
                delete(s, Math.max(pd[s * W + EXPIRY], pd[s * W + START]));
            } else if (pd[s * W + EXPIRY] != Double.POSITIVE_INFINITY) {
                double next = Math.max(pd[s * W + EXPIRY], pd[s * W + LAST_END]);
                pd[s * W + HEAP_TIME] = next;
                global.push(next, ref(s));
            }
        }
    }

    private void prewarm(int f, double at) {
        if (limited && !fits(f)) return;  // no room: skip the pre-warm rather than evict for a guess
        prewarmVersion[f] = (int) ((prewarmVersion[f] + 1) & MASK);
        int s = newPod(f, at, true);
        prewarmStarts++;
        pd[s * W + LAST_END] = pd[s * W + READY];
        pd[s * W + BUSY_END] = pd[s * W + READY];
        pd[s * W + EXPIRY] = pd[s * W + READY] + prewarmKeepAlive[f];
        if (pd[s * W + EXPIRY] != Double.POSITIVE_INFINITY) {
            pd[s * W + HEAP_TIME] = pd[s * W + EXPIRY];
            global.push(pd[s * W + EXPIRY], ref(s));
        }
        if (limited) {
            pd[s * W + PRIO] = policy.evictionPriority(f, pd[s * W + READY]);
            evictable.set(s, pd[s * W + PRIO]);
        }
        pushFree(f, ref(s));
    }

    private int newPod(int f, double at, boolean prewarm) {
        int s;
        if (freeSlotCount > 0) s = freeSlots[--freeSlotCount];
        else {
            if (slots == pFunction.length) grow(slots * 2);
            s = slots++;
        }
        double cost = config.coldStarts().sample(f, catalog, rng(f), components);
        pFunction[s] = f;
        pAlive[s] = true;
        pId[s] = nextPodId++;
        pd[s * W + START] = at;
        pd[s * W + READY] = at + cost;
        pd[s * W + COST] = cost;
        pd[s * W + LAST_END] = at;
        pd[s * W + LAST_REQ] = at;
        pd[s * W + BUSY] = 0;
        pd[s * W + BUSY_END] = at;
        pd[s * W + EXPIRY] = Double.POSITIVE_INFINITY;
        pd[s * W + HEAP_TIME] = Double.POSITIVE_INFINITY;
        pRequests[s] = 0;
        pd[s * W + FREE_AT] = Double.NEGATIVE_INFINITY;
        if (conc[f] > 1) {
            double[] ends = pSlotEnds[s];
            if (ends == null || ends.length != conc[f]) ends = pSlotEnds[s] = new double[conc[f]];
            Arrays.fill(ends, Double.NEGATIVE_INFINITY);
        }
        podsAlive++;
        memUsed += memMb[f];
        cpuUsed += cpuMilli[f];
        policy.onPodStart(f, cost);
        log.podStarted(pId[s], f, at, components, prewarm);
        return s;
    }

    private void delete(int s, double at) {
        int f = pFunction[s];
        double alive = Math.max(0, at - pd[s * W + START]);
        tally.add(FaasTally.POD_MB_S, f, memMb[f] * alive);
        double idle = at - pd[s * W + READY] - pd[s * W + BUSY];
        if (idle > 0) tally.add(FaasTally.WASTED_MB_S, f, memMb[f] * idle);
        lifetimes.record(alive);
        tally.add(FaasTally.LIFETIME, f, alive);
        tally.lifetime(pd[s * W + START], Math.max(at, pd[s * W + START]));
        // the end of its last request, as thaw analyze measures it (time_worker + totalCost_worker): one definition
        if (pRequests[s] > 0 && pd[s * W + COST] > 0) {
            double ratio = Math.max(0, pd[s * W + LAST_END] - pd[s * W + START]) / pd[s * W + COST];
            utility.record(ratio);
            tally.add(FaasTally.UTILITY, f, ratio);
        }
        log.podDeleted(pId[s], at);
        pAlive[s] = false;
        pGen[s] = (int) ((pGen[s] + 1) & MASK);
        podsAlive--;
        memUsed -= memMb[f];
        cpuUsed -= cpuMilli[f];
        if (evictable != null) evictable.remove(s);
        if (freeSlotCount == freeSlots.length) freeSlots = Arrays.copyOf(freeSlots, Math.max(16, freeSlotCount * 2));
        freeSlots[freeSlotCount++] = s;
    }

    private boolean fits(int f) {
        return podsAlive + 1 <= podCap && memUsed + memMb[f] <= memCap + 1e-9 && cpuUsed + cpuMilli[f] <= cpuCap + 1e-9;
    }

    /** Frees room for one pod of {@code f}: evicts idle pods, else waits for one to go idle; -1 when rejected. */
    private double makeRoom(int f, double t) {
        if (memMb[f] > memCap || cpuMilli[f] > cpuCap) return -1;  // can never fit
        // FIFO: while earlier requests wait for capacity, a new one waits behind them (capacity they freed in the
        // future must not be handed to a request that arrived before that instant)
        double now = Math.max(t, queueTail);
        while (!fits(f)) {
            if (evictIdle(now)) continue;
            if (config.whenFull() == PlatformConfig.WhenFull.REJECT) return -1;
            double next = Double.POSITIVE_INFINITY;
            for (int s = 0; s < slots; s++) {
                if (!pAlive[s]) continue;
                double idleAt = Math.max(pd[s * W + LAST_END], pd[s * W + READY]);
                if (idleAt > now && idleAt < next) next = idleAt;
            }
            if (next == Double.POSITIVE_INFINITY) return -1;
            now = next;
        }
        if (now > t) queueTail = now;
        return now;
    }

    private boolean evictIdle(double now) {
        // busy pods found on top of the eviction heap wait in a heap by the time they go idle, so a long request on
        // a low-priority pod is not popped and re-filed at every eviction
        while (busyCandidates.minTime() <= now) {
            long ref = busyCandidates.minPayload();
            busyCandidates.pop();
            int s = (int) (ref & 0xFFFFFFFFL);
            if (valid(s, ref) && !evictable.contains(s)) evictable.set(s, pd[s * W + PRIO]);
        }
        while (evictable.size() > 0) {
            int s = evictable.minId();
            double key = evictable.minKey();
            if (pd[s * W + PRIO] > key) {  // used since it was filed: re-file under its current key
                evictable.set(s, pd[s * W + PRIO]);
                continue;
            }
            evictable.remove(s);
            double idleAt = Math.max(pd[s * W + LAST_END], pd[s * W + READY]);
            if (idleAt <= now) {
                boolean expired = pd[s * W + EXPIRY] <= now;
                delete(s, expired ? Math.max(pd[s * W + EXPIRY], pd[s * W + START]) : now);
                if (!expired) policy.onEvict(pFunction[s], key);
                return true;
            }
            busyCandidates.push(idleAt, ref(s));
        }
        return false;
    }

    private void grow(int cap) {
        pFunction = Arrays.copyOf(pFunction, cap);
        pGen = Arrays.copyOf(pGen, cap);
        pRequests = Arrays.copyOf(pRequests, cap);
        pId = Arrays.copyOf(pId, cap);
        pAlive = Arrays.copyOf(pAlive, cap);
        pd = Arrays.copyOf(pd, cap * W);
        pSlotEnds = Arrays.copyOf(pSlotEnds, cap);
    }

    /**
     * A function's own random stream: its cold-start draws do not depend on which other functions share the replay,
     * so a replay partitioned by function ({@link FaasShards}) draws the very same numbers.
     */
    private SplittableRandom rng(int f) {
        SplittableRandom r = rngs[f];
        if (r == null) r = rngs[f] = new SplittableRandom(streamSeed(config.seed(), f));
        return r;
    }

    /** SplitMix64's finaliser over (seed, function): well-separated seeds for neighbouring functions. */
    static long streamSeed(long seed, int function) {
        long z = seed + 0x9E3779B97F4A7C15L * (function + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The end of this replay's activity so far: the last arrival or the last request end, whichever is later;
     * negative infinity before the first invocation.
     */
    public double lastActivity() { return invocations == 0 ? Double.NEGATIVE_INFINITY : Math.max(lastT, maxEnd); }

    /** Ends the replay at its own horizon ({@link #lastActivity()}, 0 when nothing ran) and returns the metrics. */
    public FaasResult finish() {
        double h = lastActivity();
        return finish(h == Double.NEGATIVE_INFINITY ? 0 : h).result(catalog, config.pricePerGbS());
    }

    /**
     * Ends the replay at {@code horizon}: deletes every pod still alive (at its expiry, or at the horizon) and returns
     * what it counted. A shard of a partitioned replay ends at the horizon of the whole replay, so every policy is
     * charged over the same span whatever the partition. Calling it again with the same horizon returns the same
     * tally (a retried task).
     */
    public FaasTally finish(double horizon) {
        if (finished) {
            if (horizon == finishedAt) return tally;
            throw new IllegalStateException("replay already finished");
        }
        if (horizon < lastActivity()) throw new IllegalArgumentException("horizon " + horizon + " before the replay's last activity " + lastActivity());
        finished = true;
        finishedAt = horizon;
        processEvents(horizon);
        // the pods still alive, oldest first: slot numbers depend on which other functions shared the replay, the
        // order of a function's own pods does not (and a function's sums depend on the order of its additions)
        long[] alive = new long[slots];
        int k = 0;
        for (int s = 0; s < slots; s++) if (pAlive[s]) alive[k++] = (pId[s] << 32) | s;
        Arrays.sort(alive, 0, k);
        for (int i = 0; i < k; i++) {
            int s = (int) (alive[i] & 0xFFFFFFFFL);
            double at = Math.min(Math.max(pd[s * W + EXPIRY], pd[s * W + LAST_END]), horizon);
            delete(s, Math.max(at, pd[s * W + START]));
        }
        FaasTally t = tally;
        t.invocations = invocations;
        t.coldStarts = coldStarts;
        t.prewarmStarts = prewarmStarts;
        t.coldRequests = coldRequests;
        t.rejected = rejected;
        t.queued = queued;
        t.pods = nextPodId;
        t.horizon = horizon;
        System.arraycopy(coldStartsOf, 0, t.coldStartsOf, 0, n);
        System.arraycopy(coldRequestsOf, 0, t.coldRequestsOf, 0, n);
        System.arraycopy(invocationsOf, 0, t.invocationsOf, 0, n);
        return t;
    }
}
