package dev.thaw.ingest.format.llm;

import dev.thaw.ingest.schema.ColumnSpec;
import java.util.List;

/** LLM traces whose arrival column is already an offset from the trace start, in some unit. */
abstract class ScaledClockFormat extends LlmFormat {
    private final double secondsPerUnit;

    ScaledClockFormat(String id, String description, String a, String p, String o, double secondsPerUnit, List<ColumnSpec> extra) {
        super(id, description, a, p, o, extra);
        this.secondsPerUnit = secondsPerUnit;
    }

    @Override protected Clock clock() { return (row, i) -> row.getDouble(i) * secondsPerUnit; }
}
