package dev.thaw.simulate.llm.calibrate;

import dev.thaw.simulate.llm.EngineOverheads;
import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.perf.Calibration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Fits an engine's overheads so that simulated mean TTFT and TPOT (kernel times from the perf database of the
 * configuration) match measured ones: robust Levenberg-Marquardt on log(predicted / measured), the Jacobian by forward
 * differences of whole simulations (the overheads change the schedule, so the model is not linear in them), each
 * residual divided by its metric's robust standard deviation (1.4826 MAD) so that TTFT's larger scatter does not
 * drown TPOT, Huber weights at 1.345, parameters kept non-negative.
 *
 * <p>Rows are dropped before the fit, each with its reason: plans that do not fit in memory, and closed loops whose
 * clients need more KV cache than the engine has ({@code concurrency x (isl + osl)} tokens above the capacity): such
 * a run measures queueing for KV blocks and preemptions, not step time. After the fit, a case whose TTFT or TPOT is
 * off by more than 4 robust standard deviations of its metric (and 50%) is dropped as an outlier and the fit rerun once.
 */
public final class OverheadFitter {
    /** Metrics fitted: mean TTFT and mean TPOT (what every supported format measures). */
    public static final List<String> METRICS = List.of("ttft_ms.mean", "tpot_ms.mean");

    /**
     * @param free         which of {@link EngineOverheads#FIT_NAMES} are fitted (the others keep the base profile's values)
     * @param iterations   Levenberg-Marquardt iterations at most
     */
    public record Options(boolean[] free, int iterations, long seed, double roundsPerClient, int clientCohort) {
        /** Every term the end-to-end data identifies: all but sampling, which is collinear with per-sequence cost
         * when the fitted models share a vocabulary size within 20% (Qwen3 152K, Llama-3 128K). */
        public static Options defaults() { return new Options(new boolean[] {true, true, true, false, true, true, true}, 6, 1, Double.NaN, 0); }

        public Options withIterations(int v) { return new Options(free, v, seed, roundsPerClient, clientCohort); }

        /** Fixes the rounds per client of fixed-length closed loops (NaN: fit it, see {@link ClosedLoopClients}). */
        public Options withRoundsPerClient(double v) { return new Options(free, iterations, seed, Double.isNaN(v) ? v : ClosedLoopClients.checkRounds(v), clientCohort); }

        /** Fixes the client cohort size of fixed-length closed loops (0: fit it, see {@link ClosedLoopClients}). */
        public Options withClientCohort(int v) { return new Options(free, iterations, seed, roundsPerClient, v == 0 ? 0 : ClosedLoopClients.checkCohort(v)); }

        /** Only the client model (rounds per client and cohort size) is fitted; the overheads stay the base profile's. */
        public Options clientsOnly() { return new Options(new boolean[free.length], iterations, seed, roundsPerClient, clientCohort); }
    }

    public record Dropped(MeasuredCase measuredCase, String reason) {}

