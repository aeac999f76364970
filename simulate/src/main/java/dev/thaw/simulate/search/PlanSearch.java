package dev.thaw.simulate.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Exhaustive plan search: enumerate, remove illegal and duplicate plans, bound every survivor analytically, then
 * simulate in order of increasing lower bound, in waves over a fixed thread pool, skipping plans whose bound
 * proves them worse than a plan already simulated (branch and bound). Waves have a fixed size and pruning is
 * decided only between waves, so the result is bit-for-bit the same for any thread count.
 */
public final class PlanSearch {
    private final PlanEvaluator ev;
    private final SearchOptions opts;

    private Evaluations remote;

    public PlanSearch(PlanEvaluator ev, SearchOptions opts) {
        this.ev = ev;
        this.opts = opts;
    }

    /**
     * Simulations done elsewhere (thaw-spark: a cluster's executors, each rebuilding the evaluator and workload from
     * the same options). Given the candidates of one wave, returns per candidate, in order, its {@link PlanOutcome}
     * or a failure message. Waves, pruning and ranking stay here, so the ranking is the one a local search gives.
     */
    public interface Evaluations {
        List<Object> evaluate(List<Candidate> candidates);
    }

    /** Runs every simulation of this search through {@code remote} instead of this JVM's threads. */
    public PlanSearch evaluatingWith(Evaluations remote) {
        this.remote = remote;
        return this;
    }

    /** Simulates the baseline plans on the workload (run before the search so a mix objective can use them). */
    public List<Baseline> evaluateBaselines(List<Baselines.Plan> plans, Workload w) {
        List<Candidate> toRun = plans.stream().map(Baselines.Plan::candidate).filter(c -> c != null).toList();
        List<PlanOutcome> outs = remote == null ? parallel(toRun, c -> ev.evaluate(c, w)) : remote.evaluate(toRun).stream().map(o -> {
            if (o instanceof PlanOutcome p) return p;
            throw new IllegalStateException("baseline failed to simulate: " + o);
        }).toList();
        List<Baseline> result = new ArrayList<>();
        int i = 0;
        for (Baselines.Plan p : plans)
            result.add(p.candidate() == null ? new Baseline(p.name(), p.description(), null, null, p.reason())
                    : new Baseline(p.name(), p.description(), p.candidate(), outs.get(i++), ""));
        return result;
    }

