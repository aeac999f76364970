package dev.thaw.simulate.llm.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bundled Hugging Face config.json files of the models in docs/serving.md, by name (case-insensitive), plus
 * loading any config.json from a path. Resource folder: {@code dev/thaw/simulate/llm/models/<id>.json}.
 */
public final class ModelCatalog {
    /** Catalog ids, in the order of docs/serving.md. */
    public static final List<String> IDS = List.of("Llama-3.1-8B", "Llama-3.1-70B", "Llama-3.1-405B", "Mistral-Large-2407",
            "Mixtral-8x7B", "Mixtral-8x22B", "Qwen3-32B", "Qwen3-30B-A3B", "DeepSeek-V3");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelCatalog() {}

    /** A catalog id (case-insensitive, an optional org prefix like {@code meta-llama/} is ignored) or a path to a config.json. */
    public static ModelSpec resolve(String nameOrPath) {
        String key = nameOrPath.contains("/") && !Files.exists(Path.of(nameOrPath))
                ? nameOrPath.substring(nameOrPath.lastIndexOf('/') + 1) : nameOrPath;
        for (String id : IDS) if (id.equalsIgnoreCase(key) || (id + "-Instruct").equalsIgnoreCase(key)) return bundled(id);
        Path p = Path.of(nameOrPath);
        if (Files.isRegularFile(p)) return fromFile(p);
        throw new IllegalArgumentException("unknown model '" + nameOrPath + "': expected one of " + IDS + " or a path to a config.json");
    }

    public static ModelSpec bundled(String id) {
        String res = "/dev/thaw/simulate/llm/models/" + id + ".json";
        try (InputStream in = ModelCatalog.class.getResourceAsStream(res)) {
            if (in == null) throw new IllegalArgumentException("no bundled model " + id);
            return ModelSpec.fromHfConfig(id, JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ModelSpec fromFile(Path configJson) {
        try {
            JsonNode n = JSON.readTree(configJson.toFile());
            String name = configJson.getFileName().toString().replaceFirst("(?i)(_config)?\\.json$", "");
            if ("config".equals(name) && configJson.getParent() != null) name = configJson.getParent().getFileName().toString();
            return ModelSpec.fromHfConfig(name, n);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model config " + configJson + ": " + e.getMessage(), e);
        }
    }

    /** Every bundled model, by id in catalog order. */
    public static Map<String, ModelSpec> all() {
        Map<String, ModelSpec> m = new LinkedHashMap<>();
        for (String id : IDS) m.put(id.toLowerCase(Locale.ROOT), bundled(id));
        return m;
    }
}
