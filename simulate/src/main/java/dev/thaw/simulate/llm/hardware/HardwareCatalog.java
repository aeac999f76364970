package dev.thaw.simulate.llm.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The device catalog: the bundled {@code dev/thaw/simulate/llm/gpus.json} (every device of docs/serving.md) plus,
 * optionally, a user file in the same layout whose entries add to or replace bundled ones by id. Ids match
 * case-insensitively; a few common aliases (H100, A100, 4090...) are accepted.
 */
public final class HardwareCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("h100", "H100-SXM-80GB"), Map.entry("h100-sxm", "H100-SXM-80GB"), Map.entry("h100-pcie", "H100-PCIE-80GB"),
            Map.entry("h200", "H200-SXM-141GB"), Map.entry("h200-sxm", "H200-SXM-141GB"), Map.entry("a100", "A100-SXM-80GB"),
            Map.entry("a100-80gb", "A100-SXM-80GB"), Map.entry("a100-40gb", "A100-SXM-40GB"), Map.entry("v100", "V100-SXM2-32GB"),
            Map.entry("4090", "RTX-4090"), Map.entry("rtx4090", "RTX-4090"), Map.entry("rtx-pro-6000", "RTX-PRO-6000"),
            Map.entry("mi300", "MI300X"));
    private final Map<String, Gpu> byKey = new LinkedHashMap<>();

    private HardwareCatalog() {}

    /** The bundled catalog. */
    public static HardwareCatalog bundled() {
        HardwareCatalog c = new HardwareCatalog();
        try (InputStream in = HardwareCatalog.class.getResourceAsStream("/dev/thaw/simulate/llm/gpus.json")) {
            c.addAll(JSON.readTree(in), "bundled gpus.json");
        } catch (IOException e) {
            throw new IllegalStateException("bundled gpus.json unreadable", e);
        }
        return c;
    }

    /** The bundled catalog extended (or overridden by id) with a user JSON file of the same layout. */
    public static HardwareCatalog withUserFile(Path json) {
        HardwareCatalog c = bundled();
        try {
            c.addAll(JSON.readTree(json.toFile()), json.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read hardware catalog " + json + ": " + e.getMessage(), e);
        }
        return c;
    }

    private void addAll(JsonNode root, String source) {
        JsonNode gpus = root.path("gpus");
        if (!gpus.isArray()) throw new IllegalArgumentException(source + ": expected {\"gpus\": [...]}");
        for (JsonNode g : gpus) {
            Gpu gpu = parse(g, source);
            byKey.put(gpu.id().toLowerCase(Locale.ROOT), gpu);
        }
    }

    private static Gpu parse(JsonNode g, String source) {
        String id = g.path("id").asText("");
        if (id.isEmpty()) throw new IllegalArgumentException(source + ": a gpu entry has no id");
        JsonNode l = g.path("intra_node_link");
        Link link = new Link(l.path("name").asText("intra-node"), l.path("bandwidth_gbs_per_direction").asDouble(0),
                l.path("latency_us").asDouble(3.5), l.path("efficiency").asDouble(0.85), l.path("energy_pj_per_bit").asDouble(5));
        double tdp = g.path("tdp_w").asDouble(0);
        return new Gpu(id, g.path("memory_gb").asDouble(0), g.path("memory_gib_usable").asDouble(0),
                g.path("mem_bandwidth_gbs").asDouble(0), g.path("bf16_tflops").asDouble(0), g.path("fp8_tflops").asDouble(0),
                g.path("int8_tops").asDouble(0), link, tdp, g.path("idle_w").asDouble(0.12 * tdp),
                g.path("price_per_hour_usd").asDouble(0));
    }

    /** The device with this id or alias (case-insensitive). */
    public Gpu get(String name) {
        String k = name.toLowerCase(Locale.ROOT);
        Gpu g = byKey.get(k);
        if (g == null && ALIASES.containsKey(k)) g = byKey.get(ALIASES.get(k).toLowerCase(Locale.ROOT));
        if (g == null) throw new IllegalArgumentException("unknown gpu '" + name + "': expected one of " + ids());
        return g;
    }

    public List<String> ids() {
        List<String> out = new ArrayList<>();
        for (Gpu g : byKey.values()) out.add(g.id());
        return out;
    }
}
