package dev.thaw.simulate.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thaw.ingest.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An engine profile as a JSON file ({@code thaw calibrate -o PROFILE.json} writes it; {@code --engine-profile FILE}
 * reads it): the scheduling knobs, the {@link EngineOverheads}, and a free-form {@code fit} object saying what the
 * profile was fitted on and how well it fits. (Kernel times come from the perf database, {@code --perf-db}.)
 *
 * @param fit what the fit used and found (cases, dropped rows and why, residuals); empty for a hand-written profile
 */
public record EngineProfileFile(EngineProfile profile, Map<String, Object> fit) {
    public static final String FORMAT = "thaw-engine-profile";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Map<Path, EngineProfileFile> CACHE = new ConcurrentHashMap<>();

    public EngineProfileFile {
        fit = fit == null ? Map.of() : fit;
    }

    public static boolean looksLikeFile(String s) {
        return s.toLowerCase(Locale.ROOT).endsWith(".json") || s.contains("/") || s.contains(java.io.File.separator);
    }

    /** Reads a profile once per path (search evaluates many configurations with the same profile). */
    public static EngineProfileFile readCached(Path p) {
        return CACHE.computeIfAbsent(p.toAbsolutePath().normalize(), EngineProfileFile::read);
    }

    public static EngineProfileFile read(Path p) {
        JsonNode root;
        try {
            root = JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw BadInputException.ofFile(String.valueOf(p), "not a readable JSON engine profile: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) throw BadInputException.ofFile(p, "an engine profile must be a JSON object");
        if (!FORMAT.equals(root.path("format").asText())) throw BadInputException.ofFile(p, "field 'format' must be \"" + FORMAT + "\"");
        String base = text(p, root, "base");
        EngineProfile b;
        try {
            b = EngineProfile.named(base);
        } catch (IllegalArgumentException e) {
            throw BadInputException.ofFile(p, "field 'base': " + e.getMessage());
        }
        JsonNode o = root.path("overheads");
        if (!o.isObject()) throw BadInputException.ofFile(p, "missing object 'overheads'");
        EngineOverheads ov = new EngineOverheads(num(p, o, "step_s"), num(p, o, "per_seq_s"), num(p, o, "per_tp_rank_s"),
                num(p, o, "sampling_per_seq_per_100k_vocab_s"), num(p, o, "prefill_admission_s"), num(p, o, "eager_launch_per_layer_s"),
                num(p, o, "request_fixed_s"), o.has("request_per_running_s") ? num(p, o, "request_per_running_s") : 0);
        EngineProfile e = b.withName(root.path("name").asText(base)).withOverheads(ov);
        if (root.has("max_num_seqs")) e = e.withMaxNumSeqs((int) num(p, root, "max_num_seqs"));
        if (root.has("max_num_batched_tokens")) e = e.withMaxBatchedTokens((int) num(p, root, "max_num_batched_tokens"));
        if (root.has("prefix_caching")) e = e.withPrefixCaching(root.path("prefix_caching").asBoolean());
        if (root.has("block_size")) e = e.withBlockSize((int) num(p, root, "block_size"));
        if (root.has("gpu_memory_utilization")) e = e.withGpuMemoryUtilization(num(p, root, "gpu_memory_utilization"));
        @SuppressWarnings("unchecked")
        Map<String, Object> fit = root.has("fit") ? JSON.convertValue(root.get("fit"), LinkedHashMap.class) : Map.of();
        return new EngineProfileFile(e, fit);
    }

    private static String text(Path p, JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw BadInputException.ofFile(p, "missing text field '" + f + "'");
        return v.asText();
    }

    private static double num(Path p, JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || !v.isNumber()) throw BadInputException.ofFile(p, "missing numeric field '" + f + "'");
        double d = v.asDouble();
        if (!(d >= 0) || Double.isInfinite(d)) throw BadInputException.ofFile(p, "field '" + f + "' must be finite and non-negative, got " + d);
        return d;
    }

    /** The JSON object of this profile ({@code base} names the bundled profile whose scheduling it uses). */
    public ObjectNode toJson(String base) {
        ObjectNode r = JSON.createObjectNode();
        r.put("format", FORMAT);
        r.put("name", profile.name());
        r.put("base", base);
        r.put("max_num_seqs", profile.maxNumSeqs());
        r.put("max_num_batched_tokens", profile.maxBatchedTokens());
        r.put("prefix_caching", profile.prefixCaching());
        r.put("block_size", profile.blockSize());
        r.put("gpu_memory_utilization", profile.gpuMemoryUtilization());
        EngineOverheads o = profile.overheads();
        ObjectNode on = r.putObject("overheads");
        on.put("step_s", o.stepS());
        on.put("per_seq_s", o.perSeqS());
        on.put("per_tp_rank_s", o.perTpRankS());
        on.put("sampling_per_seq_per_100k_vocab_s", o.samplingPerSeqS());
        on.put("prefill_admission_s", o.prefillAdmissionS());
        on.put("eager_launch_per_layer_s", o.eagerLaunchPerLayerS());
        on.put("request_fixed_s", o.requestFixedS());
        on.put("request_per_running_s", o.requestPerRunningS());
        r.set("fit", JSON.valueToTree(fit));
        return r;
    }

    /** Writes the profile to a temporary file beside {@code out} and renames it (never a half-written profile). */
    public void write(Path out, String base) throws IOException {
        Path abs = out.toAbsolutePath();
        if (abs.getParent() != null) Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), toJson(base));
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        CACHE.remove(abs.normalize());
    }
}
