package dev.thaw.cli;

import dev.thaw.ingest.OnError;
import dev.thaw.ingest.write.Ingest;
import dev.thaw.ingest.write.OutputKind;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Convert traces to Parquet (ZSTD, partitioned by region and day) or Arrow IPC.",
                "Number columns that ZSTD would shrink by less than a tenth (random low digits) are stored uncompressed.",
                "Plain CSV is parsed in byte ranges on all threads (-Dthaw.threads=N, default one per core, bounds them).",
                "The output appears only when the whole conversion succeeded (written to a temporary path, then renamed).",
                "-o ending in .parquet, .arrow or .csv writes one file; any other -o is a folder of partitions",
                "(one sub-folder per format when the input mixes formats)."})
public final class IngestCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Trace files, .gz, .zip, folders or globs.")
    List<String> paths;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Output file or folder.")
    Path out;

    @Option(names = "--format", paramLabel = "F", description = "Force a format instead of detecting it.")
    String format;

    @Option(names = "--to", paramLabel = "KIND", description = "parquet (default), arrow or csv; by default taken from -o's extension.")
    String to;

    @Option(names = "--on-error", paramLabel = "fail|skip", defaultValue = "fail",
            description = "On a malformed row: fail (default, with file, line and column) or skip it and report it.")
    String onError;

    @Option(names = "--no-partition", description = "Write one file per format instead of region/day partitions.")
    boolean noPartition;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override public Integer call() {
        OnError mode = switch (onError.toLowerCase()) {
            case "fail" -> OnError.FAIL;
            case "skip" -> OnError.SKIP;
            default -> throw new IllegalArgumentException("--on-error must be fail or skip, not '" + onError + "'");
        };
        OutputKind kind = to == null ? null : OutputKind.parse(to);
        boolean folder = OutputKind.ofPath(out) == null;
        OutputGuard.fileOrFolder(out, paths, !folder);
        long t0 = System.nanoTime();
        Ingest.Result r;
        try (ProgressDisplay bar = new ProgressDisplay("ingest", -1, "rows", false)) {
            r = Ingest.run(paths, out, new Ingest.Options(kind, format, mode, !noPartition),
                    p -> bar.stepTo(p.rows(), p.format() + " " + (p.filesDone() + 1) + "/" + p.filesTotal()));
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        if (folder) OutputGuard.written(out);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows_in", r.rowsIn());
        m.put("rows_out", r.rowsOut());
        m.put("rows_skipped", r.rowsSkipped());
        m.put("outputs", r.outputs().stream().map(Path::toString).toList());
        m.put("rows_by_format", r.rowsByFormat());
        m.put("skipped_by_reason", r.skippedByReason());
        m.put("skipped_examples", r.skippedExamples());
        m.put("identity_violations", r.violations());
        m.put("not_traces", r.unrecognised());
        m.put("wall_s", secs);
        if (json) {
            JsonOut.print(m);
        } else {
            System.err.printf("ingested %,d rows (%,d skipped) into %s in %.2f s (%,.0f rows/s)%n", r.rowsOut(), r.rowsSkipped(), out, secs, r.rowsOut() / secs);
            r.rowsByFormat().forEach((f, n) -> System.err.printf("  %-24s %,d rows%n", f, n));
            if (!r.skippedByReason().isEmpty()) System.err.println("  skipped by reason: " + r.skippedByReason());
            if (!r.violations().isEmpty()) System.err.println("  identity violations (rows kept): " + r.violations());
            for (String u : r.unrecognised()) System.err.println("  not a trace, left out: " + u);
        }
        return ThawCommand.OK;
    }
}
