package dev.thaw.workload.replay;

import dev.thaw.ingest.BadInputException;
import dev.thaw.workload.llm.LlmRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimal streaming reader of the Azure LLM 2023/2024 CSV ({@code TIMESTAMP,ContextTokens,GeneratedTokens}),
 * until the ingest module's reader API lands. Arrival times are seconds after the first request.
 */
public final class AzureLlmCsv {
    private static final DateTimeFormatter TS = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();

    private AzureLlmCsv() {}

    public static List<LlmRequest> read(Path file) throws IOException {
        List<LlmRequest> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) throw BadInputException.ofFile(file, "empty file, expected header TIMESTAMP,ContextTokens,GeneratedTokens");
            String[] h = header.trim().split(",");
            int ts = indexOf(h, "TIMESTAMP", file), in = indexOf(h, "ContextTokens", file), outTok = indexOf(h, "GeneratedTokens", file);
            long first = Long.MIN_VALUE;
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] c = line.split(",", -1);
                long nanos;
                int p, o;
                try {
                    LocalDateTime t = LocalDateTime.parse(c[ts].trim(), TS);
                    nanos = t.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + t.getNano();
                } catch (RuntimeException e) {
                    throw new BadInputException(file.toString(), lineNo, "TIMESTAMP", ts < c.length ? c[ts] : "", "a timestamp like 2023-11-16 18:17:03.9799600");
                }
                try {
                    p = Integer.parseInt(c[in].trim());
                    o = Integer.parseInt(c[outTok].trim());
                } catch (RuntimeException e) {
                    throw new BadInputException(file.toString(), lineNo, "ContextTokens/GeneratedTokens", line, "integer token counts");
                }
                if (first == Long.MIN_VALUE) first = nanos;
                out.add(new LlmRequest(out.size(), (nanos - first) / 1e9, p, o));
            }
        }
        return out;
    }

    public static double[] arrivals(List<LlmRequest> reqs) {
        double[] t = new double[reqs.size()];
        for (int i = 0; i < t.length; i++) t[i] = reqs.get(i).arrivalS();
        java.util.Arrays.sort(t);
        return t;
    }

    private static int indexOf(String[] header, String name, Path file) {
        for (int i = 0; i < header.length; i++) if (header[i].trim().equals(name)) return i;
        throw BadInputException.ofFile(file, "header lacks column " + name + ", got " + String.join(",", header));
    }
}
