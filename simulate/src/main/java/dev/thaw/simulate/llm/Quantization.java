package dev.thaw.simulate.llm;

/**
 * Storage and compute formats: weights in BF16, FP8 (W8A8, FP8 tensor cores where the GPU has them), INT8 (W8A8,
 * INT8 tensor cores) or INT4 (W4A16: weights read at 4 bits, math at BF16 rate); KV cache in BF16 or FP8.
 * Embeddings, LM head and norms stay BF16 (as vLLM's quantized checkpoints keep them).
 */
public record Quantization(Precision weights, Precision kv) {
    public static final Quantization BF16 = new Quantization(Precision.BF16, Precision.BF16);

    public Quantization {
        if (weights == null || kv == null) throw new IllegalArgumentException("quantization needs weights and kv formats");
        if (kv != Precision.BF16 && kv != Precision.FP8) throw new IllegalArgumentException("kv cache must be bf16 or fp8, got " + kv.id());
    }

    public static Quantization of(String weights, String kv) { return new Quantization(Precision.parse(weights), Precision.parse(kv)); }

    @Override public String toString() { return "weights=" + weights.id() + ",kv=" + kv.id(); }
}
