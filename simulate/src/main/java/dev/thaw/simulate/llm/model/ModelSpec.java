package dev.thaw.simulate.llm.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shape of a decoder-only transformer as a Hugging Face {@code config.json} describes it, and the parameter
 * counts the performance and memory models need. Dense (Llama, Mistral, Qwen), grouped-query attention, mixture of
 * experts (Mixtral {@code num_local_experts}, Qwen-MoE {@code num_experts}/{@code moe_intermediate_size}/
 * {@code shared_expert_intermediate_size}, DeepSeek {@code n_routed_experts}/{@code n_shared_experts}) and
 * DeepSeek multi-head latent attention (MLA: {@code kv_lora_rank}, {@code q_lora_rank}, {@code qk_rope_head_dim},
 * {@code qk_nope_head_dim}, {@code v_head_dim}, {@code first_k_dense_replace}).
 *
 * <p>Parameter counts assume gated (SwiGLU) FFNs, which all supported families use; biases are ignored (under
 * 0.01% of weights). DeepSeek's multi-token-prediction module is not counted (it is not used for plain serving).
 */
public final class ModelSpec {
    private final String name;
    private final int hidden, intermediate, layers, heads, kvHeads, headDim, vocab, maxPositions;
    private final boolean tiedEmbeddings;
    // Mixture of experts (numExperts == 0 means dense).
    private final int numExperts, topK, expertIntermediate, sharedIntermediate, denseLayers;
    // Multi-head latent attention (kvLoraRank == 0 means ordinary MHA/GQA).
    private final int kvLoraRank, qLoraRank, ropeHeadDim, nopeHeadDim, vHeadDim;

    public ModelSpec(String name, int hidden, int intermediate, int layers, int heads, int kvHeads, int headDim,
                     int vocab, int maxPositions, boolean tiedEmbeddings, int numExperts, int topK,
                     int expertIntermediate, int sharedIntermediate, int denseLayers, int kvLoraRank, int qLoraRank,
                     int ropeHeadDim, int nopeHeadDim, int vHeadDim) {
        this.name = name;
        this.hidden = positive("hidden_size", hidden);
        this.intermediate = intermediate;
        this.layers = positive("num_hidden_layers", layers);
        this.heads = positive("num_attention_heads", heads);
        this.kvHeads = positive("num_key_value_heads", kvHeads);
        this.headDim = positive("head_dim", headDim);
        this.vocab = positive("vocab_size", vocab);
        this.maxPositions = maxPositions;
        this.tiedEmbeddings = tiedEmbeddings;
        this.numExperts = numExperts;
        this.topK = topK;
        this.expertIntermediate = expertIntermediate;
        this.sharedIntermediate = sharedIntermediate;
        this.denseLayers = numExperts > 0 ? Math.min(denseLayers, layers) : layers;
        this.kvLoraRank = kvLoraRank;
        this.qLoraRank = qLoraRank;
        this.ropeHeadDim = ropeHeadDim;
        this.nopeHeadDim = nopeHeadDim;
        this.vHeadDim = vHeadDim;
        if (heads % kvHeads != 0) throw new IllegalArgumentException(name + ": num_attention_heads " + heads + " is not a multiple of num_key_value_heads " + kvHeads);
        if (numExperts > 0 && (topK <= 0 || topK > numExperts || expertIntermediate <= 0))
            throw new IllegalArgumentException(name + ": MoE config needs 0 < num_experts_per_tok <= experts and an expert intermediate size");
        if (this.denseLayers > 0 && intermediate <= 0) throw new IllegalArgumentException(name + ": intermediate_size must be positive");
    }

    private static int positive(String field, int v) {
        if (v <= 0) throw new IllegalArgumentException("model config: " + field + " must be positive, got " + v);
        return v;
    }

