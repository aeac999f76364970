package dev.thaw.simulate.llm.engine;

import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.metrics.Recorder;
import dev.thaw.simulate.llm.perf.BatchShape;
import dev.thaw.simulate.llm.perf.StepTimeModel;

/**
 * One scheduler with its own paged KV cache: a data-parallel replica, or one of its {@code pp} virtual engines when
 * the replica is pipelined (vLLM runs pp virtual engines, each with 1/pp of the KV blocks, so that pp batches are in
 * flight; each step then takes a whole pipeline pass, waiting for stages busy with another virtual engine's
 * micro-batch: {@link PipelineStages}). Iteration-level: {@link #schedule} picks the batch of the
 * next step per the engine profile, {@link #completeStep} applies it when the step ends. All state lives in the
 * shared {@link RequestTable}; this class only keeps index lists.
 */
final class EngineInstance {
    static final double NEVER = Double.POSITIVE_INFINITY;

    final int replica;
    private final RequestTable t;
    private final EngineProfile p;
    private final StepTimeModel model;
    private final Recorder rec;
    private final int bs;
    final long capacityBlocks;
    private final long watermarkBlocks;
    final PrefixCache cache; // null when prefix caching is off

    /** What an instance does under disaggregation. */
    enum Role { BOTH, PREFILL, DECODE }

    /** Receives requests whose prompt a prefill-only instance finished (their KV leaves with them). */
    interface Handoff { void prefilled(int r, double now); }

    /** Told when a request leaves for good (done or rejected): a closed-loop client then sends its next one. */
    interface Finish { void finished(int r, double now); }

    Role role = Role.BOTH;
    Handoff handoff;
    Finish finish = (r, now) -> {};
    /** The expert-parallel group this instance steps in lockstep with, or null. */
    LockstepGroup group;
    /** The pipeline stages of this instance's replica (shared with its other virtual engines), or null when pp = 1. */
    PipelineStages stages;

    private final IntDeque waiting = new IntDeque();
    private int[] running = new int[64];
    private int runningSize;
    private int[] batchReq = new int[64], batchChunk = new int[64];
    private int batchSize;
    private final BatchShape shape = new BatchShape();
    private long privateBlocks;
    long peakUsedBlocks;
    int unfinished;

    /** Time of this instance's next event (end of the step in flight, or a wake-up); NEVER when idle. */
    double nextEventS = NEVER;
    boolean inFlight;

    EngineInstance(int replica, RequestTable t, EngineProfile p, StepTimeModel model, Recorder rec, long capacityBlocks, int prefixUnitTokens) {
        this.replica = replica;
        this.t = t;
        this.p = p;
        this.model = model;
        this.rec = rec;
        this.bs = p.blockSize();
        this.capacityBlocks = capacityBlocks;
        this.watermarkBlocks = (long) Math.floor(p.watermark() * capacityBlocks);
        this.cache = p.prefixCaching() ? new PrefixCache(prefixUnitTokens, bs) : null;
    }

    /** Requests running (scheduled, holding KV) on this instance now. */
    int running() { return runningSize; }

    long usedBlocks() { return privateBlocks + (cache == null ? 0 : cache.cachedBlocks()); }

    /** Why this instance can never serve request r (null if it can). */
    String cannotServe(int r, int maxModelLen) {
        long total = (long) t.prompt[r] + t.target(r);
        long blocks = (total + bs - 1) / bs;
        if (maxModelLen > 0 && total > maxModelLen) return "prompt + output = " + total + " tokens exceeds max_model_len " + maxModelLen;
        if (blocks > capacityBlocks - watermarkBlocks) return "needs " + blocks + " KV blocks, the engine has " + (capacityBlocks - watermarkBlocks) + " above its watermark";
        if (!p.chunkedPrefill() && t.prompt[r] > p.maxBatchedTokens())
            return "prompt of " + t.prompt[r] + " tokens exceeds max_num_batched_tokens " + p.maxBatchedTokens() + " without chunked prefill";
        return null;
    }

    void enqueue(int r, double now) {
        t.status[r] = RequestTable.WAITING;
        if (Double.isNaN(t.queued[r])) t.queued[r] = now;
        t.replica[r] = replica;
        waiting.addLast(r);
        unfinished++;
        if (!inFlight && nextEventS == NEVER) nextEventS = now; // wake up; the loop starts the step
    }

    /** Event at nextEventS: finish the step in flight (if any), then start the next one. */
    void fire() {
        double now = nextEventS;
        if (group != null) { group.fire(now); return; }
        if (inFlight) completeStep(now);
        if (!schedule(now)) { idle(); return; }
        launch(costStep(now, 0));
    }

    // ---------------- scheduling ----------------

