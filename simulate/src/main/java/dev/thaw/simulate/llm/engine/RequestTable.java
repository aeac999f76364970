package dev.thaw.simulate.llm.engine;

import dev.thaw.workload.llm.LlmRequest;
import java.util.Arrays;
import java.util.List;

/**
 * State of every request of a run, column-wise in primitive arrays indexed by request position (requests sorted by
 * arrival). Times are seconds on the trace clock; NaN where an event has not happened.
 */
public final class RequestTable {
    public static final byte PENDING = 0, WAITING = 1, RUNNING = 2, DONE = 3, REJECTED = 4, TRANSFER = 5;

    final int n;
    final long[] id;
    final double[] arrival;
    final int[] prompt, output;
    final long[][] prefixHashes;
    // Progress.
    final int[] computed, generated, blocks, cachedTokens, sharedBlocks, sharedUnits;
    final byte[] status;
    final double[] queued, scheduled, firstToken, lastToken, finish;
    final int[] preemptions, replica;
    final String[] rejectReason;

    RequestTable(List<LlmRequest> sorted) {
        n = sorted.size();
        id = new long[n];
        arrival = new double[n];
        prompt = new int[n];
        output = new int[n];
        prefixHashes = new long[n][];
        for (int i = 0; i < n; i++) {
            LlmRequest r = sorted.get(i);
            id[i] = r.id();
            arrival[i] = r.arrivalS();
            prompt[i] = Math.max(1, r.promptTokens());
            output[i] = r.outputTokens();
            prefixHashes[i] = r.prefixBlocks();
        }
        computed = new int[n];
        generated = new int[n];
        blocks = new int[n];
        cachedTokens = new int[n];
        sharedBlocks = new int[n];
        sharedUnits = new int[n];
        status = new byte[n];
        queued = nan(n);
        scheduled = nan(n);
        firstToken = nan(n);
        lastToken = nan(n);
        finish = nan(n);
        preemptions = new int[n];
        replica = new int[n];
        Arrays.fill(replica, -1);
        rejectReason = new String[n];
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /** Tokens to generate; a request asking for 0 is served as 1 (an engine always samples once). */
    int target(int r) { return Math.max(1, output[r]); }

    /**
     * Tokens whose KV a (re)prefill computes before it samples: the prompt plus every generated token (after a
     * preemption by recompute all of them are recomputed). Invariant after each sample: computed = prompt + generated - 1
     * (the newest token is computed by the next decode step).
     */
    int prefillTarget(int r) { return prompt[r] + generated[r]; }

    /** Decoding: one token per step. Otherwise the request is (re)prefilling prefillTarget - computed tokens. */
    boolean decoding(int r) { return generated[r] > 0 && computed[r] == prompt[r] + generated[r] - 1; }

    public int size() { return n; }
    public byte status(int r) { return status[r]; }
    public int generated(int r) { return generated[r]; }
    public int blocks(int r) { return blocks[r]; }

    /** The per-request records of the run. */
    public dev.thaw.simulate.llm.metrics.RequestLog toLog() {
        return new dev.thaw.simulate.llm.metrics.RequestLog(id.clone(), arrival.clone(), prompt.clone(), output.clone(), queued.clone(),
                scheduled.clone(), firstToken.clone(), finish.clone(), replica.clone(), preemptions.clone(), cachedTokens.clone(), rejectReason.clone());
    }
}
