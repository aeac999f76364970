package dev.thaw.simulate.llm.calibrate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a benchmark's clients drive a closed loop with fixed input and output lengths (AIConfigurator rows, which
 * record neither how many requests ran nor how the clients started), as far as it moves the means they report.
 *
 * <p>Benchmark clients (vLLM's {@code bench serve --max-concurrency}, genai-perf / AIPerf {@code --concurrency})
 * start together. In the first round every client's prompt is queued at once, so the round's TTFT is that of a
 * burst. After it, real runs desynchronise: requests stop ending in the same engine step (a simulated engine with
 * identical output lengths never desynchronises: clients that finish in one step resend in one step, forever).
 * The simulation reproduces both phases: every request's output length is drawn within {@link #OUTPUT_SPREAD} of
 * the nominal one (mean kept), and a run's mean is the burst round weighted {@code 1/R} plus the desynchronised
 * rounds weighted {@code 1 - 1/R}, where {@code R} is the rounds per client (requests / concurrency). R is a
 * property of the benchmark harness, not of the engine.
 *
 * <p>A harness may also send in cohorts: with cohort size k, finished requests are held until k have finished and
 * then k are sent at once ({@code EventLoop.closedLoop}), so prompts reach the engine k at a time and each waits for
 * the others' prefill. R and k make a {@link ClientModel}; runs of one collection share one
 * ({@link MeasuredCase#collection()}). {@code thaw calibrate} fits one per collection with the overheads (the profile
 * file's {@code fit.clients}, the largest collection's also as {@code fit.rounds_per_client} and
 * {@code fit.client_cohort}); {@code --rounds-per-client} and {@code --client-cohort} set them when known.
 */
public final class ClosedLoopClients {
    /** Relative spread of simulated output lengths around the nominal length: enough to desynchronise clients. */
    public static final double OUTPUT_SPREAD = 0.2;
    /** Desynchronised rounds simulated after the burst round (one more, the tail, is left out of every mean). */
    public static final int STEADY_ROUNDS = 4;
    /**
     * Rounds per client when nothing says otherwise (a collection without a fitted model): what both collections of
     * AIConfigurator's end-to-end file fit with the bundled vLLM V1 overheads (see {@link #BUNDLED}).
     */
    public static final double DEFAULT_ROUNDS_PER_CLIENT = 15;
    /** {@link #DEFAULT_ROUNDS_PER_CLIENT} for help texts (annotations need a constant string; a test keeps the two equal). */
    public static final String DEFAULT_ROUNDS_PER_CLIENT_TEXT = "15";
    /** Rounds per client that {@code thaw calibrate} tries; 1000 stands for "the burst does not count". */
    public static final List<Double> CANDIDATE_ROUNDS = List.of(1000.0, 50.0, 30.0, 20.0, 15.0, 10.0, 7.0, 5.0, 3.0, 2.0, 1.0);
    /**
     * Clients per cohort when nothing says otherwise: 1, every client on its own (see {@link #CANDIDATE_COHORTS}).
     */
    public static final int DEFAULT_CLIENT_COHORT = 1;
    /** {@link #DEFAULT_CLIENT_COHORT} for help texts. */
    public static final String DEFAULT_CLIENT_COHORT_TEXT = "1";
    /**
     * Cohort sizes {@code thaw calibrate} tries. Some harnesses send in cohorts: AIConfigurator's gap-analysis runs
     * (its Qwen3-32B rows) measure, at 8 clients, TTFT of about two prompts' prefill even with outputs of 1,024 tokens
     * where a lone prompt would be alone on the engine, and the same TTFT whatever the output length; requests that
     * arrive in pairs do that, requests that arrive one by one do not (simulate/README.md, "Closed-loop clients").
     */
    public static final List<Integer> CANDIDATE_COHORTS = List.of(1, 2, 3);
    /** Means that mix the burst and the desynchronised rounds. */
    static final List<String> MIXED = List.of("ttft_ms.mean", "tpot_ms.mean", "e2e_s.mean");
    static final String FIRST = "first_round.", STEADY = "steady.";

    private ClosedLoopClients() {}

    /** Checks a rounds-per-client value (from a flag or a profile file). */
    public static double checkRounds(double r) {
        if (!(r >= 1) || Double.isInfinite(r)) throw new IllegalArgumentException("rounds_per_client must be a finite number >= 1, got " + r);
        return r;
    }

    /**
     * How one harness's clients drive a fixed-length closed loop: the rounds per client R and the cohort size k.
     * Runs of one collection share it ({@link MeasuredCase#collection()}).
     */
    public record ClientModel(double roundsPerClient, int cohort) {
        public static final ClientModel DEFAULT = new ClientModel(DEFAULT_ROUNDS_PER_CLIENT, DEFAULT_CLIENT_COHORT);

        public ClientModel {
            checkRounds(roundsPerClient);
            checkCohort(cohort);
        }

        public ClientModel withRounds(double r) { return new ClientModel(r, cohort); }

        public ClientModel withCohort(int k) { return new ClientModel(roundsPerClient, k); }

        /** The profile file's form: {@code rounds_per_client}, {@code client_cohort}. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rounds_per_client", roundsPerClient);
            m.put("client_cohort", cohort);
            return m;
        }
    }

    /**
     * The client models fitted with the bundled vLLM V1 overheads, one per collection of the bundled AIConfigurator
     * end-to-end file (simulate/README.md, "Fitted vLLM V1 constants"): its gap-analysis runs (Qwen3-32B on H100) send
     * in cohorts of 3, its CI workflow's runs (Llama-3.1-70B FP8 on H100) one by one; both 15 rounds per client.
     */
    public static final Map<String, ClientModel> BUNDLED = Map.of(
            "/Users/harrli/projects/aic-auto-gap-analysis/data/h100_sxm/vllm/0.12.0", new ClientModel(15, 3),
            "2026-04-06.csv", new ClientModel(15, 1));

    /** Checks a client cohort size (from a flag or a profile file). */
    public static int checkCohort(int k) {
        if (k < 1 || k > 1024) throw new IllegalArgumentException("client_cohort must be an integer in 1..1024, got " + k);
        return k;
    }

    /**
     * The metrics of a fixed-length closed loop: the desynchronised rounds' metrics, the mixed means at
     * {@code rounds} per client, and each mixed mean's two parts under {@code first_round.} and {@code steady.}.
     */
    static Map<String, Double> combine(Map<String, Double> firstRound, Map<String, Double> steady, double rounds) {
        Map<String, Double> out = new LinkedHashMap<>(steady);
        for (String k : MIXED) {
            if (!firstRound.containsKey(k) || !steady.containsKey(k)) continue;
            out.put(FIRST + k, firstRound.get(k));
            out.put(STEADY + k, steady.get(k));
        }
        return remix(out, rounds);
    }

    /** The same prediction at another number of rounds per client (predictions without the two parts are returned as they are). */
    public static Map<String, Double> remix(Map<String, Double> prediction, double rounds) {
        if (!prediction.containsKey(FIRST + MIXED.get(0))) return prediction;
        Map<String, Double> out = new LinkedHashMap<>(prediction);
        double w = 1 / rounds;
        for (String k : MIXED) {
            Double f = prediction.get(FIRST + k), s = prediction.get(STEADY + k);
            if (f != null && s != null) out.put(k, w * f + (1 - w) * s);
        }
        return out;
    }
}