    /** The fitted profile and scales, the cases used and dropped, and the fit's own validation over the cases used. */
    public record Result(EngineProfile profile, ClosedLoopClients.ClientModel clients, Map<String, ClosedLoopClients.ClientModel> clientsByCollection,
                         List<MeasuredCase> used, List<Dropped> dropped, Validation fit, int evaluations) {
        /** Rounds per client of the default client model (of the collection with the most fixed-length runs). */
        public double roundsPerClient() { return clients.roundsPerClient(); }

        public int clientCohort() { return clients.cohort(); }

        /** The client models fitted, one per collection of fixed-length closed-loop runs, with their case counts. */
        public Map<String, Object> clientsJson() {
            Map<String, Object> m = new TreeMap<>();
            clientsByCollection.forEach((k, v) -> {
                Map<String, Object> e = new LinkedHashMap<>(v.toJson());
                e.put("cases", used.stream().filter(c -> c.collection().equals(k) && c.load().closedLoop() && c.load().fixedLengths()).count());
                m.put(k, e);
            });
            return m;
        }

        /** What the profile file's {@code fit} object holds. */
        public Map<String, Object> summary(List<String> sources) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sources", sources);
            m.put("cases_used", used.size());
            m.put("rounds_per_client", clients.roundsPerClient());
            m.put("client_cohort", clients.cohort());
            m.put("clients", clientsJson());
            m.put("mape_pct", fit.mape());
            m.put("bias_pct", fit.bias());
            List<Map<String, String>> d = new ArrayList<>();
            for (Dropped x : dropped) d.add(Map.of("case", x.measuredCase().id(), "source", x.measuredCase().source(), "reason", x.reason()));
            m.put("dropped", d);
            m.put("simulations", evaluations);
            return m;
        }
    }

    private OverheadFitter() {}

    // Parameter scales (seconds or factors) for finite differences and damping: a change of this size is "small".
    private static final double[] STEP = {0.2e-3, 5e-6, 0.1e-3, 5e-6, 0.5e-3, 2e-3, 0.2e-3};

    /**
     * One fit's fixed inputs and its current replay settings: the fit tries client models by replacing
     * {@code replay}, never anything global.
     */
    private static final class Ctx {
        final Calibration cal;
        ReplaySettings replay;

        Ctx(Calibration cal, ReplaySettings replay) {
            this.cal = cal;
            this.replay = replay;
        }
    }

    public static Result fit(List<MeasuredCase> cases, EngineProfile base, Calibration cal, ReplaySettings settings, Options o, Consumer<String> log) {
        List<Dropped> dropped = new ArrayList<>();
        List<MeasuredCase> used = new ArrayList<>();
        for (MeasuredCase c : cases) {
            String why = preDrop(c, base, cal);
            if (why != null) dropped.add(new Dropped(c, why)); else used.add(c);
        }
        if (used.isEmpty()) throw new IllegalArgumentException("no measured case left to fit (" + dropped.size() + " dropped: "
                + (dropped.isEmpty() ? "none given" : dropped.get(0).reason()) + ")");
        return fitUsed(used, dropped, base, new Ctx(cal, settings), o, log);
    }

    private static Result fitUsed(List<MeasuredCase> used, List<Dropped> dropped, EngineProfile base, Ctx cx, Options o, Consumer<String> log) {
        int[] idx = IntStream.range(0, 7).filter(j -> o.free()[j]).toArray();
        double[] theta = base.overheads().fitVector();
        int[] evals = {0};
        boolean fixedLoops = used.stream().anyMatch(c -> c.load().closedLoop() && c.load().fixedLengths());
        boolean fitRounds = fixedLoops && Double.isNaN(o.roundsPerClient()), fitCohort = fixedLoops && o.clientCohort() == 0;
        double rounds0 = Double.isNaN(o.roundsPerClient()) ? ClosedLoopClients.DEFAULT_ROUNDS_PER_CLIENT : o.roundsPerClient();
        // Each cohort size gets its own fit of the overheads, with every collection at that size first: fitted at one
        // cohort size, the overheads absorb what another would explain (request_fixed_s grows to stand in for a
        // partner's prefill), and a later switch of cohort size would start from there. Then each collection's client
        // model is fitted at those overheads, and the overheads once more. The start whose fit leaves the smallest
        // errors wins.
        List<Integer> starts = fitCohort ? ClosedLoopClients.CANDIDATE_COHORTS
                : List.of(o.clientCohort() == 0 ? ClosedLoopClients.DEFAULT_CLIENT_COHORT : o.clientCohort());
        double[] bestTheta = theta;
        double bestScore = Double.POSITIVE_INFINITY;
        ReplaySettings bestReplay = cx.replay;
        for (int cohort : starts) {
            cx.replay = cx.replay.withClients(new ClosedLoopClients.ClientModel(rounds0, cohort));
            double[] t = theta;
            if (idx.length > 0) t = lm(used, base, cx, o, t, idx, evals, log);
            if ((fitRounds || fitCohort) && fitClients(used, base, cx, t, o.seed(), fitRounds, fitCohort, evals, log) && idx.length > 0)
                t = lm(used, base, cx, o.withIterations(Math.max(2, o.iterations() / 2)), t, idx, evals, log);
            double score = meanAbs(residuals(used, base, cx, t, o.seed(), evals));
            if (starts.size() > 1) log.accept(String.format(Locale.ROOT, "starting at cohorts of %d: mean |log error| %.4f", cohort, score));
            if (score < bestScore) {
                bestScore = score;
                bestTheta = t;
                bestReplay = cx.replay;
            }
        }
        theta = bestTheta;
        cx.replay = bestReplay;
        // Outliers after the fit: drop and refit once (a fit of the client model alone keeps every case).
        if (idx.length > 0) {
            double[] r = residuals(used, base, cx, theta, o.seed(), evals);
            double[] z = normalised(r, metricOf(used));
            List<MeasuredCase> kept = new ArrayList<>();
            int k = 0;
            for (MeasuredCase c : used) {
                String why = null;
                for (String metric : METRICS) {
                    if (!c.measured().containsKey(metric)) continue;
                    double e = r[k], zk = z[k++];
                    if (Math.abs(zk) > 4 && Math.abs(e) > Math.log(1.5) && why == null)
                        why = String.format(Locale.ROOT, "outlier: %s off by %+.0f%% after the fit (more than 4 robust standard deviations and 50%%)",
                                metric, 100 * (Math.exp(e) - 1));
                }
                if (why != null) dropped.add(new Dropped(c, why)); else kept.add(c);
            }
            if (kept.size() < used.size() && !kept.isEmpty()) {
                log.accept("refitting without " + (used.size() - kept.size()) + " outliers");
                used = kept;
                theta = lm(used, base, cx, o.withIterations(Math.max(2, o.iterations() / 2)), theta, idx, evals, log);
            }
        }
        EngineProfile fitted = apply(base, theta);
        Validation v = Validation.run(used, e -> fitted, cx.cal, cx.replay, o.seed());
        evals[0]++;
        return new Result(fitted, cx.replay.clients(), cx.replay.clientsByCollection(), used, dropped, v, evals[0]);
    }

    /** Why a case is left out of the fit before it starts, or null. */
    static String preDrop(MeasuredCase c, EngineProfile base, Calibration cal) {
        if (!c.engine().equals(baseGeneration(base.name())))
            return "engine generation " + c.engine() + (c.engineVersion().isEmpty() ? "" : " (vLLM " + c.engineVersion() + ")") + ", the profile fitted is " + baseGeneration(base.name());
        String problem = CaseSimulator.problem(c, base, cal);
        if (problem != null) return "cannot be simulated: " + problem;
        if (METRICS.stream().noneMatch(c.measured()::containsKey)) return "measures neither mean TTFT nor mean TPOT";
        MeasuredCase.Load l = c.load();
        if (l.closedLoop()) {
            long kv = CaseSimulator.kvCapacityTokens(c, base, cal) * c.plan().dp();
            double need = l.concurrency() * (l.meanPrompt() + l.meanOutput());
            if (need > kv)
                return String.format(Locale.ROOT, "KV-saturated: %d clients x %.0f tokens = %.0f tokens > the KV cache's %d: the run measures queueing for KV blocks, not step time",
                        l.concurrency(), l.meanPrompt() + l.meanOutput(), need, kv);
        }
        return null;
    }

    /** vllm-v0-chunked fits with vllm-v0 data; a profile read from a file keeps its name, so match on the prefix. */
    static String baseGeneration(String name) {
        return name.startsWith("vllm-v0") ? "vllm-v0" : name.startsWith("vllm-v1") ? "vllm-v1" : name;
    }

    private static double[] lm(List<MeasuredCase> cases, EngineProfile base, Ctx cx, Options o, double[] theta0, int[] idx,
                               int[] evals, Consumer<String> log) {
        double[] theta = theta0.clone();
        int[] metric = metricOf(cases);
        double[] r = residuals(cases, base, cx, theta, o.seed(), evals);
        double lambda = 1e-2;
        int p = idx.length;
        double[][] jacRaw = null; // d log(pred/meas) per unit of STEP; recomputed after a failed step (chord method otherwise:
                                  // the model is nearly linear in the overheads, so one Jacobian serves several steps)
        boolean fresh = false;
        for (int it = 0; it < o.iterations(); it++) {
            if (jacRaw == null) {
                jacRaw = new double[r.length][p];
                for (int a = 0; a < p; a++) {
                    int j = idx[a];
                    double[] t = theta.clone();
                    // Wide differences: queueing makes the simulated means step-wise in the overheads, so a small
                    // change measures noise, not slope.
                    double h = Math.max(5 * STEP[j], 0.2 * Math.abs(theta[j]));
                    t[j] += h;
                    double[] rj = residuals(cases, base, cx, t, o.seed(), evals);
                    for (int i = 0; i < r.length; i++) jacRaw[i][a] = (rj[i] - r[i]) / (h / STEP[j]);
                }
                fresh = true;
            }
            double[] sig = sigmas(r, metric);
            r = scaled(r, metric, sig);
            double[] w = huberWeights(r, 1.345);
            double cost = cost(r, w);
            double[][] jac = new double[r.length][p];
            for (int i = 0; i < r.length; i++) for (int a = 0; a < p; a++) jac[i][a] = jacRaw[i][a] / sig[metric[i]];
            double[][] jtj = new double[p][p];
            double[] jtr = new double[p];
            for (int i = 0; i < r.length; i++)
                for (int a = 0; a < p; a++) {
                    jtr[a] += w[i] * jac[i][a] * r[i];
                    for (int b = 0; b < p; b++) jtj[a][b] += w[i] * jac[i][a] * jac[i][b];
                }
            boolean improved = false;
            for (int tries = 0; tries < 5 && !improved; tries++) {
                double[][] m = new double[p][p];
                for (int a = 0; a < p; a++) {
                    m[a] = jtj[a].clone();
                    m[a][a] += lambda * (jtj[a][a] + 1e-9);
                }
                double[] step = solve(m, jtr);
                double[] t = theta.clone();
                for (int a = 0; a < p; a++) {
                    int j = idx[a];
                    t[j] = Math.max(0, theta[j] - step[a] * STEP[j]);
                }
                double[] rt = scaled(residuals(cases, base, cx, t, o.seed(), evals), metric, sig);
                double c2 = cost(rt, huberWeights(rt, 1.345));
                if (c2 < cost) {
                    theta = t;
                    r = rt;
                    lambda = Math.max(1e-4, lambda / 3);
                    improved = true;
                } else {
                    lambda *= 10;
                }
            }
            log.accept(String.format(Locale.ROOT, "iteration %d: robust cost %.4f, %s", it + 1, cost(r, huberWeights(r, 1.345)), describe(theta)));
            r = unscaled(r, metric, sig);
            if (!improved) {
                if (fresh) break; // even a fresh Jacobian finds no better point: converged
                jacRaw = null;
            }
            fresh = false;
        }
        return theta;
    }

    static String describe(double[] t) {
        return String.format(Locale.ROOT, "step %.3f ms, per seq %.1f us, per TP rank %.3f ms, sampling %.1f us, prefill admission %.3f ms, request %.1f ms + %.2f ms per running request",
                t[0] * 1e3, t[1] * 1e6, t[2] * 1e3, t[3] * 1e6, t[4] * 1e3, t[5] * 1e3, t[6] * 1e3);
    }

    static EngineProfile apply(EngineProfile base, double[] theta) {
        return base.withOverheads(base.overheads().withFitVector(Arrays.copyOf(theta, 7)));
    }

    /** Metric index (into {@link #METRICS}) of each residual, in the order {@link #residuals} writes them. */
    static int[] metricOf(List<MeasuredCase> cases) {
        List<Integer> out = new ArrayList<>();
        for (MeasuredCase c : cases)
            for (int k = 0; k < METRICS.size(); k++) if (c.measured().containsKey(METRICS.get(k))) out.add(k);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Residuals divided by the robust standard deviation of their metric: TPOT, measured far more tightly, is not drowned by TTFT. */
    static double[] normalised(double[] r, int[] metric) {
        double[] z = new double[r.length];
        for (int k = 0; k < METRICS.size(); k++) {
            final int kk = k;
            double[] rk = java.util.stream.IntStream.range(0, r.length).filter(i -> metric[i] == kk).mapToDouble(i -> r[i]).toArray();
            if (rk.length == 0) continue;
            double sigma = robustSigma(rk);
            for (int i = 0; i < r.length; i++) if (metric[i] == k) z[i] = r[i] / sigma;
        }
        return z;
    }

    /**
     * Sets the client model of each collection of fixed-length closed loops that fits its cases best at these
     * overheads: the rounds per client (of {@link ClosedLoopClients#CANDIDATE_ROUNDS}) and the cohort size (of
     * {@link ClosedLoopClients#CANDIDATE_COHORTS}), each unless fixed; the default becomes the model of the collection
     * with the most such cases. True when any changed. A case depends only on its own collection's model, so the
     * collections are fitted one by one on the same simulations: one per cohort size serves every number of rounds
     * (only the mix of the burst round and the desynchronised rounds changes).
     */
    private static boolean fitClients(List<MeasuredCase> cases, EngineProfile base, Ctx cx, double[] theta, long seed, boolean fitRounds,
                                      boolean fitCohort, int[] evals, Consumer<String> log) {
        ReplaySettings start = cx.replay;
        ClosedLoopClients.ClientModel dflt0 = start.clients();
        Map<String, ClosedLoopClients.ClientModel> before = start.clientsByCollection();
        Map<String, List<Integer>> byCollection = new TreeMap<>(); // collection -> case indices (fixed-length closed loops)
        for (int i = 0; i < cases.size(); i++) {
            MeasuredCase c = cases.get(i);
            if (c.load().closedLoop() && c.load().fixedLengths()) byCollection.computeIfAbsent(c.collection(), x -> new ArrayList<>()).add(i);
        }
        if (byCollection.isEmpty()) return false;
        List<Integer> cohorts = fitCohort ? ClosedLoopClients.CANDIDATE_COHORTS : List.of(dflt0.cohort());
        List<Double> roundsTried = fitRounds ? ClosedLoopClients.CANDIDATE_ROUNDS : List.of(dflt0.roundsPerClient());
        int[] metric = metricOf(cases);
        List<List<Map<String, Double>>> predsByCohort = new ArrayList<>();
        for (int cohort : cohorts) {
            cx.replay = start.withClients(dflt0.withCohort(cohort));
            predsByCohort.add(predictions(cases, apply(base, theta), cx, seed, evals));
        }
        double[] sig = sigmas(residualsOf(cases, predsByCohort.get(0)), metric); // one scale for every candidate
        Map<String, ClosedLoopClients.ClientModel> fitted = new TreeMap<>();
        String largest = null;
        for (Map.Entry<String, List<Integer>> e : byCollection.entrySet()) {
            List<MeasuredCase> sub = e.getValue().stream().map(cases::get).toList();
            int[] subMetric = metricOf(sub);
            double bestCost = Double.POSITIVE_INFINITY;
            ClosedLoopClients.ClientModel best = dflt0;
            for (int ci = 0; ci < cohorts.size(); ci++) {
                List<Map<String, Double>> all = predsByCohort.get(ci);
                List<Map<String, Double>> p = e.getValue().stream().map(all::get).toList();
                for (double rounds : roundsTried) {
                    List<Map<String, Double>> mixed = p.stream().map(x -> ClosedLoopClients.remix(x, rounds)).toList();
                    double[] r = scaled(residualsOf(sub, mixed), subMetric, sig);
                    double cost = cost(r, huberWeights(r, 1.345));
                    if (cost < bestCost) { bestCost = cost; best = new ClosedLoopClients.ClientModel(rounds, cohorts.get(ci)); }
                }
            }
            fitted.put(e.getKey(), best);
            if (largest == null || e.getValue().size() > byCollection.get(largest).size()) largest = e.getKey();
            log.accept(String.format(Locale.ROOT, "client model of %s (%d cases): %.0f rounds per client, cohorts of %d (robust cost %.4f)",
                    e.getKey().isEmpty() ? "runs of no named collection" : e.getKey(), sub.size(), best.roundsPerClient(), best.cohort(), bestCost));
        }
        ClosedLoopClients.ClientModel dflt = fitted.get(largest);
        cx.replay = start.withClients(dflt, fitted);
        return !fitted.equals(before) || !dflt.equals(dflt0);
    }

    private static List<Map<String, Double>> predictions(List<MeasuredCase> cases, EngineProfile e, Ctx cx, long seed, int[] evals) {
        evals[0]++;
        ReplaySettings r = cx.replay;
        return cases.parallelStream().map(mc -> CaseSimulator.predict(mc, e, cx.cal, r, seed)).toList();
    }

    /** log(predicted / measured) per case and fitted metric, in case order (missing metrics skipped). */
    private static double[] residuals(List<MeasuredCase> cases, EngineProfile base, Ctx cx, double[] theta, long seed, int[] evals) {
        return residualsOf(cases, predictions(cases, apply(base, theta), cx, seed, evals));
    }

    static double[] residualsOf(List<MeasuredCase> cases, List<Map<String, Double>> preds) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++)
            for (String metric : METRICS) {
                Double m = cases.get(i).measured().get(metric);
                if (m == null) continue;
                Double p = preds.get(i).get(metric);
                out.add(p == null || !(p > 0) ? Math.log(10) : Math.log(p / m)); // an unfinished case counts as 10x off
            }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double[] sigmas(double[] r, int[] metric) {
        double[] sig = new double[METRICS.size()];
        for (int k = 0; k < sig.length; k++) {
            final int kk = k;
            double[] rk = java.util.stream.IntStream.range(0, r.length).filter(i -> metric[i] == kk).mapToDouble(i -> r[i]).toArray();
            sig[k] = rk.length == 0 ? 1 : robustSigma(rk);
        }
        return sig;
    }

    static double[] scaled(double[] r, int[] metric, double[] sig) {
        double[] z = new double[r.length];
        for (int i = 0; i < r.length; i++) z[i] = r[i] / sig[metric[i]];
        return z;
    }

    static double[] unscaled(double[] z, int[] metric, double[] sig) {
        double[] r = new double[z.length];
        for (int i = 0; i < z.length; i++) r[i] = z[i] * sig[metric[i]];
        return r;
    }

    static double robustSigma(double[] r) {
        double[] a = r.clone();
        Arrays.sort(a);
        double med = a[a.length / 2];
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = Math.abs(a[i] - med);
        Arrays.sort(d);
        return Math.max(0.01, 1.4826 * d[d.length / 2]);
    }

    static double[] huberWeights(double[] r, double k) {
        double[] w = new double[r.length];
        for (int i = 0; i < r.length; i++) w[i] = Math.abs(r[i]) <= k ? 1 : k / Math.abs(r[i]);
        return w;
    }

    static double meanAbs(double[] r) {
        double s = 0;
        for (double x : r) s += Math.abs(x);
        return r.length == 0 ? 0 : s / r.length;
    }

    static double cost(double[] r, double[] w) {
        double s = 0;
        for (int i = 0; i < r.length; i++) s += w[i] * r[i] * r[i];
        return s / r.length;
    }

    /** Gaussian elimination with partial pivoting (the systems have at most 7 unknowns). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int i = c + 1; i < n; i++) if (Math.abs(m[i][c]) > Math.abs(m[piv][c])) piv = i;
            double[] t = m[c]; m[c] = m[piv]; m[piv] = t;
            if (Math.abs(m[c][c]) < 1e-300) continue;
            for (int i = c + 1; i < n; i++) {
                double f = m[i][c] / m[c][c];
                for (int k = c; k <= n; k++) m[i][k] -= f * m[c][k];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = m[i][n];
            for (int k = i + 1; k < n; k++) s -= m[i][k] * x[k];
            x[i] = Math.abs(m[i][i]) < 1e-300 ? 0 : s / m[i][i];
        }
        return x;
    }
}
