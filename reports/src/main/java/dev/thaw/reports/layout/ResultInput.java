package dev.thaw.reports.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thaw.ingest.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One input of {@code thaw report}: a result folder holding {@code summary.json} (and optionally
 * {@code report.json}, {@code figures/}, {@code tables/}, {@code requests.csv}), or a single JSON file with a
 * command's {@code --json} object. The kind comes from {@code "command"} or, failing that, from the keys.
 */
record ResultInput(Path path, Path dir, String kind, String name, JsonNode summary, JsonNode meta) {
    static final ObjectMapper JSON = new ObjectMapper();

    static ResultInput load(Path path) {
        if (!Files.exists(path)) throw BadInputException.ofFile(path, "no such file or folder");
        Path dir = Files.isDirectory(path) ? path : null;
        Path json = dir != null ? dir.resolve("summary.json") : path;
        if (!Files.isRegularFile(json))
            throw BadInputException.ofFile(path, "a result folder needs summary.json (see reports/README.md)");
        JsonNode summary = readJson(json);
        if (!summary.isObject()) throw BadInputException.ofFile(json, "expected one JSON object");
        JsonNode meta = dir != null && Files.isRegularFile(dir.resolve("report.json")) ? readJson(dir.resolve("report.json"))
                : JSON.createObjectNode();
        String kind = meta.path("kind").asText(kindOf(summary));
        String base = (dir != null ? dir : path).getFileName().toString().replaceFirst("\\.json$", "");
        String name = meta.path("name").asText(summary.path("policy").asText(base));
        return new ResultInput(path, dir, kind, name, summary, meta);
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var loc = e.getLocation();
            throw new BadInputException(file.toString(), loc == null ? 0 : loc.getLineNr(), null, null,
                    "valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw BadInputException.ofFile(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    /** analysis, calibration, simulation, search or policies, from "command" or the keys cli.md promises. */
    static String kindOf(JsonNode s) {
        String cmd = s.path("command").asText("");
        switch (cmd) {
            case "analyze": return "analysis";
            case "generate": return "calibration";
            case "simulate": return "simulation";
            case "search": return "search";
            case "faas": return "policies";
            default: break;
        }
        if (s.has("ranking") || s.has("plans_enumerated")) return "search";
        if (s.has("ttft_ms") || s.has("makespan_s")) return "simulation";
        if (s.has("cold_start_rate") || s.has("invocations")) return "policies";
        if (s.has("calibration")) return "calibration";
        if (s.has("arrivals") || s.has("coldstarts") || s.has("rows")) return "analysis";
        return "results";
    }

    /** Sorted figures/*.csv (name order, so the page order is stable). */
    List<Path> figureFiles() { return csvIn("figures"); }

    List<Path> tableFiles() { return csvIn("tables"); }

    private List<Path> csvIn(String sub) {
        if (dir == null || !Files.isDirectory(dir.resolve(sub))) return List.of();
        try (Stream<Path> s = Files.list(dir.resolve(sub))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw BadInputException.ofFile(dir.resolve(sub).toString(), "cannot list: " + e.getMessage(), e);
        }
    }

    /** The spec next to a figure CSV, or an empty object. */
    JsonNode specOf(Path csv) {
        Path spec = csv.resolveSibling(csv.getFileName().toString().replaceFirst("\\.csv$", ".json"));
        return Files.isRegularFile(spec) ? readJson(spec) : JSON.createObjectNode();
    }

    Path file(String name) { return dir == null ? null : dir.resolve(name); }

    static ObjectNode emptyObject() { return JSON.createObjectNode(); }
}
