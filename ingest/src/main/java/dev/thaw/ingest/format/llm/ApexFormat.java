package dev.thaw.ingest.format.llm;

import java.util.List;

/** APEX traces: {@code StartTimeOffset_ns} (or {@code StartTimeOffset}, ns), {@code ContextTokens}, {@code GeneratedTokens}. */
public final class ApexFormat extends LlmFormat {
    public ApexFormat() {
        super("apex", "APEX simulator trace: start offset (ns), context and generated tokens", "StartTimeOffset_ns", "ContextTokens", "GeneratedTokens", List.of());
    }

    @Override public boolean matches(List<String> header) {
        return (header.contains("StartTimeOffset_ns") || header.contains("StartTimeOffset"))
                && header.contains("ContextTokens") && header.contains("GeneratedTokens");
    }

    @Override public dev.thaw.ingest.RowDecoder decoder(List<String> header, dev.thaw.ingest.source.SourceFile file) {
        if (!header.contains("StartTimeOffset_ns") && header.contains("StartTimeOffset")) {
            List<String> renamed = new java.util.ArrayList<>(header);
            renamed.set(header.indexOf("StartTimeOffset"), "StartTimeOffset_ns");
            return super.decoder(renamed, file);
        }
        return super.decoder(header, file);
    }

    @Override protected Clock clock() { return (row, i) -> row.getDouble(i) * 1e-9; }
}
