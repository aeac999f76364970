package dev.thaw.workload.replay;

import dev.thaw.workload.io.AtomicTextFile;
import dev.thaw.workload.io.Fixed;
import dev.thaw.workload.llm.LlmRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Writes generated or replayed traces as CSV in layouts the ingest layer reads: invocations in the Azure Functions
 * 2021 layout ({@code app,func,end_timestamp,duration}, seconds; app = function name, func = "0"), LLM requests in
 * the Azure LLM layout ({@code TIMESTAMP,ContextTokens,GeneratedTokens}, 7 decimals) from a base wall-clock time.
 * Temporary file, renamed on success.
 */
public final class TraceCsvWriter {
    /** The first request of the bundled Azure LLM 2023 traces. */
    public static final LocalDateTime AZURE_LLM_BASE = LocalDateTime.of(2023, 11, 16, 18, 17, 3, 979_960_000);

    private TraceCsvWriter() {}

    public static void writeAzure2021(InvocationTrace t, Path out) throws IOException {
        try (AtomicTextFile f = new AtomicTextFile(out)) {
            f.line("app,func,end_timestamp,duration");
            StringBuilder sb = new StringBuilder(96);
            for (int i = 0; i < t.size(); i++) {
                sb.setLength(0);
                sb.append(t.functionName(t.function(i)).replace(',', '_')).append(",0,");
                Fixed.append(sb, Math.round((t.time(i) + t.duration(i)) * 1e6), 6);
                sb.append(',');
                Fixed.append(sb, Math.round(t.duration(i) * 1e6), 6);
                f.line(sb);
            }
            f.commit();
        }
    }

    public static void writeAzureLlm(List<LlmRequest> reqs, LocalDateTime base, Path out) throws IOException {
        try (AtomicTextFile f = new AtomicTextFile(out)) {
            f.line("TIMESTAMP,ContextTokens,GeneratedTokens");
            StringBuilder sb = new StringBuilder(64);
            for (LlmRequest r : reqs) {
                long units = Math.round(r.arrivalS() * 1e7); // 100 ns, as in the published files
                LocalDateTime t = base.plusSeconds(Math.floorDiv(units, 10_000_000L)).plusNanos(Math.floorMod(units, 10_000_000L) * 100);
                sb.setLength(0);
                sb.append(t.toLocalDate()).append(' ');
                two(sb, t.getHour()); sb.append(':'); two(sb, t.getMinute()); sb.append(':'); two(sb, t.getSecond());
                String frac = Long.toString(t.getNano() / 100 + 10_000_000L).substring(1);
                sb.append('.').append(frac).append(',').append(r.promptTokens()).append(',').append(r.outputTokens());
                f.line(sb);
            }
            f.commit();
        }
    }

    private static void two(StringBuilder sb, int v) { if (v < 10) sb.append('0'); sb.append(v); }
}
