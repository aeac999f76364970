package dev.thaw.cli;

import dev.thaw.ingest.OnError;
import dev.thaw.ingest.write.Ingest;
import dev.thaw.ingest.write.OutputKind;
import dev.thaw.workload.arrival.ArrivalModel;
import dev.thaw.workload.arrival.Arrivals;
import dev.thaw.workload.calibrate.CalibrationCurves;
import dev.thaw.workload.calibrate.CalibrationReport;
import dev.thaw.workload.calibrate.Calibrator;
import dev.thaw.workload.calibrate.FittedModels;
import dev.thaw.workload.calibrate.SimpleBurstinessStats;
import dev.thaw.workload.llm.GaussianCopulaTokens;
import dev.thaw.workload.llm.LlmEndpoints;
import dev.thaw.workload.llm.LlmRequest;
import dev.thaw.workload.llm.LognormalTokens;
import dev.thaw.workload.llm.TokenLengthModel;
import dev.thaw.workload.replay.AzureLlmCsv;
import dev.thaw.workload.replay.HuaweiRequestCsv;
import dev.thaw.workload.replay.InvocationTrace;
import dev.thaw.workload.replay.LlmReplay;
import dev.thaw.workload.replay.Replay;
import dev.thaw.workload.replay.TraceCsvWriter;
import dev.thaw.workload.synth.HuaweiDatasetWriter;
import dev.thaw.workload.synth.HuaweiSyntheticDataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate workloads from fitted models, replay real traces, or build the synthetic Huawei 2025 dataset.",
                "-o ending in .csv writes CSV (LLM requests: Azure LLM layout; invocations: Azure Functions 2021 layout);",
                "any other -o writes Parquet through the ingest layer. Every run is seeded and bit-for-bit reproducible."})