    /**
     * Reads a Hugging Face config.json tree. Multimodal configs that nest the language model under
     * {@code text_config} (Llama-4, Gemma-3, Mistral-Small-3.1) are read from it (its fields override the top
     * level's); the vision tower is not modelled.
     */
    public static ModelSpec fromHfConfig(String name, JsonNode c) {
        c = languageModel(c);
        int hidden = c.path("hidden_size").asInt(0);
        int heads = c.path("num_attention_heads").asInt(0);
        int kvHeads = c.path("num_key_value_heads").asInt(heads);
        int headDim = c.hasNonNull("head_dim") ? c.get("head_dim").asInt() : (heads > 0 ? hidden / heads : 0);
        int experts = firstInt(c, 0, "num_local_experts", "num_experts", "n_routed_experts");
        int topK = c.path("num_experts_per_tok").asInt(0);
        int interm = c.path("intermediate_size").asInt(0);
        int expertInterm = experts > 0 ? firstInt(c, interm, "moe_intermediate_size") : 0;
        int shared = c.path("shared_expert_intermediate_size").asInt(0);
        if (shared == 0 && c.path("n_shared_experts").asInt(0) > 0) shared = c.get("n_shared_experts").asInt() * expertInterm;
        int layers = c.path("num_hidden_layers").asInt(0);
        int dense = experts > 0 ? c.path("first_k_dense_replace").asInt(0) : layers;
        if (experts > 0 && c.has("intermediate_size_mlp")) {
            // Llama-4: experts and the one shared expert use intermediate_size, dense layers intermediate_size_mlp;
            // every interleave_moe_layer_step-th layer is MoE.
            expertInterm = interm;
            shared = interm;
            interm = c.get("intermediate_size_mlp").asInt();
            int step = Math.max(1, c.path("interleave_moe_layer_step").asInt(1));
            dense = layers - layers / step;
        }
        if (experts > 0 && c.has("mlp_only_layers") && c.get("mlp_only_layers").size() > 0) dense += c.get("mlp_only_layers").size();
        int kvLora = c.path("kv_lora_rank").asInt(0);
        int rope = c.path("qk_rope_head_dim").asInt(0), nope = c.path("qk_nope_head_dim").asInt(0);
        int vDim = c.path("v_head_dim").asInt(0);
        if (kvLora > 0) headDim = nope + rope; // MLA: head_dim of the query/key
        return new ModelSpec(name, hidden, interm, layers, heads, kvHeads, headDim,
                c.path("vocab_size").asInt(0), c.path("max_position_embeddings").asInt(0),
                c.path("tie_word_embeddings").asBoolean(false), experts, topK, expertInterm, shared, dense,
                kvLora, c.path("q_lora_rank").asInt(0), rope, nope, vDim);
    }

