package dev.thaw.ingest.format.llm;

import dev.thaw.ingest.BadInputException;
import dev.thaw.ingest.RowDecoder;
import dev.thaw.ingest.TraceFormat;
import dev.thaw.ingest.batch.RowAppender;
import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.schema.TraceSchema;
import dev.thaw.ingest.source.SourceFile;
import dev.thaw.ingest.text.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LLM request traces, normalised to {@code arrival_s, prompt_tokens, output_tokens}: every serving experiment in
 * thaw reads this one shape whatever trace it came from. Subclasses name their columns and convert their clock.
 */
public abstract class LlmFormat implements TraceFormat {
    public static final String ARRIVAL = "arrival_s", PROMPT = "prompt_tokens", OUTPUT = "output_tokens";
    static final List<ColumnSpec> BASE = List.of(
            ColumnSpec.float64(ARRIVAL, "arrival, s from the start of the trace"),
            ColumnSpec.int64(PROMPT, "prompt (context) tokens"),
            ColumnSpec.int64(OUTPUT, "generated tokens"));

    private final String id, description, arrivalCol, promptCol, outputCol;
    private final TraceSchema schema;

    protected LlmFormat(String id, String description, String arrivalCol, String promptCol, String outputCol, List<ColumnSpec> extra) {
        this.id = id;
        this.description = description;
        this.arrivalCol = arrivalCol;
        this.promptCol = promptCol;
        this.outputCol = outputCol;
        List<ColumnSpec> all = new ArrayList<>(BASE);
        all.addAll(extra);
        this.schema = new TraceSchema(all);
    }

    @Override public String id() { return id; }
    @Override public String description() { return description; }
    @Override public TraceSchema schema() { return schema; }
    @Override public String timeColumn() { return ARRIVAL; }

    @Override public boolean matches(List<String> header) {
        return header.contains(arrivalCol) && header.contains(promptCol) && header.contains(outputCol);
    }

    /** Per-file clock: turns the arrival field into seconds from the start of the trace. */
    protected interface Clock { double seconds(Fields row, int i); }

    protected abstract Clock clock();

    /** Extra output columns after the three base ones (Mooncake's prefix blocks). */
    protected void extra(Fields row, List<String> header, RowAppender out) {}

    /** Rows to drop silently but count (BurstGPT's empty requests). */
    protected boolean drop(long prompt, long output) { return false; }

    @Override public RowDecoder decoder(List<String> header, SourceFile file) {
        int a = header.indexOf(arrivalCol), p = header.indexOf(promptCol), o = header.indexOf(outputCol);
        if (a < 0 || p < 0 || o < 0)
            throw BadInputException.ofFile(file.displayName(), "header lacks " + arrivalCol + ", " + promptCol + " or " + outputCol + " of format " + id + " (found " + header + ")", null);
        Clock clock = clock();
        return new RowDecoder() {
            long dropped;

            @Override public void decode(Fields row, RowAppender out) {
                if (row.fieldCount() != header.size())
                    throw new BadInputException(row.sourceName(), row.lineNumber(), null, null, "expected " + header.size() + " fields as in the header, found " + row.fieldCount());
                for (int i : new int[] {a, p, o}) if (row.isMissing(i)) throw row.bad(i, "expected a value, found it missing");
                long prompt = row.getLong(p), output = row.getLong(o);
                if (prompt < 0) throw row.bad(p, "expected a non-negative token count");
                if (output < 0) throw row.bad(o, "expected a non-negative token count");
                if (drop(prompt, output)) { dropped++; return; }
                double t = clock.seconds(row, a);
                if (!(t >= 0)) throw row.bad(a, "expected an arrival at or after the start of the trace");
                out.setDouble(0, t);
                out.setLong(1, prompt);
                out.setLong(2, output);
                extra(row, header, out);
                out.endRow();
            }

            @Override public Map<String, Long> violations() { return dropped == 0 ? Map.of() : Map.of("dropped_zero_token_rows", dropped); }
        };
    }
}
