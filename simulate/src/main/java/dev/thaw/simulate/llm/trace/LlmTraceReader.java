package dev.thaw.simulate.llm.trace;

import dev.thaw.ingest.BadInputException;
import dev.thaw.ingest.TraceReader;
import dev.thaw.ingest.Traces;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import dev.thaw.workload.llm.LlmRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the LLM request traces bundled with thaw into {@link LlmRequest}s, arrival times in seconds from the first
 * request. Formats (detected from the header, or named): {@code apex} ({@code RequestID,StartTimeOffset_ns,
 * ContextTokens,GeneratedTokens}), {@code azure-llm} ({@code TIMESTAMP,ContextTokens,GeneratedTokens}), {@code vidur}
 * ({@code arrived_at,num_prefill_tokens,num_decode_tokens}) and {@code mooncake} (JSONL with {@code timestamp} ms,
 * {@code input_length}, {@code output_length}, {@code hash_ids}), burstgpt, plain or .gz or .zip, folders and thaw's
 * Parquet/Arrow output, all through the ingest module's readers (see {@link #readWithIngest}).
 */
public final class LlmTraceReader {
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

    /** @param format an LLM format id of the ingest module (apex, azure-llm, vidur, mooncake, burstgpt), or null to detect. */
    public static List<LlmRequest> read(Path file, String format) { return readWithIngest(file, format); }

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
