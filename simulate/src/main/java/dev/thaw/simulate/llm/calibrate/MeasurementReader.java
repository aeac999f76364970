package dev.thaw.simulate.llm.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thaw.ingest.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Reads measurement files of any supported format into cases; the format is detected from the content unless given. */
public final class MeasurementReader {
    public static final List<String> FORMATS = List.of("vllm-bench", "inference-perf", "csv", "aiconfigurator");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MeasurementReader() {}

    /**
     * @param format  one of {@link #FORMATS}, or null to detect
     * @param skipped told about every row left out and why
     */
    public static List<MeasuredCase> read(List<Path> files, String format, CaseSettings s, Consumer<String> skipped) {
        if (format != null && !FORMATS.contains(format.toLowerCase(Locale.ROOT)))
            throw new IllegalArgumentException("unknown measurement format '" + format + "': expected one of " + FORMATS);
        List<MeasuredCase> out = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw BadInputException.ofFile(f, "no such measurement file");
            String fmt = format != null ? format.toLowerCase(Locale.ROOT) : detect(f);
            switch (fmt) {
                case "aiconfigurator" -> {
                    for (MeasuredCase c : AiConfiguratorReader.read(f, skipped)) {
                        if (s.model() != null && !c.model().equalsIgnoreCase(AiConfiguratorReader.modelOf(s.model()) == null ? s.model() : AiConfiguratorReader.modelOf(s.model()))) continue;
                        if (s.gpu() != null && !c.gpu().equalsIgnoreCase(s.gpu())) continue;
                        out.add(c);
                    }
                }
                case "vllm-bench" -> out.add(VllmBenchReader.read(f, s));
                case "csv" -> out.add(RequestCsvReader.read(f, s));
                case "inference-perf" -> out.add(InferencePerfReader.read(f, json(f), s));
                default -> throw new IllegalStateException(fmt);
            }
        }
        return out;
    }

    static JsonNode json(Path f) {
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw BadInputException.ofFile(f.toString(), "unreadable JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** Detects the format from the first bytes: a CSV header or a JSON document. */
    static String detect(Path f) {
        String head;
        try (BufferedReader r = Files.newBufferedReader(f)) {
            head = r.readLine();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw BadInputException.ofFile(f.toString(), "cannot read: " + e.getMessage(), e);
        }
        if (head == null) throw BadInputException.ofFile(f, "empty measurement file");
        String t = head.strip();
        if (t.startsWith("{") || t.startsWith("[")) {
            JsonNode root = json(f);
            if (VllmBenchReader.looksLike(root)) return "vllm-bench";
            if (InferencePerfReader.looksLike(root)) return "inference-perf";
            throw BadInputException.ofFile(f, "JSON of no known measurement format (a vLLM benchmark result has mean_ttft_ms or ttfts; inference-perf per-request metrics are a list with start_time and end_time)");
        }
        if (AiConfiguratorReader.looksLike(t)) return "aiconfigurator";
        if (RequestCsvReader.looksLike(t)) return "csv";
        throw new BadInputException(f.toString(), 1, null, t.length() > 80 ? t.substring(0, 80) + "..." : t,
                "a measurement file: vLLM benchmark JSON, inference-perf per-request JSON, a request CSV (arrival_s, prompt_tokens, output_tokens, ttft_s, e2e_s) or AIConfigurator's e2e CSV");
    }
}