    public SearchResult search(PlanSpace space, Workload w, List<Objective> objectives, List<Baseline> baselines) {
        if (objectives.isEmpty()) throw new IllegalArgumentException("search needs at least one objective");
        long t0 = System.nanoTime();
        List<Candidate> all = PlanEnumerator.enumerate(ev.model(), space, ev.modelsStageSplits());
        PlanRules.Filtered f = PlanRules.apply(all, space, ev, w, opts.pruning());
        Map<String, Integer> removed = new LinkedHashMap<>(f.removedByRule());
        List<Candidate> legal = f.kept();
        int k = objectives.size();

        // Lower bounds on every objective for every survivor (cheap: no simulation).
        double[][] lb = new double[legal.size()][];
        if (opts.pruning()) {
            List<double[]> bounds = parallel(legal, c -> {
                Figures b = Bounds.slack(ev.lowerBounds(c, w), w, opts.boundSlack());
                double[] s = new double[k];
                for (int j = 0; j < k; j++) s[j] = objectives.get(j).score(b);
                return s;
            });
            for (int i = 0; i < lb.length; i++) lb[i] = bounds.get(i);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < legal.size(); i++) order.add(i);
        if (opts.pruning()) order.sort(Comparator.<Integer>comparingDouble(i -> lb[i][0]).thenComparingInt(i -> legal.get(i).id()));

        List<PlanOutcome> done = new ArrayList<>();
        // Baselines that are plans of this space count as already simulated: they seed the incumbent.
        boolean[] reused = new boolean[legal.size()];
        for (Baseline b : baselines) {
            if (!b.feasible()) continue;
            for (int i = 0; i < legal.size(); i++) {
                if (!reused[i] && legal.get(i).sameAs(b.candidate())) {
                    done.add(withCandidate(b.outcome(), legal.get(i)));
                    reused[i] = true;
                    break;
                }
            }
        }
        int boundPruned = 0, pos = 0;
        List<String> failures = new ArrayList<>();
        while (pos < order.size()) {
            List<Candidate> wave = new ArrayList<>();
            while (pos < order.size() && wave.size() < opts.waveSize()) {
                int i = order.get(pos++);
                if (reused[i]) continue;
                if (opts.pruning() && dominated(lb[i], done, objectives)) { boundPruned++; continue; }
                wave.add(legal.get(i));
            }
            List<Object> outs = remote != null ? remote.evaluate(wave) : parallel(wave, c -> {
                try { return ev.evaluate(c, w); } catch (RuntimeException e) { return c.label() + ": " + e.getMessage(); }
            });
            for (Object o : outs) {
                if (o instanceof PlanOutcome p) done.add(p); else failures.add((String) o);
            }
        }
        removed.put("bound", boundPruned);
        Objective primary = objectives.get(0);
        List<PlanOutcome> ranking = new ArrayList<>(done);
        ranking.sort(order(primary));
        int simulated = done.size() + failures.size();
        return new SearchResult(all.size(), removed, simulated, List.copyOf(objectives), List.copyOf(ranking),
                List.copyOf(baselines), List.copyOf(failures), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Ranking order under one objective: fewer rejected requests, lower score; among plans predicted exactly equal
     * (at light load engine knobs often make no difference) the one with more headroom, i.e. larger max_num_seqs, then
     * larger token budget; then earlier enumeration.
     */
    public static Comparator<PlanOutcome> order(Objective o) {
        return Comparator.<PlanOutcome>comparingInt(p -> p.figures().rejected())
                .thenComparingDouble(p -> o.score(p.figures()))
                .thenComparingInt(p -> -p.candidate().maxNumSeqs())
                .thenComparingInt(p -> -p.candidate().maxBatchedTokens())
                .thenComparingInt(p -> p.candidate().id());
    }

    static boolean better(PlanOutcome a, PlanOutcome b, Objective o) { return order(o).compare(a, b) < 0; }

    /**
     * True when the bounds prove the plan cannot be the best under any objective (or, in Pareto mode, cannot be on
     * the front). Only plans that rejected nothing serve as witnesses, because rejections rank first.
     */
    private boolean dominated(double[] bound, List<PlanOutcome> done, List<Objective> objectives) {
        int k = objectives.size();
        if (opts.pareto()) {
            for (PlanOutcome p : done) {
                if (p.figures().rejected() > 0) continue;
                boolean all = true;
                for (int j = 0; j < k && all; j++) all = objectives.get(j).score(p.figures()) < bound[j];
                if (all) return true;
            }
            return false;
        }
        for (int j = 0; j < k; j++) {
            boolean beaten = false;
            for (PlanOutcome p : done) {
                if (p.figures().rejected() == 0 && objectives.get(j).score(p.figures()) < bound[j]) { beaten = true; break; }
            }
            if (!beaten) return false;
        }
        return true;
    }

    private static PlanOutcome withCandidate(PlanOutcome o, Candidate c) {
        return new PlanOutcome(c, o.figures(), o.timeByOpS(), o.weightsGibPerGpu(), o.kvCapacityTokens(), o.utilisation(),
                o.itlS(), o.preemptions(), o.simWallS());
    }

    /** Applies {@code fn} to every item over a pool of at most {@code threads} threads; results in input order. */
    private <T, R> List<R> parallel(List<T> items, Function<T, R> fn) {
        if (items.isEmpty()) return List.of();
        if (opts.threads() == 1 || items.size() == 1) return items.stream().map(fn).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(opts.threads(), items.size()), r -> {
            Thread t = new Thread(r, "thaw-search");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> fs = new ArrayList<>();
            for (T item : items) fs.add(pool.submit((Callable<R>) () -> fn.apply(item)));
            List<R> out = new ArrayList<>(fs.size());
            for (Future<R> f : fs) out.add(f.get());
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
