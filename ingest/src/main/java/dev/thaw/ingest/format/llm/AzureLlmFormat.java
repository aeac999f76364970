package dev.thaw.ingest.format.llm;

import dev.thaw.ingest.text.Fields;
import java.util.List;

/**
 * Azure LLM inference traces 2023/2024 ({@code TIMESTAMP,ContextTokens,GeneratedTokens}); TIMESTAMP like
 * {@code 2023-11-16 18:17:03.9799600}. Arrivals are seconds after the file's first request, computed in integer
 * nanoseconds so the 100 ns resolution survives.
 */
public final class AzureLlmFormat extends LlmFormat {
    public AzureLlmFormat() {
        super("azure-llm", "Azure LLM inference trace 2023/2024 (Splitwise): timestamp, context and generated tokens",
                "TIMESTAMP", "ContextTokens", "GeneratedTokens", List.of());
    }

    @Override protected Clock clock() {
        return new Clock() {
            long first = Long.MIN_VALUE;

            @Override public double seconds(Fields row, int i) {
                long ns = epochNanos(row, i);
                if (first == Long.MIN_VALUE) first = ns;
                return (ns - first) / 1e9;
            }
        };
    }

    static long epochNanos(Fields row, int i) {
        byte[] b = row.buffer();
        int s = row.start(i), n = row.length(i);
        // yyyy-MM-dd HH:mm:ss[.fffffffff]
        if (n < 19 || b[s + 4] != '-' || b[s + 7] != '-' || (b[s + 10] != ' ' && b[s + 10] != 'T') || b[s + 13] != ':' || b[s + 16] != ':')
            throw row.bad(i, "expected a timestamp like 2023-11-16 18:17:03.9799600");
        int y = digits(row, i, s, 4), mo = digits(row, i, s + 5, 2), d = digits(row, i, s + 8, 2);
        int h = digits(row, i, s + 11, 2), mi = digits(row, i, s + 14, 2), se = digits(row, i, s + 17, 2);
        long frac = 0;
        int k = s + 19;
        if (k < s + n) {
            if (b[k] != '.') throw row.bad(i, "expected a timestamp like 2023-11-16 18:17:03.9799600");
            k++;
            int places = 0;
            while (k < s + n && places < 9) {
                int c = b[k] - '0';
                if (c < 0 || c > 9) throw row.bad(i, "expected digits after the decimal point");
                frac = frac * 10 + c;
                places++;
                k++;
            }
            for (; places < 9; places++) frac *= 10;
        }
        long day;
        try {
            day = java.time.LocalDate.of(y, mo, d).toEpochDay();
        } catch (java.time.DateTimeException e) {
            throw row.bad(i, "expected a valid date");
        }
        if (h > 23 || mi > 59 || se > 60) throw row.bad(i, "expected a valid time of day");
        return ((day * 86400 + h * 3600L + mi * 60L + se) * 1_000_000_000L) + frac;
    }

    private static int digits(Fields row, int i, int off, int len) {
        byte[] b = row.buffer();
        int v = 0;
        for (int k = 0; k < len; k++) {
            int c = b[off + k] - '0';
            if (c < 0 || c > 9) throw row.bad(i, "expected a timestamp like 2023-11-16 18:17:03.9799600");
            v = v * 10 + c;
        }
        return v;
    }
}
