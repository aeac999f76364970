package dev.thaw.simulate.search;

import dev.thaw.ingest.BadInputException;
import dev.thaw.workload.llm.LlmRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the bundled APEX request traces ({@code RequestID,StartTimeOffset_ns,ContextTokens,GeneratedTokens}) so
 * that search benchmarks and tests need no other module; request ids are the row numbers. The CLI prefers the
 * ingest reader for other formats.
 */
public final class ApexCsv {
    private static final String HEADER = "RequestID,StartTimeOffset_ns,ContextTokens,GeneratedTokens";

    private ApexCsv() {}

    public static Workload read(Path file) {
        List<LlmRequest> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String head = r.readLine();
            if (head == null || !head.trim().replace("\uFEFF", "").equals(HEADER))
                throw BadInputException.ofFile(file, "not an APEX trace: expected header " + HEADER);
            String line;
            long n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                if (f.length != 4) throw new BadInputException(file.toString(), n, null, line, "4 comma-separated fields");
                long ns = parse(file, n, "StartTimeOffset_ns", f[1]);
                long p = parse(file, n, "ContextTokens", f[2]);
                long o = parse(file, n, "GeneratedTokens", f[3]);
                out.add(new LlmRequest(out.size(), ns / 1e9, (int) p, (int) o));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (out.isEmpty()) throw BadInputException.ofFile(file, "APEX trace has no requests");
        String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
        return new Workload(name, out);
    }

    private static long parse(Path file, long line, String col, String v) {
        try {
            long x = Long.parseLong(v.trim());
            if (x < 0 || (!col.startsWith("Start") && x > Integer.MAX_VALUE)) throw new NumberFormatException();
            return x;
        } catch (NumberFormatException e) {
            throw new BadInputException(file.toString(), line, col, v, "a non-negative integer");
        }
    }
}
