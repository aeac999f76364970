package dev.thaw.ingest.format.llm;

import dev.thaw.ingest.batch.RowAppender;
import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.text.Fields;
import java.util.List;

/**
 * Mooncake (FAST'25) JSON lines: {@code timestamp} (ms), {@code input_length}, {@code output_length},
 * {@code hash_ids} (one id per 512-token prefix block; equal ids share KV), kept as {@code prefix_block_ids}, the
 * ids separated by spaces.
 */
public final class MooncakeFormat extends ScaledClockFormat {
    public MooncakeFormat() {
        super("mooncake", "Mooncake conversation trace (JSON lines): timestamp (ms), lengths, prefix block hashes",
                "timestamp", "input_length", "output_length", 1e-3,
                List.of(ColumnSpec.string("prefix_block_ids", "space-separated ids of 512-token prefix blocks")));
    }

    @Override protected void extra(Fields row, List<String> header, RowAppender out) {
        int h = header.indexOf("hash_ids");
        if (h >= 0 && !row.isMissing(h)) out.setString(3, row.buffer(), row.start(h), row.length(h));
    }
}