public final class GenerateCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--fit", paramLabel = "FITS.json", description = "Fitted models written by thaw analyze.") Path fit;
        @Option(names = "--replay", paramLabel = "PATH", description = "A trace to replay (Azure LLM CSV, or Huawei 2025 per-request part file or folder).") Path replay;
        @Option(names = "--synthetic", paramLabel = "NAME", description = "Build a synthetic dataset: huawei-2025.") String synthetic;
    }

    @ArgGroup(exclusive = true, multiplicity = "1") Source source;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Output file (.csv or Parquet) or, for --synthetic, a folder.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice (default ${DEFAULT-VALUE}).") long seed;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Length of a generated trace (default: 3600, or the source's span).") Double duration;

    @Option(names = "--rate-scale", paramLabel = "X", defaultValue = "1", description = "Scale the rate: thinning below 1, superposition above.") double rateScale;

    @Option(names = "--speedup", paramLabel = "X", defaultValue = "1", description = "Time-warp a replayed trace: X times faster.") double speedup;

    @Option(names = "--window", paramLabel = "FROM:TO", description = "Replay only arrivals with FROM <= t < TO (seconds, trace clock).") String window;

    @Option(names = "--keep-functions", paramLabel = "K", description = "Replay a representative subset of K functions.") Integer keepFunctions;

    @Option(names = "--calibrate", description = "Fit a bursty model to the source, generate from it and report both side by side.") boolean calibrate;

    @Option(names = "--source", paramLabel = "PATH", description = "With --fit --calibrate: the trace the fits came from.") Path calibrationSource;

    @Option(names = "--json", description = "Print one JSON object on stdout.") boolean json;

    /** Longest trace generated: a year (a longer one is a typo, and its arrays would not fit in memory). */
    static final double MAX_DURATION_S = 366 * 86400.0;
    /** Most events held in memory at once (about 8 bytes each per column). */
    static final double MAX_EVENTS = 200e6;

    @Override public Integer call() throws IOException {
        for (Path in : new Path[] {source.replay, calibrationSource, source.fit})
            if (in != null && !Files.exists(in)) throw new IllegalArgumentException("no such file or folder: " + in);
        if (duration != null) Checks.range("--duration", duration, 1e-3, MAX_DURATION_S, "at most a year");
        Checks.range("--rate-scale", rateScale, 1e-9, 1000, "thinning below 1, superposition of up to 1000 copies above");
        Checks.range("--speedup", speedup, 1e-6, 1e6, null);
        Checks.rangeOrNull("--keep-functions", keepFunctions, 1, Integer.MAX_VALUE, null);
        if (window != null) window();
        if (source.synthetic != null) OutputGuard.folder(out, java.util.Arrays.asList(source.replay, calibrationSource, source.fit));
        else OutputGuard.file(out, java.util.Arrays.asList(source.replay, calibrationSource, source.fit));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        if (source.synthetic != null) synthetic(m);
        else if (source.replay != null) replay(m);
        else fit(m);
        if (json) JsonOut.print(m);
        else System.err.println("thaw generate: wrote " + m.get("outputs"));
        if (source.synthetic != null) OutputGuard.written(out);
        return ThawCommand.OK;
    }

    private void synthetic(Map<String, Object> m) throws IOException {
        if (!source.synthetic.equalsIgnoreCase("huawei-2025")) throw new IllegalArgumentException("--synthetic knows huawei-2025, not '" + source.synthetic + "'");
        HuaweiSyntheticDataset d = HuaweiSyntheticDataset.build(HuaweiSyntheticDataset.Options.defaults(seed));
        HuaweiDatasetWriter.write(d, out);
        long cold = 0, requests = 0;
        for (var region : d.runs) for (var r : region) {
            for (int k = 0; k < r.arrivalS.length; k++) {
                if (r.coldCostsUs[k] != null) cold++;
                if (r.arrivalS[k] >= d.options.lastDay() * 86400.0) requests++;
            }
        }
        m.put("mode", "synthetic");
        m.put("dataset", "huawei-2025");
        m.put("cold_starts", cold);
        m.put("requests_last_day", requests);
        m.put("noise_sigma", d.noiseSigma);
        m.put("outputs", List.of(out.toString()));
    }

    private void replay(Map<String, Object> m) throws IOException {
        m.put("mode", calibrate ? "calibrate" : "replay");
        if (isAzureLlm(source.replay)) {
            List<LlmRequest> reqs = AzureLlmCsv.read(source.replay);
            m.put("rows_in", reqs.size());
            if (reqs.isEmpty()) throw new dev.thaw.ingest.BadInputException(source.replay.toString(), 0, null, null, "holds no rows (a header only?): nothing to replay");
            if (calibrate) {
                double[] src = AzureLlmCsv.arrivals(reqs);
                double dur = duration != null ? duration : src[src.length - 1] - src[0];
                Calibrator.Result r = Calibrator.run(src, seed, dur, SimpleBurstinessStats.INSTANCE);
                // Insertion order, not Map.of (whose iteration order changes from one JVM to the next): same seed, same bytes.
                Map<String, Object> model = new LinkedHashMap<>();
                model.put("family", "batch-mmpp2");
                model.put("rate0", r.fit().epochs().rate0());
                model.put("rate1", r.fit().epochs().rate1());
                model.put("q01", r.fit().epochs().q01());
                model.put("q10", r.fit().epochs().q10());
                model.put("mean_batch", r.fit().model().meanBatchSize());
                m.put("model", model);
                Map<String, Object> cal = new LinkedHashMap<>();
                cal.put("fitted", r.fitted().toMap());
                cal.put("poisson", r.poisson().toMap());
                Map<String, double[]> traces = new LinkedHashMap<>();
                traces.put("source", src);
                traces.put("fitted", r.fittedArrivals());
                traces.put("poisson", r.poissonArrivals());
                cal.put("curves", CalibrationCurves.of(traces, SimpleBurstinessStats.INSTANCE));
                m.put("calibration", cal);
                reqs = LlmEndpoints.requests(Arrivals.until(r.fit().model(), seed, dur), GaussianCopulaTokens.fit(reqs), null, seed + 1);
            } else {
                if (window != null) { double[] w = window(); reqs = LlmReplay.window(reqs, w[0], w[1]); }
                if (speedup != 1) reqs = LlmReplay.timeWarp(reqs, speedup);
                if (rateScale != 1) reqs = LlmReplay.rateScale(reqs, rateScale, seed);
            }
            writeLlm(reqs, m);
            return;
        }
        if (calibrate) throw new IllegalArgumentException("--calibrate with --replay supports Azure LLM request traces; for invocation traces use --fit with --source");
        InvocationTrace t = HuaweiRequestCsv.read(source.replay);
        m.put("rows_in", t.size());
        if (t.size() == 0) throw new dev.thaw.ingest.BadInputException(source.replay.toString(), 0, null, null, "holds no rows (a header only?): nothing to replay");
        if (window != null) { double[] w = window(); t = Replay.window(t, w[0], w[1]); }
        if (keepFunctions != null) {
            Replay.Downsample d = Replay.downsampleFunctions(t, keepFunctions, seed);
            t = d.trace();
            m.put("functions_kept", keepFunctions);
            m.put("wasserstein_log10_rate", d.log10RateWasserstein());
        }
        if (speedup != 1) t = Replay.timeWarp(t, speedup);
        if (rateScale != 1) t = Replay.rateScale(t, rateScale, seed);
        writeInvocations(t, m);
    }

    private void fit(Map<String, Object> m) throws IOException {
        FittedModels fits = FittedModels.read(source.fit);
        ArrivalModel arrivals = fits.arrivalModel();
        double dur = duration != null ? duration : 3600;
        double expected = arrivals.meanRatePerS() * dur;
        if (!(expected <= MAX_EVENTS))
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "--duration %s s at the fitted %.4g arrivals/s gives about %.3g events, more than the %.0f that fit in memory; generate a shorter span",
                    Checks.num(dur), arrivals.meanRatePerS(), expected, MAX_EVENTS));
        double[] t = Arrivals.until(arrivals, seed, dur);
        m.put("mode", "fit");
        m.put("model", arrivals.toString());
        Optional<FittedModels.Model> p = fits.model("prompt_tokens"), o = fits.model("output_tokens");
        if (calibrate) {
            if (calibrationSource == null) throw new IllegalArgumentException("--fit --calibrate needs --source PATH, the trace the fits came from");
            double[] src = isAzureLlm(calibrationSource) ? AzureLlmCsv.arrivals(AzureLlmCsv.read(calibrationSource)) : HuaweiRequestCsv.read(calibrationSource).times();
            m.put("calibration", CalibrationReport.compare("fit", src, t, new double[] {1, 10, 60, 600, 3600}, SimpleBurstinessStats.INSTANCE).toMap());
        }
        if (p.isPresent() && o.isPresent() && p.get().family().equals("lognormal") && o.get().family().equals("lognormal")) {
            TokenLengthModel tokens = new LognormalTokens(p.get().params().get("mu"), p.get().params().get("sigma"), o.get().params().get("mu"), o.get().params().get("sigma"), 0);
            m.put("tokens", "lognormal prompt and output (independent: fits.json carries no correlation)");
            writeLlm(LlmEndpoints.requests(t, tokens, null, seed + 1), m);
        } else {
            double[] d = new double[t.length];
            if (fits.population() != null) {
                // each arrival goes to a function drawn by its share of the source's invocations
                m.put("functions_in_population", fits.population().ids().length);
                writeInvocations(new InvocationTrace(t, fits.population().assign(t.length, seed + 2), d, fits.population().ids()), m);
            } else {
                writeInvocations(new InvocationTrace(t, new int[t.length], d, new String[] {"fitted"}), m);
            }
        }
    }

    private void writeLlm(List<LlmRequest> reqs, Map<String, Object> m) throws IOException {
        m.put("rows_out", reqs.size());
        write(m, csv -> TraceCsvWriter.writeAzureLlm(reqs, TraceCsvWriter.AZURE_LLM_BASE, csv));
    }

    private void writeInvocations(InvocationTrace t, Map<String, Object> m) throws IOException {
        m.put("rows_out", t.size());
        m.put("functions", t.functions());
        write(m, csv -> TraceCsvWriter.writeAzure2021(t, csv));
    }

    interface CsvWriter { void write(Path csv) throws IOException; }

    /** CSV directly; anything else via a temporary CSV converted by the ingest layer (Parquet). */
    private void write(Map<String, Object> m, CsvWriter w) throws IOException {
        if (OutputKind.ofPath(out) == OutputKind.CSV) {
            w.write(out);
            m.put("outputs", List.of(out.toString()));
            return;
        }
        Path tmp = dev.thaw.ingest.write.TempFiles.folderBeside(out);  // beside the output, removed on interrupt
        try {
            Path csv = tmp.resolve("generated.csv");
            w.write(csv);
            Ingest.Result r = Ingest.run(List.of(csv.toString()), out, new Ingest.Options(OutputKind.PARQUET, null, OnError.FAIL, false), p -> { });
            m.put("outputs", r.outputs().stream().map(Path::toString).toList());
        } finally {
            dev.thaw.ingest.write.TempFiles.delete(tmp);
        }
    }

    private double[] window() {
        String[] p = window.split(":");
        if (p.length != 2) throw new IllegalArgumentException("--window must be FROM:TO in seconds, got '" + window + "'");
        double from, to;
        try {
            from = Double.parseDouble(p[0].trim());
            to = Double.parseDouble(p[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--window must be FROM:TO in seconds, got '" + window + "'");
        }
        if (!Double.isFinite(from) || !Double.isFinite(to) || from >= to)
            throw new IllegalArgumentException("--window must be FROM:TO with finite FROM < TO, got '" + window + "'");
        return new double[] {from, to};
    }

    static boolean isAzureLlm(Path p) throws IOException {
        if (Files.isDirectory(p)) return false;
        try (BufferedReader r = Files.newBufferedReader(p)) {
            String h = r.readLine();
            return h != null && h.contains("TIMESTAMP") && h.contains("ContextTokens");
        }
    }
}
