package dev.thaw.ingest.write;

import dev.thaw.ingest.BadInputException;
import dev.thaw.ingest.OnError;
import dev.thaw.ingest.ReadStats;
import dev.thaw.ingest.TraceReader;
import dev.thaw.ingest.Traces;
import dev.thaw.ingest.text.SourceProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Converts traces to columnar files: every input is resolved and grouped by format, and each group streams through
 * one sink. Memory is one batch per group plus the Parquet row-group buffers, whatever the input size.
 */
public final class Ingest {
    private Ingest() {}

    public record Options(OutputKind kind, String formatId, OnError onError, boolean partition) {
        public static Options defaults() { return new Options(null, null, OnError.FAIL, true); }
    }

    public record Progress(String format, String file, int filesDone, int filesTotal, long rows) {}

    public record Result(long rowsIn, long rowsOut, long rowsSkipped, List<Path> outputs, Map<String, Long> skippedByReason,
                         List<String> skippedExamples, Map<String, Long> violations, Map<String, Long> rowsByFormat,
                         List<String> unrecognised) {}

    public static Result run(List<String> inputs, Path out, Options opts, Consumer<Progress> progress) {
        List<Traces.Group> groups = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String in : inputs) {
            Traces.Plan plan = Traces.plan(in, opts.formatId());
            groups.addAll(plan.groups());
            plan.unrecognised().forEach(u -> unknown.add(u.file().displayName() + ": " + u.why()));
        }
        groups = mergeByFormat(groups);
        if (groups.isEmpty()) throw BadInputException.ofFile(String.join(" ", inputs), "no trace file recognised" + (unknown.isEmpty() ? "" : ": " + unknown.get(0)), null);
        OutputKind byName = OutputKind.ofPath(out);
        OutputKind kind = opts.kind() != null ? opts.kind() : byName != null ? byName : OutputKind.PARQUET;
        boolean singleFile = byName != null;
        if (singleFile && groups.size() > 1)
            throw new IllegalArgumentException("the input holds " + groups.size() + " formats " + groups.stream().map(g -> g.format().id()).toList()
                    + ": give a folder as -o, or name one format with --format");

        // Several formats go to one sub-folder each: stage them all in one temporary folder, so a failure in a later
        // format leaves nothing of the earlier ones, and the output folder appears whole or not at all.
        Path stage = !singleFile && groups.size() > 1 ? AtomicFiles.tempSibling(out) : null;
        try {
            Result r = convert(groups, out, stage, singleFile, kind, opts, progress, unknown);
            if (stage != null) AtomicFiles.moveIntoPlace(stage, out);
            return r;
        } catch (RuntimeException | Error e) {
            if (stage != null) {
                try { AtomicFiles.deleteRecursively(stage); } catch (RuntimeException suppressed) { e.addSuppressed(suppressed); }
            }
            throw e;
        }
    }

    private static Result convert(List<Traces.Group> groups, Path out, Path stage, boolean singleFile, OutputKind kind,
                                  Options opts, Consumer<Progress> progress, List<String> unknown) {
        long rowsIn = 0, rowsOut = 0, skipped = 0;
        List<Path> outputs = new ArrayList<>();
        Map<String, Long> reasons = new TreeMap<>(), violations = new TreeMap<>(), byFormat = new LinkedHashMap<>();
        List<String> examples = new ArrayList<>();
        for (Traces.Group g : groups) {
            Path target = stage == null ? out : stage.resolve(g.format().id());
            TableSink sink = singleFile
                    ? new SingleFileSink(target, kind, g.format().schema(), g.format().id())
                    : new PartitionedSink(target, kind, g.format().schema(), g.format().id(), opts.partition());
            try (TraceReader r = Traces.open(g, opts.onError(), true); sink) {
                while (r.next()) {
                    sink.write(r.root());
                    if (progress != null) {
                        String file = r instanceof SourceProgress t && t.currentFile() != null ? t.currentFile().displayName() : "";
                        int done = r instanceof SourceProgress t ? t.sourcesDone() : 0;
                        progress.accept(new Progress(g.format().id(), file, done, g.files().size(), r.rowsRead()));
                    }
                }
                sink.commit();
                ReadStats s = r.stats();
                rowsIn += s.rowsIn();
                rowsOut += r.rowsRead();
                skipped += s.rowsSkipped();
                s.skippedByReason().forEach((k, v) -> reasons.merge(k, v, Long::sum));
                s.violations().forEach((k, v) -> violations.merge(g.format().id() + "." + k, v, Long::sum));
                for (String e : s.examples()) if (examples.size() < 10) examples.add(e);
                byFormat.merge(g.format().id(), r.rowsRead(), Long::sum);
                List<Path> files = sink instanceof PartitionedSink p ? p.files() : List.of(target);
                for (Path f : files) outputs.add(stage == null ? f : out.resolve(stage.relativize(f)));
            }
        }
        return new Result(rowsIn, rowsOut, skipped, outputs, reasons, examples, violations, byFormat, unknown);
    }

    private static List<Traces.Group> mergeByFormat(List<Traces.Group> groups) {
        Map<String, Traces.Group> merged = new LinkedHashMap<>();
        for (Traces.Group g : groups) {
            String key = g.format().id() + (g.columnar() ? "#columnar" : "");
            Traces.Group prev = merged.get(key);
            if (prev == null) { merged.put(key, g); continue; }
            List<dev.thaw.ingest.source.SourceFile> files = new ArrayList<>(prev.files());
            files.addAll(g.files());
            merged.put(key, new Traces.Group(g.format(), files, g.columnar()));
        }
        return new ArrayList<>(merged.values());
    }
}
