package dev.thaw.ingest.format.llm;

import java.util.List;

/** Vidur replay traces: {@code arrived_at} (s from start), {@code num_prefill_tokens}, {@code num_decode_tokens}. */
public final class VidurFormat extends ScaledClockFormat {
    public VidurFormat() {
        super("vidur", "Vidur replay trace: arrival (s), prefill and decode tokens", "arrived_at", "num_prefill_tokens", "num_decode_tokens", 1.0, List.of());
    }
}