    /** The language-model part of a config: {@code text_config} merged over the top level when the top level has no hidden_size. */
    static JsonNode languageModel(JsonNode c) {
        JsonNode text = c.path("text_config");
        if (c.hasNonNull("hidden_size") || !text.isObject()) return c;
        com.fasterxml.jackson.databind.node.ObjectNode merged = ((com.fasterxml.jackson.databind.node.ObjectNode) c.deepCopy());
        merged.remove("text_config");
        merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) text.deepCopy());
        // Gemma-3 text configs leave out fields whose transformers defaults apply (Gemma3TextConfig).
        String type = merged.path("model_type").asText("");
        if (type.startsWith("gemma3")) {
            if (!merged.hasNonNull("vocab_size")) merged.put("vocab_size", 262208);
            if (!merged.hasNonNull("head_dim")) merged.put("head_dim", 256);
            if (!merged.hasNonNull("max_position_embeddings")) merged.put("max_position_embeddings", 131072);
            if (!merged.hasNonNull("tie_word_embeddings")) merged.put("tie_word_embeddings", true);
        }
        return merged;
    }

    private static int firstInt(JsonNode c, int dflt, String... fields) {
        for (String f : fields) if (c.hasNonNull(f) && c.get(f).asInt() > 0) return c.get(f).asInt();
        return dflt;
    }

    public String name() { return name; }
    public int hidden() { return hidden; }
    public int intermediate() { return intermediate; }
    public int layers() { return layers; }
    public int heads() { return heads; }
    public int kvHeads() { return kvHeads; }
    public int headDim() { return headDim; }
    public int vocab() { return vocab; }
    public int maxPositions() { return maxPositions; }
    public boolean tiedEmbeddings() { return tiedEmbeddings; }
    public boolean isMoe() { return numExperts > 0; }
    public int numExperts() { return numExperts; }
    public int topK() { return topK; }
    public int expertIntermediate() { return expertIntermediate; }
    public int sharedIntermediate() { return sharedIntermediate; }
    /** Layers with a dense FFN (all layers for a dense model; DeepSeek-V3: the first 3). */
    public int denseLayers() { return denseLayers; }
    public int moeLayers() { return layers - denseLayers; }
    public boolean isMla() { return kvLoraRank > 0; }
    public int kvLoraRank() { return kvLoraRank; }
    public int qLoraRank() { return qLoraRank; }
    public int ropeHeadDim() { return ropeHeadDim; }
    public int nopeHeadDim() { return nopeHeadDim; }
    public int vHeadDim() { return isMla() ? vHeadDim : headDim; }

    // ---- parameter counts (elements, not bytes) ----

    /** Attention projection parameters of one layer (Q, K, V, O; MLA: its low-rank projections). */
    public long attentionParamsPerLayer() {
        if (isMla()) {
            long q = qLoraRank > 0 ? (long) hidden * qLoraRank + (long) qLoraRank * heads * headDim : (long) hidden * heads * headDim;
            long kvA = (long) hidden * (kvLoraRank + ropeHeadDim);
            long kvB = (long) kvLoraRank * heads * (nopeHeadDim + vHeadDim);
            long o = (long) heads * vHeadDim * hidden;
            return q + kvA + kvB + o + qLoraRank + kvLoraRank; // + the two latent norms
        }
        return (long) hidden * heads * headDim + 2L * hidden * kvHeads * headDim + (long) heads * headDim * hidden;
    }

    /** Dense gated FFN parameters of one layer. */
    public long denseFfnParamsPerLayer() { return 3L * hidden * intermediate; }

    /** One routed expert's parameters. */
    public long expertParams() { return 3L * hidden * expertIntermediate; }

    /** Shared-expert FFN parameters of one MoE layer (0 when none). */
    public long sharedExpertParams() { return 3L * hidden * sharedIntermediate; }

    /** Router (gate) parameters of one MoE layer. */
    public long routerParams() { return (long) hidden * numExperts; }

    public long embeddingParams() { return (long) vocab * hidden; }

    /** LM head parameters (0 when tied to the embedding). */
    public long lmHeadParams() { return tiedEmbeddings ? 0 : (long) vocab * hidden; }

    public long normParamsPerLayer() { return 2L * hidden; }

    /** All parameters held in memory (every expert), embeddings and LM head included. */
    public long totalParams() {
        long perLayerCommon = attentionParamsPerLayer() + normParamsPerLayer();
        long dense = (long) denseLayers * denseFfnParamsPerLayer();
        long moe = (long) moeLayers() * (numExperts * expertParams() + sharedExpertParams() + routerParams());
        return layers * perLayerCommon + dense + moe + embeddingParams() + lmHeadParams() + hidden;
    }

    /** Parameters touched by one token (top-k experts only): the "active" parameter count. */
    public long activeParams() {
        long perLayerCommon = attentionParamsPerLayer() + normParamsPerLayer();
        long dense = (long) denseLayers * denseFfnParamsPerLayer();
        long moe = (long) moeLayers() * (topK * expertParams() + sharedExpertParams() + routerParams());
        return layers * perLayerCommon + dense + moe + embeddingParams() + lmHeadParams() + hidden;
    }

    /**
     * KV-cache elements stored per token per layer on the whole model (before tensor-parallel sharding): 2 x kv heads
     * x head_dim for MHA/GQA; kv_lora_rank + rope dim for MLA (the compressed latent that vLLM caches).
     */
    public long kvElementsPerTokenPerLayer() {
        if (isMla()) return kvLoraRank + ropeHeadDim;
        return 2L * kvHeads * headDim;
    }

    @Override public String toString() {
        return String.format("%s (%.1fB params, %d layers, hidden %d, %d/%d heads%s%s)", name, totalParams() / 1e9, layers,
                hidden, heads, kvHeads, isMoe() ? ", " + numExperts + " experts top-" + topK : "", isMla() ? ", MLA" : "");
    }
}
