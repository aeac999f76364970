package dev.thaw.simulate.llm.calibrate;

import dev.thaw.simulate.llm.ParallelPlan;
import java.util.Map;

/**
 * One measured serving run: what ran (model, GPU, plan, formats, engine generation and knobs), the load the client
 * put on it, and the latencies it measured, keyed as thaw's JSON names them ({@code ttft_ms.mean},
 * {@code tpot_ms.mean}, {@code e2e_s.mean}, {@code ttft_ms.p99}, ...).
 *
 * @param id               a short name of the case (unique within a run)
 * @param source           where it came from: file and row or file name
 * @param model            catalog model id or path to a config.json
 * @param gpu              GPU catalog id
 * @param engine           the engine generation it imitates: {@code vllm-v0} (up to 0.6) or {@code vllm-v1} (0.8+)
 * @param engineVersion    the version the file names, or "" when it names none
 * @param maxNumSeqs       the server's max_num_seqs, or 0 for the engine default
 * @param maxBatchedTokens the server's max_num_batched_tokens, or 0 for the engine default
 * @param collection       the collection of runs the case belongs to, when the file names one (AIConfigurator's
 *                         {@code source_file}): runs of one collection share a benchmark harness, so they share a
 *                         client model ({@link ClosedLoopClients}); "" when unknown
 */
public record MeasuredCase(String id, String source, String model, String gpu, ParallelPlan plan, String weights, String kv,
                           String engine, String engineVersion, int maxNumSeqs, int maxBatchedTokens, Load load,
                           Map<String, Double> measured, String collection) {

    public MeasuredCase(String id, String source, String model, String gpu, ParallelPlan plan, String weights, String kv,
                        String engine, String engineVersion, int maxNumSeqs, int maxBatchedTokens, Load load, Map<String, Double> measured) {
        this(id, source, model, gpu, plan, weights, kv, engine, engineVersion, maxNumSeqs, maxBatchedTokens, load, measured, "");
    }

    /**
     * The client's load. Closed loop when {@code concurrency > 0} (each client sends its next request when its last
     * one ends); otherwise open loop, at the given {@code arrivalS} or, when those are null, at {@code ratePerS}
     * with gamma inter-arrival times of shape {@code burstiness} (1 = Poisson; infinite rate = all at once).
     * {@code prompt} and {@code output} are the token counts in send order; a single entry means every request has
     * those lengths.
     */
    public record Load(int concurrency, double ratePerS, double burstiness, int[] prompt, int[] output, double[] arrivalS) {
        public Load {
            if (prompt.length == 0 || prompt.length != output.length) throw new IllegalArgumentException("load needs as many prompt as output lengths, at least one");
            if (arrivalS != null && arrivalS.length != prompt.length) throw new IllegalArgumentException("load needs one arrival per request");
        }

        public static Load closed(int concurrency, int isl, int osl) {
            return new Load(concurrency, Double.POSITIVE_INFINITY, 1, new int[] {isl}, new int[] {osl}, null);
        }

        public boolean closedLoop() { return concurrency > 0; }

        public boolean fixedLengths() { return prompt.length == 1; }

        public double meanPrompt() { double s = 0; for (int p : prompt) s += p; return s / prompt.length; }

        public double meanOutput() { double s = 0; for (int o : output) s += o; return s / output.length; }
    }

    public String describe() {
        return model + " " + plan + " on " + gpu + " (" + engine + (engineVersion.isEmpty() ? "" : " " + engineVersion) + ", "
                + (load.closedLoop() ? "concurrency " + load.concurrency() : "open loop") + ", isl " + Math.round(load.meanPrompt())
                + ", osl " + Math.round(load.meanOutput()) + ")";
    }

    /** Model/plan label used to colour a validation plot. */
    public String group() {
        return model + " " + plan.toString().replace(",pp=1", "").replace("dp=1,", "") + " " + gpu;
    }
}