    /** Picks the batch of the next step into {@code shape}; false when there is nothing to run. */
    boolean schedule(double now) {
        shape.clear();
        batchSize = 0;
        while (true) {
            if (p.scheduling() == EngineProfile.Scheduling.PREFILL_FIRST) schedulePrefillFirst(now); else scheduleTokenBudget(now);
            if (batchSize > 0 || runningSize > 0 || waiting.isEmpty()) break;
            // Nothing runs and the head of the queue cannot be admitted even into an empty engine: it never will be.
            int r = waiting.pollFirst();
            t.status[r] = RequestTable.REJECTED;
            t.rejectReason[r] = "cannot be scheduled: " + (t.prefillTarget(r)) + " tokens do not fit the free KV blocks of an idle engine";
            unfinished--;
            finish.finished(r, now);
        }
        return batchSize > 0;
    }

    int shapeTokens() { return shape.tokens(); }

    /**
     * Costs the scheduled batch launched at {@code now} ({@code groupTokens > 0}: the tokens the MoE layers of a
     * lockstep group see) and returns when it ends, after waiting for busy pipeline stages.
     */
    double costStep(double now, int groupTokens) {
        shape.groupTokens = groupTokens;
        double dt = model.evaluate(shape);
        if (!(dt > 0) || Double.isInfinite(dt)) throw new IllegalStateException("step time must be positive and finite, got " + dt);
        return stages == null ? now + dt : stages.reserve(now, shape);
    }

    void launch(double end) {
        rec.step(shape);
        inFlight = true;
        nextEventS = end;
        long used = usedBlocks();
        if (used > peakUsedBlocks) peakUsedBlocks = used;
    }

    /** Runs a dummy step (no request) until {@code end}: an idle rank of a lockstep group. */
    void launchDummy(double end) {
        inFlight = true;
        nextEventS = end;
    }

    void idle() {
        inFlight = false;
        nextEventS = NEVER;
    }

    /** vLLM v0: prefill whole prompts of waiting requests if any can be admitted, else decode all running ones. */
    private void schedulePrefillFirst(double now) {
        int budget = p.maxBatchedTokens();
        while (!waiting.isEmpty() && runningSize < p.maxNumSeqs()) {
            int r = waiting.peekFirst();
            int chunk = admit(r, budget, true, batchSize == 0);
            if (chunk < 0) break;
            waiting.pollFirst();
            addRunning(r, now);
            if (t.decoding(r)) addDecode(r); else addPrefill(r, chunk);
            budget -= chunk;
        }
        if (batchSize > 0) return;
        for (int i = 0; i < runningSize; i++) {
            int r = running[i];
            if (!reserve(r, t.computed[r] + 1)) continue; // r itself was preempted (it was the newest)
            addDecode(r);
        }
    }

    /** vLLM v1 / Sarathi: running requests first (decodes and unfinished prefill chunks), then waiting ones, in one token budget. */
    private void scheduleTokenBudget(double now) {
        int budget = p.maxBatchedTokens();
        boolean preempted = false;
        for (int i = 0; i < runningSize && budget > 0; i++) {
            int r = running[i];
            boolean dec = t.decoding(r);
            int want = dec ? 1 : Math.min(t.prefillTarget(r) - t.computed[r], budget);
            long before = rec.preemptions();
            boolean ok = reserve(r, t.computed[r] + want);
            if (rec.preemptions() != before) preempted = true;
            if (!ok) break;
            if (dec) addDecode(r); else addPrefill(r, want);
            budget -= want;
        }
        if (preempted) return; // vLLM v1 admits nothing new in a step that had to preempt
        while (!waiting.isEmpty() && runningSize < p.maxNumSeqs() && budget > 0) {
            int r = waiting.peekFirst();
            int chunk = admit(r, budget, false, false);
            if (chunk < 0) break;
            waiting.pollFirst();
            addRunning(r, now);
            if (t.decoding(r)) addDecode(r); else addPrefill(r, chunk);
            budget -= chunk;
        }
    }

    /**
     * Tries to admit waiting request r: reuses its cached prefix, then reserves blocks for its first chunk (the whole
     * remaining prefill when {@code whole}). Returns the chunk, or -1 (state undone) when it does not fit.
     */
    private int admit(int r, int budget, boolean whole, boolean aloneMayExceedBudget) {
        if (t.decoding(r)) return allocate(r, t.computed[r] + 1, watermarkBlocks) ? 1 : -1; // KV arrived from a prefill instance
        int units = 0, cached = 0;
        long[] h = t.prefixHashes[r];
        if (cache != null && h.length > 0) {
            // Whole trace blocks match; the skipped tokens are counted in whole engine blocks (see PrefixCache).
            int matched = cache.match(h, h.length);
            cached = matched == 0 ? 0 : cache.cachedTokens(matched, t.prompt[r], t.prefillTarget(r));
            if (cached > 0) {
                units = cache.unitsFor(cached);
                t.sharedBlocks[r] = cache.acquire(h, units);
                t.sharedUnits[r] = units;
                t.computed[r] = cached;
            }
        }
        int remaining = t.prefillTarget(r) - t.computed[r];
        int chunk = whole ? remaining : Math.min(remaining, budget);
        boolean fits = !whole || remaining <= budget || aloneMayExceedBudget;
        if (fits && allocate(r, t.computed[r] + chunk, watermarkBlocks)) {
            t.cachedTokens[r] += cached;
            return chunk;
        }
        if (units > 0) cache.release(h, units);
        t.sharedBlocks[r] = 0;
        t.sharedUnits[r] = 0;
        t.computed[r] = 0;
        return -1;
    }

