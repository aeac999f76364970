package dev.thaw.cli;

import dev.thaw.analysis.Analysis;
import dev.thaw.analysis.agg.TraceInputs;
import dev.thaw.analysis.arrivals.ArrivalTimes;
import dev.thaw.analysis.fit.Fits;
import dev.thaw.workload.calibrate.CalibratedFits;
import dev.thaw.analysis.coldstart.Dimension;
import dev.thaw.analysis.utility.UtilityAggregator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyse traces: arrivals, burstiness, cold starts, pod utility, fits.",
                "Writes OUTDIR/summary.json (the --json object), OUTDIR/fits.json (read by thaw generate --fit) and",
                "OUTDIR/tables/*.csv and *.parquet. Files are aggregated in parallel, one pass, in bounded memory."})
public final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Trace files, .gz, .zip, folders (e.g. the Huawei layout) or globs.")
    List<String> paths;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTDIR", description = "Output folder.")
    Path out;

    @Option(names = "--what", defaultValue = "all", paramLabel = "all|coldstarts|arrivals|utility|fits", split = ",",
            description = "What to compute (comma-separated; default all).")
    List<String> what;

    @Option(names = "--group-by", paramLabel = "COLS",
            description = "Extra cold-start grouping, e.g. region,pool (repeatable). Columns: region, clusterName, day, hour, pool, size, runtime, trigger.")
    List<String> groupBy = new ArrayList<>();

    @Option(names = "--format", paramLabel = "F", description = "Force a format instead of detecting it.")
    String format;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available cores).")
    Integer threads;

    @Option(names = "--keep-alive", paramLabel = "SECONDS", defaultValue = "60", description = "Keep-alive for pod lifetimes (default 60).")
    double keepAlive;

    @Option(names = "--coldstart-point", paramLabel = "start|ready", defaultValue = "start",
            description = "Pod utility: cold start at its timestamp (start, default) or when it finished (ready).")
    String coldStartPoint;

    @Option(names = "--request-point", paramLabel = "start|end", defaultValue = "end",
            description = "Pod utility: last request at its end (default) or start.")
    String requestPoint;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run on Apache Spark: local[N], spark://host:port, yarn or k8s://... (thaw-spark module; same summary.json).")
    String spark;

    @Option(names = "--json", description = "Print summary.json on stdout.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override public Integer call() throws Exception {
        Set<Analysis.What> whats = EnumSet.noneOf(Analysis.What.class);
        for (String w : what) {
            switch (w.trim().toLowerCase()) {
                case "all" -> whats.addAll(EnumSet.allOf(Analysis.What.class));
                case "coldstarts" -> whats.add(Analysis.What.COLDSTARTS);
                case "arrivals" -> whats.add(Analysis.What.ARRIVALS);
                case "utility" -> whats.add(Analysis.What.UTILITY);
                case "fits" -> whats.add(Analysis.What.FITS);
                default -> throw new IllegalArgumentException("--what must be all, coldstarts, arrivals, utility or fits, not '" + w + "'");
            }
        }
        List<List<Dimension>> groupings = new ArrayList<>();
        for (String g : groupBy) groupings.add(Dimension.parseList(g));
        var cs = switch (coldStartPoint.toLowerCase()) {
            case "start" -> UtilityAggregator.ColdStartPoint.START;
            case "ready" -> UtilityAggregator.ColdStartPoint.READY;
            default -> throw new IllegalArgumentException("--coldstart-point must be start or ready");
        };
        var rp = switch (requestPoint.toLowerCase()) {
            case "start" -> UtilityAggregator.RequestPoint.START;
            case "end" -> UtilityAggregator.RequestPoint.END;
            default -> throw new IllegalArgumentException("--request-point must be start or end");
        };
        Checks.nonNegative("--keep-alive", keepAlive);
        Checks.range("--keep-alive", keepAlive, 0, 366 * 86400.0, "at most a year");
        Checks.rangeOrNull("--threads", threads, 1, 1024, null);
        OutputGuard.folder(out, paths);
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        long t0 = System.nanoTime();
        Analysis.Result r;
        Analysis.Options options = new Analysis.Options(paths, format, whats, groupings, n, keepAlive, cs, rp);
        try (ProgressDisplay bar = new ProgressDisplay("analyze", -1, "rows", quiet)) {
            if (spark == null) {
                r = Analysis.run(options, (rows, done, total) -> bar.stepTo(rows, "files " + done + "/" + total));
            } else {
                try (ScaleOut cluster = ScaleOut.provider().connect(spark, bar::stepTo)) {
                    r = Analysis.run(options, Analysis.Progress.NONE, cluster.passRunner());
                }
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        if (r.summary().get("rows") instanceof Number rows && rows.longValue() == 0) {
            // Never exit 0 with nothing analysed: say why, naming the inputs.
            Object ignored = r.summary().get("ignored_inputs");
            boolean analysed = r.summary().containsKey("arrivals") || r.summary().containsKey("coldstarts") || r.summary().containsKey("pod_utility");
            String why = analysed ? "holds no rows (a header only?): nothing to analyse"
                    : ignored != null ? "nothing to analyse: no input holds arrivals or cold starts; not usable: " + ignored
                    : "nothing to analyse: --what " + String.join(",", what) + " does not apply to these inputs";
            throw new dev.thaw.ingest.BadInputException(String.join(" ", paths), 0, null, null, why);
        }
        if (r.summary().get("ignored_inputs") instanceof List<?> ignored && !quiet)
            for (Object i : ignored) System.err.println("thaw analyze: not analysed: " + i);
        Fits fits = whats.contains(Analysis.What.FITS) ? calibrate(r.fits()) : r.fits();
        secs = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> summary = new java.util.LinkedHashMap<>(r.summary());
        summary.put("wall_s", secs);
        r = new Analysis.Result(summary, fits, r.tables());
        // Written beside the output and renamed: an interrupted or failed run leaves no half-written folder.
        Path stage = dev.thaw.ingest.write.TempFiles.folderBeside(out);
        try {
            r.write(stage);
            OutputGuard.written(stage);
            dev.thaw.ingest.write.AtomicFiles.moveIntoPlace(stage, out);
        } catch (RuntimeException | java.io.IOException e) {
            dev.thaw.ingest.write.TempFiles.delete(stage);
            throw e;
        }
        if (json) {
            System.out.println(Analysis.json(summary));
        } else {
            System.err.print(r.text());
            System.err.printf("wrote %s/summary.json, fits.json and %d tables in %.2f s%n", out, r.tables().size(), secs);
        }
        return ThawCommand.OK;
    }

    /** Arrivals held in memory for the calibration fit; a longer trace is calibrated on its first this many. */
    static final int CALIBRATION_CAP = 5_000_000;

    /**
     * Adds to the fits the calibrated bursty model of the calibration loop (batch-MMPP fitted to the IAT CV and
     * the IDC at 1, 10 and 60 s) and, when the trace names functions, their population: what {@code generate --fit}
     * needs to reproduce the trace's burstiness. Per-request traces only; per-minute counts keep the MMPP.
     */
    private Fits calibrate(Fits fits) throws Exception {
        ArrivalTimes a = ArrivalTimes.collect(TraceInputs.resolve(paths, format), CALIBRATION_CAP);
        if (a.times().length < 100) return fits;
        Map<String, Object> bursty = new java.util.LinkedHashMap<>(CalibratedFits.bursty(a.times()));
        if (a.truncated()) bursty.put("note", "fitted to the first " + a.times().length + " arrivals read");
        double span = a.times()[a.times().length - 1] - a.times()[0];
        Map<String, Object> population = a.functions().size() > 1 ? CalibratedFits.population(a.function(), a.functions(), span) : null;
        return fits.withCalibration(bursty, population);
    }
}
