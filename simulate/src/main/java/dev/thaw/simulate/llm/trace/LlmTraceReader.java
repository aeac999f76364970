package dev.thaw.simulate.llm.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thaw.ingest.BadInputException;
import dev.thaw.ingest.TraceReader;
import dev.thaw.ingest.Traces;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import dev.thaw.workload.llm.LlmRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the LLM request traces bundled with thaw into {@link LlmRequest}s, arrival times in seconds from the first
 * request. Formats (detected from the header, or named): {@code apex} ({@code RequestID,StartTimeOffset_ns,
 * ContextTokens,GeneratedTokens}), {@code azure-llm} ({@code TIMESTAMP,ContextTokens,GeneratedTokens}), {@code vidur}
 * ({@code arrived_at,num_prefill_tokens,num_decode_tokens}) and {@code mooncake} (JSONL with {@code timestamp} ms,
 * {@code input_length}, {@code output_length}, {@code hash_ids}) are parsed here (fast path); every other input
 * (burstgpt, .gz, .zip, folders, thaw Parquet/Arrow) goes through the ingest module (see {@link #readWithIngest}).
 */
public final class LlmTraceReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter AZURE_TS = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter(Locale.ROOT);

    private LlmTraceReader() {}

    public static List<LlmRequest> read(Path file) { return read(file, null); }

    /**
     * Reads any LLM trace the ingest module knows (apex, azure-llm, vidur, mooncake, burstgpt; plain, .gz, .zip, a
     * folder, or thaw's own Parquet/Arrow output) through {@link Traces}: its normalised columns {@code arrival_s,
     * prompt_tokens, output_tokens} and, for Mooncake, {@code prefix_block_ids}. Arrivals are shifted so the first
     * is at 0 s. Request ids are row numbers.
     */
    public static List<LlmRequest> readWithIngest(Path input, String format) {
        List<LlmRequest> out = new ArrayList<>();
        try (TraceReader r = Traces.open(input, format)) {
            while (r.next()) {
                VectorSchemaRoot root = r.root();
                FieldVector a = root.getVector("arrival_s"), p = root.getVector("prompt_tokens"), o = root.getVector("output_tokens");
                if (a == null || p == null || o == null)
                    throw BadInputException.ofFile(input, "format " + r.format().id() + " is not an LLM request trace (needs arrival_s, prompt_tokens, output_tokens)");
                FieldVector h = root.getVector("prefix_block_ids");
                for (int i = 0; i < root.getRowCount(); i++) {
                    if (a.isNull(i) || p.isNull(i) || o.isNull(i)) continue;
                    long[] hashes = null;
                    if (h != null && !h.isNull(i)) {
                        String ids = h.getObject(i).toString().trim();
                        if (!ids.isEmpty()) {
                            String[] parts = ids.split("\\s+");
                            hashes = new long[parts.length];
                            for (int k = 0; k < parts.length; k++) hashes[k] = Long.parseLong(parts[k]);
                        }
                    }
                    out.add(new LlmRequest(out.size(), ((Number) a.getObject(i)).doubleValue(), ((Number) p.getObject(i)).intValue(),
                            ((Number) o.getObject(i)).intValue(), hashes));
                }
            }
        }
        return rebase(out);
    }

    /**
     * @param format apex, azure-llm, vidur or mooncake (read here), any other LLM format id of the ingest module
     *               (e.g. burstgpt), or null to detect. Plain files of the four bundled layouts are parsed here;
     *               anything else (.gz, .zip, folders, thaw Parquet/Arrow, other formats) goes through
     *               {@link #readWithIngest}.
     */
    public static List<LlmRequest> read(Path file, String format) {
        String f = format == null ? null : format.toLowerCase(Locale.ROOT);
        boolean own = f == null || OWN.contains(f);
        if (!own || !Files.isRegularFile(file) || file.getFileName().toString().matches("(?i).*\\.(gz|zip|parquet|arrow)$"))
            return readWithIngest(file, format);
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String header = in.readLine();
            if (header == null) throw BadInputException.ofFile(file, "empty trace file");
            header = header.replace("\uFEFF", "").trim();
            if (f == null) f = detectOrNull(header);
            if (f == null) return readWithIngest(file, null);
            List<LlmRequest> out = new ArrayList<>();
            switch (f) {
                case "apex" -> csv(in, file, out, 4, Kind.APEX);
                case "azure-llm" -> csv(in, file, out, 3, Kind.AZURE);
                case "vidur" -> csv(in, file, out, 3, Kind.VIDUR);
                default -> { mooncake(header, 1, file, out); mooncakeRest(in, file, out); }
            }
            return rebase(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static final List<String> OWN = List.of("apex", "azure-llm", "vidur", "mooncake");

    private enum Kind { APEX, AZURE, VIDUR }

    static String detectOrNull(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        if (h.startsWith("{") && h.contains("input_length")) return "mooncake";
        if (h.startsWith("requestid,starttimeoffset_ns")) return "apex";
        if (h.startsWith("timestamp,contexttokens,generatedtokens")) return "azure-llm";
        if (h.startsWith("arrived_at,num_prefill_tokens,num_decode_tokens")) return "vidur";
        return null;
    }

    private static void csv(BufferedReader in, Path file, List<LlmRequest> out, int cols, Kind kind) throws IOException {
        String line;
        long lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            String[] c = line.split(",", -1);
            if (c.length < cols) throw new BadInputException(file.toString(), lineNo, null, line, cols + " comma-separated columns");
            double t = switch (kind) {
                case APEX -> parseLong(c[1], file, lineNo, "StartTimeOffset_ns") / 1e9;
                case AZURE -> azureTime(c[0], file, lineNo);
                case VIDUR -> parseDouble(c[0], file, lineNo, "arrived_at");
            };
            int p = (int) parseLong(c[cols - 2], file, lineNo, "prompt tokens");
            int o = (int) parseLong(c[cols - 1], file, lineNo, "output tokens");
            if (p < 0 || o < 0) throw new BadInputException(file.toString(), lineNo, "tokens", line, "non-negative token counts");
            out.add(new LlmRequest(out.size(), t, p, o));
        }
    }

    private static double azureTime(String s, Path file, long line) {
        try {
            LocalDateTime dt = LocalDateTime.parse(s.trim(), AZURE_TS);
            return dt.toEpochSecond(ZoneOffset.UTC) + dt.getNano() / 1e9;
        } catch (RuntimeException e) {
            throw new BadInputException(file.toString(), line, "TIMESTAMP", s, "a timestamp like 2023-11-16 18:15:46.6805900");
        }
    }

    private static void mooncakeRest(BufferedReader in, Path file, List<LlmRequest> out) throws IOException {
        String line;
        long lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (!line.isBlank()) mooncake(line, lineNo, file, out);
        }
    }

    private static void mooncake(String line, long lineNo, Path file, List<LlmRequest> out) {
        JsonNode n;
        try { n = JSON.readTree(line); } catch (IOException e) {
            throw new BadInputException(file.toString(), lineNo, null, line, "one JSON object per line");
        }
        if (!n.has("timestamp") || !n.has("input_length") || !n.has("output_length"))
            throw new BadInputException(file.toString(), lineNo, null, line, "fields timestamp, input_length, output_length");
        JsonNode h = n.path("hash_ids");
        long[] hashes = new long[h.isArray() ? h.size() : 0];
        for (int i = 0; i < hashes.length; i++) hashes[i] = h.get(i).asLong();
        out.add(new LlmRequest(out.size(), n.get("timestamp").asDouble() / 1e3, n.get("input_length").asInt(), n.get("output_length").asInt(), hashes));
    }

    private static long parseLong(String s, Path file, long line, String col) {
        try { return Long.parseLong(s.trim()); } catch (NumberFormatException e) {
            throw new BadInputException(file.toString(), line, col, s, "an integer");
        }
    }

    private static double parseDouble(String s, Path file, long line, String col) {
        try { return Double.parseDouble(s.trim()); } catch (NumberFormatException e) {
            throw new BadInputException(file.toString(), line, col, s, "a number");
        }
    }

    /** Shifts arrivals so the earliest is at 0 s. */
    private static List<LlmRequest> rebase(List<LlmRequest> in) {
        double t0 = Double.POSITIVE_INFINITY;
        for (LlmRequest r : in) t0 = Math.min(t0, r.arrivalS());
        if (in.isEmpty() || t0 == 0) return in;
        List<LlmRequest> out = new ArrayList<>(in.size());
        for (LlmRequest r : in) out.add(new LlmRequest(r.id(), r.arrivalS() - t0, r.promptTokens(), r.outputTokens(), r.prefixBlocks()));
        return out;
    }
}
