package dev.thaw.ingest;

import dev.thaw.ingest.source.SourceFile;
import dev.thaw.ingest.source.SourceResolver;
import dev.thaw.ingest.text.RangeCsvReader;
import dev.thaw.ingest.text.TextSource;
import dev.thaw.ingest.text.TextTraceReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one entry point for reading traces. {@code open} takes a file, .gz, .zip, folder, glob, or thaw's own Parquet
 * or Arrow output, detects the format from the header (or takes the one named), and streams Arrow batches.
 */
public final class Traces {
    private Traces() {}

    /** The files of one input, grouped by the format each holds, plus those no format recognises. */
    public record Plan(List<Group> groups, List<Unrecognised> unrecognised) {}

    public record Group(TraceFormat format, List<SourceFile> files, boolean columnar) {}

    public record Unrecognised(SourceFile file, String why) {}

    public static TraceReader open(Path path) { return open(path.toString(), null, OnError.FAIL); }

    public static TraceReader open(Path path, String formatId) { return open(path.toString(), formatId, OnError.FAIL); }

    /** Opens an input that holds one format; an input mixing formats, or holding none, is an error. */
    public static TraceReader open(String spec, String formatId, OnError onError) {
        Plan plan = plan(spec, formatId);
        if (plan.groups().isEmpty()) {
            Unrecognised u = plan.unrecognised().get(0);
            throw BadInputException.ofFile(u.file().displayName(), u.why(), null);
        }
        if (plan.groups().size() > 1)
            throw BadInputException.ofFile(spec, "holds several formats " + plan.groups().stream().map(g -> g.format().id()).toList()
                    + ": name one with --format, or give one folder per format", null);
        return open(plan.groups().get(0), onError);
    }

    public static TraceReader open(Group group, OnError onError) { return open(group, onError, false); }

    /**
     * With {@code prefetch}, text is parsed by tasks of the shared worker pool ahead of the consumer: plain CSV files
     * of a format whose rows decode independently in byte ranges on all the pool's threads, others one batch ahead.
     */
    public static TraceReader open(Group group, OnError onError, boolean prefetch) {
        if (group.columnar()) return new TableTraceReader(group.files(), null);
        if (prefetch && group.format().rowsDecodeIndependently() && group.files().stream().allMatch(RangeCsvReader::suits))
            return new RangeCsvReader(group.files(), group.format(), onError);
        return new TextTraceReader(group.files(), group.format(), onError, TextTraceReader.DEFAULT_BATCH_ROWS, prefetch);
    }

    /** Reads only some columns of thaw Parquet output (much faster for analyses that need few columns). */
    public static TraceReader openColumns(Path path, List<String> columns) {
        List<SourceFile> files = SourceResolver.resolve(path);
        for (SourceFile f : files)
            if (!SourceResolver.isTableName(f.leafName())) return open(path);
        return new TableTraceReader(files, columns);
    }

