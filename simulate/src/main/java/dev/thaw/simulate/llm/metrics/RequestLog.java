package dev.thaw.simulate.llm.metrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Per-request records of a run, column-wise, in arrival order: the layout of vLLM's request metrics (arrival,
 * queued, first scheduled, first token, finished; all absolute seconds on the trace clock), plus tokens, replica,
 * preemptions and, for rejected requests, the reason. Times are NaN where the event did not happen.
 */
public record RequestLog(long[] requestId, double[] arrivalS, int[] promptTokens, int[] outputTokens, double[] queuedS,
                         double[] scheduledS, double[] firstTokenS, double[] finishS, int[] replica, int[] preemptions,
                         int[] cachedPromptTokens, String[] rejectReason) {

    public int size() { return requestId.length; }

    public boolean completed(int i) { return !Double.isNaN(finishS[i]); }

    /** Time to first token including queueing (s), NaN if not completed. */
    public double ttftS(int i) { return firstTokenS[i] - arrivalS[i]; }

    /** Mean time per output token after the first (s); NaN for one-token outputs or unfinished requests. */
    public double tpotS(int i) {
        int n = Math.max(1, outputTokens[i]);
        return n > 1 ? (finishS[i] - firstTokenS[i]) / (n - 1) : Double.NaN;
    }

    public double e2eS(int i) { return finishS[i] - arrivalS[i]; }

    public static final String CSV_HEADER = "request_id,arrival_s,prompt_tokens,output_tokens,queued_s,scheduled_s,first_token_s,finish_s,replica,preemptions,cached_prompt_tokens,status,reject_reason";

    /** Writes CSV (header {@link #CSV_HEADER}; empty cells for events that did not happen) via a temp file and rename. */
    public void writeCsv(Path out) {
        Path dir = out.toAbsolutePath().getParent();
        try {
            if (dir != null) Files.createDirectories(dir);
            Path tmp = dev.thaw.ingest.write.TempFiles.register(Files.createTempFile(dir, "." + out.getFileName(), ".tmp"));
            try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
                w.write(CSV_HEADER);
                w.newLine();
                StringBuilder sb = new StringBuilder(160);
                for (int i = 0; i < size(); i++) {
                    sb.setLength(0);
                    sb.append(requestId[i]).append(',').append(num(arrivalS[i])).append(',').append(promptTokens[i]).append(',')
                            .append(outputTokens[i]).append(',').append(num(queuedS[i])).append(',').append(num(scheduledS[i])).append(',')
                            .append(num(firstTokenS[i])).append(',').append(num(finishS[i])).append(',').append(replica[i]).append(',')
                            .append(preemptions[i]).append(',').append(cachedPromptTokens[i]).append(',')
                            .append(rejectReason[i] != null ? "rejected" : completed(i) ? "done" : "unfinished").append(',');
                    if (rejectReason[i] != null) sb.append('"').append(rejectReason[i].replace("\"", "\"\"")).append('"');
                    w.write(sb.toString());
                    w.newLine();
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                dev.thaw.ingest.write.TempFiles.release(tmp);
                throw e;
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            dev.thaw.ingest.write.TempFiles.release(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the records in the form the file name asks for: {@code .csv} CSV, {@code .arrow} Arrow IPC, anything
     * else Parquet (docs/cli.md's rule for {@code -o}).
     */
    public void write(Path out) {
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".csv")) writeCsv(out);
        else RequestLogParquet.write(this, out, name.endsWith(".arrow") ? dev.thaw.ingest.write.OutputKind.ARROW : dev.thaw.ingest.write.OutputKind.PARQUET);
    }

    private static String num(double v) { return Double.isNaN(v) ? "" : Double.toString(v); }
}
