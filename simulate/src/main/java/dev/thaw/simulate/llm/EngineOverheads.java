package dev.thaw.simulate.llm;

/**
 * The time a serving engine spends outside its GPU kernels, in seconds. Each term has one cause, so a fit can tell
 * them apart and a reader can check them against a profile of the engine:
 *
 * @param stepS              fixed per step: scheduling, input preparation, CUDA-graph replay, output processing
 * @param perSeqS            per sequence in the step: its block table and input rows, detokenising and streaming its
 *                           new token (the engine process does this for every running request every step)
 * @param perTpRankS         per tensor-parallel rank beyond the first, per step: broadcasting the scheduler's output
 *                           to the workers and collecting their results
 * @param samplingPerSeqS    per sampling sequence and per 100,000 vocabulary entries: softmax, top-k/top-p and the
 *                           sampled-token gather over the whole vocabulary
 * @param prefillAdmissionS  per prefill chunk in the step: admitting a request (allocating its blocks, building its
 *                           prefix-cache hashes, preparing its prompt tokens)
 * @param eagerLaunchPerLayerS per layer on steps that carry prefill tokens and run without CUDA graphs (vLLM V0
 *                           captures graphs for decode batches only)
 * @param requestFixedS      per request, once, before it reaches the scheduler and after its first token:
 *                           HTTP handling, tokenisation, admission and streaming the first token back; it delays
 *                           the request (so it adds to TTFT and end-to-end latency, and in a closed loop to the cycle)
 * @param requestPerRunningS per request, per request running on a replica when it is sent: the API server's event
 *                           loop streams every running request's tokens between admitting new ones
 */
public record EngineOverheads(double stepS, double perSeqS, double perTpRankS, double samplingPerSeqS,
                             double prefillAdmissionS, double eagerLaunchPerLayerS, double requestFixedS, double requestPerRunningS) {
    public static final EngineOverheads NONE = new EngineOverheads(0, 0, 0, 0, 0, 0, 0, 0);

    public EngineOverheads(double stepS, double perSeqS, double perTpRankS, double samplingPerSeqS, double prefillAdmissionS,
                           double eagerLaunchPerLayerS, double requestFixedS) {
        this(stepS, perSeqS, perTpRankS, samplingPerSeqS, prefillAdmissionS, eagerLaunchPerLayerS, requestFixedS, 0);
    }

    public EngineOverheads {
        double[] all = {stepS, perSeqS, perTpRankS, samplingPerSeqS, prefillAdmissionS, eagerLaunchPerLayerS, requestFixedS, requestPerRunningS};
        for (double v : all) if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("engine overheads must be finite and non-negative, got " + v);
    }

    /**
     * Overhead of one step (seconds) of a replica with {@code tp} ranks per stage and a model of {@code vocab}
     * entries: the fixed part, {@code seqs} sequences, {@code samplingSeqs} of which sample, {@code prefillChunks}
     * prefill chunks, and (when {@code eager}) {@code layers} layers launched without CUDA graphs.
     */
    public double stepSeconds(int tp, int seqs, int samplingSeqs, int prefillChunks, int vocab, boolean eager, int layers) {
        return stepS + perTpRankS * (tp - 1) + perSeqS * seqs + samplingPerSeqS * samplingSeqs * (vocab / 1e5)
                + prefillAdmissionS * prefillChunks + (eager ? eagerLaunchPerLayerS * layers : 0);
    }

    public EngineOverheads withStep(double stepS, double perSeqS) {
        return new EngineOverheads(stepS, perSeqS, perTpRankS, samplingPerSeqS, prefillAdmissionS, eagerLaunchPerLayerS, requestFixedS, requestPerRunningS);
    }

    public EngineOverheads withEagerLaunchPerLayerS(double v) {
        return new EngineOverheads(stepS, perSeqS, perTpRankS, samplingPerSeqS, prefillAdmissionS, v, requestFixedS, requestPerRunningS);
    }

    /** The fitted terms as a vector, in {@link #FIT_NAMES} order (eager launch is not fitted: the data has no eager runs). */
    public double[] fitVector() { return new double[] {stepS, perSeqS, perTpRankS, samplingPerSeqS, prefillAdmissionS, requestFixedS, requestPerRunningS}; }

    public static final String[] FIT_NAMES = {"step_s", "per_seq_s", "per_tp_rank_s", "sampling_per_seq_per_100k_vocab_s", "prefill_admission_s", "request_fixed_s", "request_per_running_s"};

    /** These overheads with the fitted terms replaced by {@code v} (same order as {@link #fitVector()}). */
    public EngineOverheads withFitVector(double[] v) {
        return new EngineOverheads(v[0], v[1], v[2], v[3], v[4], eagerLaunchPerLayerS, v[5], v[6]);
    }
}
