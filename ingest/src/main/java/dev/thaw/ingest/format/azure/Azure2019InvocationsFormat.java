package dev.thaw.ingest.format.azure;

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

/**
 * Azure Functions 2019 invocation counts ({@code invocations_per_function_md.anon.dNN.csv}): one row per function
 * with a column per minute 1..1440, as long form {@code (HashOwner, HashApp, HashFunction, Trigger, day, minute,
 * count)}. Minutes with no invocation produce no row (the table is over 95% zeros).
 */
public final class Azure2019InvocationsFormat implements TraceFormat {
    private static final List<String> KEYS = List.of("HashOwner", "HashApp", "HashFunction", "Trigger");
    private static final TraceSchema SCHEMA = TraceSchema.of(
            ColumnSpec.string("HashOwner", "owner hash"), ColumnSpec.string("HashApp", "app hash"),
            ColumnSpec.string("HashFunction", "function hash"), ColumnSpec.string("Trigger", "http, timer, event, queue, ..."),
            ColumnSpec.int64("day", "day of the trace (from the file name dNN), null if unknown"),
            ColumnSpec.int64("minute", "minute of the day, 1..1440 (counted when executions end)"),
            ColumnSpec.int64("count", "invocations in that minute"));

    @Override public String id() { return "azure-2019-invocations"; }
    @Override public String description() { return "Azure Functions 2019 per-minute invocation counts, as long form"; }
    @Override public TraceSchema schema() { return SCHEMA; }

    @Override public boolean matches(List<String> header) {
        return header.containsAll(KEYS) && header.size() > 4 && header.get(header.size() - 1).matches("[0-9]+");
    }

    @Override public RowDecoder decoder(List<String> header, SourceFile file) {
        int[] key = new int[4];
        for (int k = 0; k < 4; k++) {
            key[k] = header.indexOf(KEYS.get(k));
            if (key[k] < 0) throw BadInputException.ofFile(file.displayName(), "header lacks column " + KEYS.get(k), null);
        }
        List<Integer> cols = new ArrayList<>();
        List<Long> minutes = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).matches("[0-9]+")) { cols.add(i); minutes.add(Long.parseLong(header.get(i))); }
        }
        Integer day = file.hints().day();
        return (Fields row, RowAppender out) -> {
            if (row.fieldCount() != header.size())
                throw new BadInputException(row.sourceName(), row.lineNumber(), null, null, "expected " + header.size() + " fields as in the header, found " + row.fieldCount());
            for (int j = 0; j < cols.size(); j++) {
                int c = cols.get(j);
                if (row.isMissing(c)) continue;
                long n = row.getLong(c);
                if (n < 0) throw row.bad(c, "expected a non-negative invocation count");
                if (n == 0) continue;
                for (int k = 0; k < 4; k++) out.setString(k, row.buffer(), row.start(key[k]), row.length(key[k]));
                if (day != null) out.setLong(4, day);
                out.setLong(5, minutes.get(j));
                out.setLong(6, n);
                out.endRow();
            }
        };
    }
}
