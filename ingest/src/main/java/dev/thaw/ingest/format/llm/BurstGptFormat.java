package dev.thaw.ingest.format.llm;

import java.util.List;

/**
 * BurstGPT: {@code Timestamp} (s), {@code Request tokens}, {@code Response tokens} among other columns. About 7.9% of
 * rows have no tokens in or out (failed requests); they are dropped and counted as {@code dropped_zero_token_rows}.
 */
public final class BurstGptFormat extends ScaledClockFormat {
    public BurstGptFormat() {
        super("burstgpt", "BurstGPT trace: timestamp (s), request and response tokens", "Timestamp", "Request tokens", "Response tokens", 1.0, List.of());
    }

    @Override protected boolean drop(long prompt, long output) { return prompt == 0 && output == 0; }
}