    /** Blocks for r to hold {@code tokens} tokens, preempting the newest running requests if needed; false if r itself was preempted. */
    private boolean reserve(int r, int tokens) {
        while (!allocate(r, tokens, 0)) {
            int victim = running[runningSize - 1];
            preempt(victim);
            if (victim == r) return false;
        }
        return true;
    }

    /** Allocates the blocks r lacks for {@code tokens} tokens, evicting unpinned cached prefixes first. */
    private boolean allocate(int r, int tokens, long keepFree) {
        long need = (tokens + bs - 1) / bs - t.sharedBlocks[r] - t.blocks[r];
        if (need <= 0) return true;
        long free = capacityBlocks - usedBlocks();
        if (free - need < keepFree && cache != null) free += cache.evict(need + keepFree - free);
        if (free - need < keepFree) return false;
        t.blocks[r] += (int) need;
        privateBlocks += need;
        return true;
    }

    /** Preemption by recompute: r loses its KV and returns to the front of the queue; its tokens so far are kept. */
    private void preempt(int r) {
        releaseBlocks(r);
        t.computed[r] = 0;
        t.preemptions[r]++;
        t.status[r] = RequestTable.WAITING;
        runningSize--; // r is always the newest running request
        waiting.addFirst(r);
        rec.preemption();
    }

    private void releaseBlocks(int r) {
        if (t.sharedUnits[r] > 0) cache.release(t.prefixHashes[r], t.sharedUnits[r]);
        privateBlocks -= t.blocks[r];
        t.blocks[r] = 0;
        t.sharedBlocks[r] = 0;
        t.sharedUnits[r] = 0;
    }

    private void addRunning(int r, double now) {
        if (runningSize == running.length) running = java.util.Arrays.copyOf(running, runningSize * 2);
        running[runningSize++] = r;
        t.status[r] = RequestTable.RUNNING;
        if (Double.isNaN(t.scheduled[r])) t.scheduled[r] = now;
    }

    private void addPrefill(int r, int chunk) {
        shape.addPrefill(t.computed[r], chunk, t.computed[r] + chunk == t.prefillTarget(r));
        push(r, chunk);
    }

    private void addDecode(int r) {
        shape.addDecode(t.computed[r] + 1);
        push(r, 1);
    }

    private void push(int r, int chunk) {
        if (batchSize == batchReq.length) {
            batchReq = java.util.Arrays.copyOf(batchReq, batchSize * 2);
            batchChunk = java.util.Arrays.copyOf(batchChunk, batchSize * 2);
        }
        batchReq[batchSize] = r;
        batchChunk[batchSize++] = chunk;
    }

    // ---------------- completion ----------------

    void completeStep(double now) {
        boolean anyDone = false;
        for (int i = 0; i < batchSize; i++) {
            int r = batchReq[i];
            t.computed[r] += batchChunk[i];
            if (t.computed[r] < t.prefillTarget(r)) continue; // prefill chunk, no token yet
            if (cache != null && t.generated[r] == 0) publishPrefix(r);
            int g = ++t.generated[r];
            if (g == 1) t.firstToken[r] = now; else rec.itl(now - t.lastToken[r]);
            t.lastToken[r] = now;
            if (g >= t.target(r)) {
                t.status[r] = RequestTable.DONE;
                t.finish[r] = now;
                releaseBlocks(r);
                unfinished--;
                anyDone = true;
                finish.finished(r, now);
            } else if (role == Role.PREFILL) { // hand the request and its KV over to a decode instance
                t.status[r] = RequestTable.TRANSFER;
                releaseBlocks(r);
                unfinished--;
                anyDone = true;
                handoff.prefilled(r, now);
            }
        }
        if (anyDone) {
            int k = 0;
            for (int i = 0; i < runningSize; i++) if (t.status[running[i]] == RequestTable.RUNNING) running[k++] = running[i];
            runningSize = k;
        }
        inFlight = false;
    }

    /** After its prompt is computed, r's full prefix units become shared cache entries (its private blocks move there). */
    private void publishPrefix(int r) {
        long[] h = t.prefixHashes[r];
        if (h.length == 0) return;
        int held = t.sharedUnits[r];
        int all = Math.min(h.length, (t.prompt[r] + cache.unitTokens() - 1) / cache.unitTokens()); // the last may be partial
        for (int u = held; u < all; u++) {
            int blocks = cache.blocksOfUnit(u, t.prompt[r]);
            if (t.blocks[r] < blocks || !cache.insertPinned(h[u], blocks)) break;
            t.blocks[r] -= blocks;
            privateBlocks -= blocks;
            t.sharedBlocks[r] += blocks;
            t.sharedUnits[r]++;
        }
    }

    /** Prefix tokens of r already cached here (for the prefix-aware router). */
    int cachedPrefixUnits(int r) {
        long[] h = t.prefixHashes[r];
        return cache == null || h.length == 0 ? 0 : cache.match(h, h.length);
    }
}