    /** Resolves an input and names the format of each file (from its header, or the one given). */
    public static Plan plan(String spec, String formatId) {
        List<SourceFile> files = SourceResolver.resolve(spec);
        TraceFormat forced = formatId == null ? null : Formats.byId(formatId);
        Map<String, List<SourceFile>> byFormat = new LinkedHashMap<>();
        Map<String, TraceFormat> formats = new LinkedHashMap<>();
        List<SourceFile> tables = new ArrayList<>();
        List<Unrecognised> unknown = new ArrayList<>();
        for (SourceFile f : files) {
            if (SourceResolver.isTableName(f.leafName())) { tables.add(f); continue; }
            TraceFormat fmt = forced;
            if (fmt == null) {
                List<String> header;
                try (TextSource t = TextSource.open(f)) {
                    header = t.header();
                } catch (BadInputException e) {
                    // A file that cannot be read (truncated or corrupt archive, I/O error) is an error even among
                    // others: leaving it out as "not a trace" would be a silent short read of the input.
                    if (files.size() == 1 || e.getCause() instanceof java.io.IOException) throw e;
                    unknown.add(new Unrecognised(f, e.getMessage()));
                    continue;
                }
                fmt = Formats.detect(header).orElse(null);
                if (fmt == null) {
                    String why = "no known trace format has the header " + abbreviate(header);
                    if (files.size() == 1) why += "; known formats: " + String.join(", ", Formats.ids()) + " (use --format to force one)";
                    unknown.add(new Unrecognised(f, why));
                    continue;
                }
            }
            String key = key(fmt);
            byFormat.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
            formats.put(key, fmt);
        }
        List<Group> groups = new ArrayList<>();
        byFormat.forEach((id, list) -> groups.add(new Group(formats.get(id), list, false)));
        if (!tables.isEmpty()) {
            // Columnar files: thaw's own (a known format id in the footer) are read as tables, one group per format;
            // another tool's are recognised from their column names as a CSV from its header (or take --format)
            // and decoded through the format's own decoder (ColumnarCells), with the same checks and errors as text.
            Map<String, List<SourceFile>> byId = new LinkedHashMap<>();
            Map<String, TraceFormat> formatOf = new LinkedHashMap<>();
            Map<String, List<SourceFile>> foreign = new LinkedHashMap<>();
            for (SourceFile t : tables) {
                try (TableTraceReader r = thawTable(t)) {
                    TraceFormat own = r == null || r.format() instanceof TableFormat ? null : r.format();
                    if (own != null && (forced == null || forced.id().equals(own.id()))) {
                        byId.computeIfAbsent(own.id(), k -> new ArrayList<>()).add(t);
                        formatOf.putIfAbsent(own.id(), own);
                        continue;
                    }
                    List<String> names = dev.thaw.ingest.text.ColumnarCells.columnNames(t);
                    TraceFormat fmt = forced != null ? forced : Formats.detect(names).orElse(null);
                    if (fmt != null) {
                        foreign.computeIfAbsent(key(fmt), k -> new ArrayList<>()).add(t);
                        formats.put(key(fmt), fmt);
                        continue;
                    }
                    // Among other files (a folder, a glob), a table of no known trace format is left out and named,
                    // as a text file of no known format is; named alone, it is read as a plain table.
                    if (files.size() > 1 || r == null) {
                        String why = "a Parquet or Arrow table of no known trace format, columns " + abbreviate(names);
                        if (files.size() == 1) why += "; known formats: " + String.join(", ", Formats.ids()) + " (use --format to force one)";
                        unknown.add(new Unrecognised(t, why));
                        continue;
                    }
                    byId.computeIfAbsent(r.format().id(), k -> new ArrayList<>()).add(t);
                    formatOf.putIfAbsent(r.format().id(), r.format());
                }
            }
            foreign.forEach((id, list) -> groups.add(new Group(formats.get(id), list, false)));
            byId.forEach((id, list) -> groups.add(new Group(formatOf.get(id), list, true)));
        }
        return new Plan(groups, unknown);
    }

    /** The file as a thaw table, or null when its columns have types only {@link dev.thaw.ingest.text.ColumnarCells} reads. */
    private static TableTraceReader thawTable(SourceFile t) {
        if (t.member() != null) throw BadInputException.ofFile(t.displayName(), "a Parquet or Arrow file inside a zip archive cannot be read in place: extract it", null);
        try {
            return new TableTraceReader(List.of(t), null);
        } catch (IllegalArgumentException e) {
            return null;  // DECIMAL as bytes, INT96, BOOLEAN, lists: not thaw's own, decoded as cells
        }
    }

    /** Files of one format in its published layout and in thaw's own CSV are decoded differently: separate groups. */
    private static String key(TraceFormat f) { return f instanceof ThawCsvFormat ? f.id() + "#thaw-csv" : f.id(); }

    private static String abbreviate(List<String> header) {
        return header.size() <= 8 ? header.toString() : header.subList(0, 8) + " (+" + (header.size() - 8) + " more)";
    }
}
