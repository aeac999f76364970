package dev.thaw.ingest;

import dev.thaw.ingest.schema.TraceSchema;
import dev.thaw.ingest.source.SourceFile;
import java.util.List;

/**
 * One published trace layout: how to recognise it from a header, the table it becomes, and how one input row
 * becomes output rows. Implementations are stateless; per-file state lives in the {@link RowDecoder}.
 */
public interface TraceFormat {
    /** Stable id used by {@code --format} (e.g. {@code huawei-2025-coldstart}). */
    String id();

    /** One line for {@code thaw inspect} and {@code --help}. */
    String description();

    /** The output table: published columns (by their published names) plus derived ones. */
    TraceSchema schema();

    /** True when a file with these column names (or JSON keys) holds this format. */
    boolean matches(List<String> header);

    /** A decoder for one source file with this header; throws {@link BadInputException} for a header it cannot use. */
    RowDecoder decoder(List<String> header, SourceFile source);

    /**
     * True when a decoder carries nothing from one row to the next (its violations are counts that add up across
     * decoders): a file may then be cut into byte ranges decoded in parallel, each by a decoder of its own.
     */
    default boolean rowsDecodeIndependently() { return false; }

    /** Name of a column holding a time in seconds, for spans in {@code thaw inspect}; null if none. */
    default String timeColumn() { return null; }
}
