package dev.thaw.simulate.search;

import dev.thaw.workload.llm.LlmRequest;
import java.util.Arrays;
import java.util.Map;

/**
 * A small closed-form serving model for testing the search machinery: each replica serves up to
 * {@code min(maxNumSeqs, KV capacity / longest request)} requests at once, FCFS; prefill and decode times shrink
 * with tensor parallelism but pay a per-layer all-reduce; pipeline stages add a hop each and let stages overlap;
 * batching slows decode. Exact per-request service times make the lower bounds tight.
 */
final class ToyEvaluator implements PlanEvaluator {
    static final ModelShape SHAPE = new ModelShape("toy", 12, 16, 4, 0, 1.0, 1.5);
    private final double paramsB;          // billions of parameters
    private final double memGib;

    ToyEvaluator(double paramsB, double memGib) {
        this.paramsB = paramsB;
        this.memGib = memGib;
    }

    @Override public ModelShape model() { return SHAPE; }

    @Override public MemoryFit memory(Candidate c) {
        double weights = paramsB * c.weights().bytes() / (c.tp() * c.pp()) * 1.0; // GiB, loosely
        double free = memGib * 0.9 - weights - 1.0;
        if (free <= 0) return MemoryFit.tooBig(weights, "weights " + weights + " GiB > " + memGib);
        double kvPerTokenMib = 0.25 * c.kv().bytes() / (Math.min(c.tp(), 4) * c.pp());
        return MemoryFit.ok(weights, (long) (free * 1024 / kvPerTokenMib));
    }

    private double prefillPerToken(Candidate c) {
        return 1e-4 * paramsB * c.weights().bytes() / 2 / c.tp() + (c.tp() > 1 ? 2e-6 * (c.tp() - 1) : 0);
    }

    private double tpot(Candidate c, int slots) {
        double base = 5e-4 * paramsB * c.weights().bytes() / 2 / c.tp() + (c.tp() > 1 ? 4e-4 : 0) + 2e-4 * (c.pp() - 1);
        return base * (1 + 0.004 * slots) * (c.pp() > 1 ? 1 : 1);
    }

    private int slots(Candidate c, Workload w) {
        long kv = memory(c).kvCapacityTokens();
        int byKv = (int) Math.max(1, kv / Math.max(1, w.longestRequestTokens()));
        return Math.max(1, Math.min(Math.min(c.maxNumSeqs(), byKv), c.maxBatchedTokens() / 64) * c.pp());
    }

    private double ttftService(Candidate c, LlmRequest r) {
        return r.promptTokens() * prefillPerToken(c) + 1e-3 * c.pp();
    }

    @Override public Figures lowerBounds(Candidate c, Workload w) {
        int n = w.size();
        double[] ttft = new double[n], tpot = new double[n], e2e = new double[n];
        double t = tpot(c, 1);
        for (int i = 0; i < n; i++) {
            LlmRequest r = w.requests().get(i);
            ttft[i] = ttftService(c, r);
            tpot[i] = r.outputTokens() > 1 ? t : Double.NaN;
            e2e[i] = ttft[i] + Math.max(0, r.outputTokens() - 1) * t;
        }
        return Bounds.of(w, ttft, tpot, e2e, 100.0 * c.gpus(), 2.0 * c.gpus());
    }

    @Override public PlanOutcome evaluate(Candidate c, Workload w) {
        int slots = slots(c, w);
        double t = tpot(c, slots);
        int n = w.size();
        double[][] free = new double[c.dp()][slots];
        int[] outstanding = new int[c.dp()];
        double[] ttft = new double[n], tpotA = new double[n], e2e = new double[n];
        double last = 0, busy = 0;
        for (int i = 0; i < n; i++) {
            LlmRequest r = w.requests().get(i);
            int rep = c.router().equals("round-robin") ? i % c.dp() : leastLoaded(free, r.arrivalS());
            double[] s = free[rep];
            int slot = 0;
            for (int k = 1; k < s.length; k++) if (s[k] < s[slot]) slot = k;
            double start = Math.max(r.arrivalS(), s[slot]);
            double first = start + ttftService(c, r);
            double end = first + Math.max(0, r.outputTokens() - 1) * t;
            s[slot] = end;
            outstanding[rep]++;
            ttft[i] = first - r.arrivalS();
            tpotA[i] = r.outputTokens() > 1 ? t : Double.NaN;
            e2e[i] = end - r.arrivalS();
            last = Math.max(last, end);
            busy += end - start;
        }
        double makespan = last - w.firstArrivalS();
        double energy = 100.0 * c.gpus() * makespan + 300.0 * c.gpus() * busy / slots;
        Figures f = new Figures(ttft, tpotA, e2e, makespan, energy, 2.0 * c.gpus() * makespan / 3600, w.outputTokens(), 0);
        return new PlanOutcome(c, f, Map.of("decode", busy), memory(c).weightsGibPerGpu(), memory(c).kvCapacityTokens(),
                Math.min(1, busy / slots / c.dp() / Math.max(1e-9, makespan)), Stats.of(tpotA), 0, 0);
    }

    private static int leastLoaded(double[][] free, double now) {
        int best = 0;
        double bestLoad = Double.POSITIVE_INFINITY;
        for (int r = 0; r < free.length; r++) {
            double load = Arrays.stream(free[r]).map(x -> Math.max(0, x - now)).sum();
            if (load < bestLoad) { bestLoad = load; best = r; }
        }
        return best;
    }
}
