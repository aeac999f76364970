package dev.thaw.simulate.llm.calibrate;

import dev.thaw.ingest.BadInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A plain per-request CSV, one case per file: {@code arrival_s, prompt_tokens, output_tokens, ttft_s, e2e_s}
 * (or {@code ttft_ms}, {@code e2e_ms}). Replayed open loop at the file's arrival times (shifted to start at 0).
 */
public final class RequestCsvReader {
    private RequestCsvReader() {}

    public static boolean looksLike(String header) {
        return header.contains("arrival") && header.contains("prompt_tokens") && header.contains("ttft");
    }

    public static MeasuredCase read(Path file, CaseSettings s) {
        String f = file.toString();
        List<double[]> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(in);
            var h = parser.getHeaderMap();
            String arr = pick(f, h, "arrival_s", "arrival"), ttft = pick(f, h, "ttft_s", "ttft_ms"), e2e = pick(f, h, "e2e_s", "e2e_ms");
            pick(f, h, "prompt_tokens");
            pick(f, h, "output_tokens");
            double ttftScale = ttft.endsWith("_ms") ? 1e-3 : 1, e2eScale = e2e.endsWith("_ms") ? 1e-3 : 1;
            for (CSVRecord r : parser) {
                long line = r.getRecordNumber() + 1;
                double a = num(f, line, r, arr, true), p = num(f, line, r, "prompt_tokens", false), o = num(f, line, r, "output_tokens", false);
                double t = num(f, line, r, ttft, true) * ttftScale, e = num(f, line, r, e2e, true) * e2eScale;
                if (e < t) throw new BadInputException(f, line, e2e, r.get(e2e), "an end-to-end time no shorter than the TTFT " + r.get(ttft));
                rows.add(new double[] {a, p, o, t, e});
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw BadInputException.ofFile(f, "cannot read CSV: " + e.getMessage(), e);
        }
        return PerRequestRows.toCase(rows, file.getFileName().toString().replaceAll("\\.csv$", ""), file.getFileName().toString(), s, f);
    }

    private static String pick(String f, Map<String, Integer> h, String... names) {
        for (String n : names) if (h.containsKey(n)) return n;
        throw new BadInputException(f, 1, names[0], null, "a request CSV with column " + String.join(" or ", names)
                + " (columns: arrival_s, prompt_tokens, output_tokens, ttft_s or ttft_ms, e2e_s or e2e_ms)");
    }

    private static double num(String f, long line, CSVRecord r, String col, boolean zeroOk) {
        String s = r.isSet(col) ? r.get(col) : "";
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new BadInputException(f, line, col, s, "a number");
        }
        if (zeroOk ? !(v >= 0) : !(v > 0)) throw new BadInputException(f, line, col, s, zeroOk ? "a non-negative number" : "a positive number");
        if (Double.isInfinite(v)) throw new BadInputException(f, line, col, s, "a finite number");
        return v;
    }
}
