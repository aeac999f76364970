package dev.thaw.ingest;

import dev.thaw.ingest.batch.RowAppender;
import dev.thaw.ingest.text.Fields;
import java.util.Map;

/** Turns the rows of one source file into output rows. Stateful per file (e.g. the first timestamp of a trace). */
public interface RowDecoder {
    /** Decodes one input row into zero or more rows of {@code out} (calling {@code out.endRow()} for each). */
    void decode(Fields row, RowAppender out);

    /** Rows kept that break an identity of the format (e.g. components that do not sum to the total), by identity. */
    default Map<String, Long> violations() { return Map.of(); }
}
