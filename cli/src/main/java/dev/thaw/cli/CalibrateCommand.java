package dev.thaw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.EngineProfileFile;
import dev.thaw.simulate.llm.calibrate.ReplaySettings;
import dev.thaw.simulate.llm.calibrate.MeasuredCase;
import dev.thaw.simulate.llm.calibrate.OverheadFitter;
import dev.thaw.simulate.llm.perf.Calibration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit an engine's overheads to measured serving runs (kernel times from the perf database); write an engine profile JSON for --engine-profile.")
public final class CalibrateCommand implements Callable<Integer> {
    @Mixin MeasurementOptions in;
    @Option(names = "--perf-db", paramLabel = "DIR|none", description = "Kernel times the overheads are fitted on top of: a database folder, or none for the fitted roofline curves (default: the bundled database of the GPU).") String perfDb;
    @Option(names = "--iterations", defaultValue = "6", description = "Levenberg-Marquardt iterations at most (default ${DEFAULT-VALUE}).") int iterations;
    @Option(names = "--rounds-per-client", paramLabel = "R", description = "Requests per client of fixed-length closed-loop rows, when known (default: fitted; the first, all-clients-at-once round counts 1/R of each mean).") Double roundsPerClient;
    @Option(names = "--client-cohort", paramLabel = "K", description = "Clients that send together in fixed-length closed-loop rows, when known (default: fitted, 1-3; 1 = each client on its own).") Integer clientCohort;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of open-loop arrivals drawn from a rate (default ${DEFAULT-VALUE}).") long seed;
    @Option(names = {"-o", "--output"}, required = true, description = "Engine profile JSON to write.") Path out;
    @Option(names = "--json", description = "Print one JSON object with the fitted constants and the fit's error.") boolean json;

    @Override public Integer call() throws Exception {
        if (iterations < 1) throw new IllegalArgumentException("--iterations must be >= 1, got " + iterations);
        if (roundsPerClient != null) Checks.range("--rounds-per-client", roundsPerClient, 1, 1e6, "requests per client");
        if (clientCohort != null) Checks.range("--client-cohort", (int) clientCohort, 1, 1024, "clients per cohort");
        EngineProfile base = EngineProfile.named(in.engine);
        List<String> skipped = new ArrayList<>();
        List<MeasuredCase> cases = in.read(skipped);
        MeasurementOptions.tellSkipped("calibrate", skipped);
        if (cases.isEmpty()) throw new IllegalArgumentException("no measured case to fit in " + in.files + (skipped.isEmpty() ? "" : " (" + skipped.size() + " rows skipped)"));
        System.err.printf(Locale.ROOT, "thaw calibrate: fitting %s on %d cases%n", base.name(), cases.size());
        OverheadFitter.Result r = OverheadFitter.fit(cases, base, Calibration.DEFAULT,
                ReplaySettings.BUNDLED.withPerfDb(SimulateCommand.perfDbSource(perfDb)), OverheadFitter.Options.defaults().withIterations(iterations)
                        .withRoundsPerClient(roundsPerClient == null ? Double.NaN : roundsPerClient).withClientCohort(clientCohort == null ? 0 : clientCohort),
                s -> System.err.println("thaw calibrate: " + s));
        for (OverheadFitter.Dropped d : r.dropped()) System.err.println("thaw calibrate: dropped " + d.measuredCase().source() + " (" + d.measuredCase().id() + "): " + d.reason());
        Map<String, Object> fit = r.summary(in.files.stream().map(Path::toString).toList());
        fit.put("perf_db", perfDb == null ? "bundled" : perfDb);
        EngineProfileFile file = new EngineProfileFile(r.profile().withName(base.name() + "-calibrated"), fit);
        file.write(out, base.name());
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("profile", out.toString());
        o.put("engine", base.name());
        o.put("overheads", new ObjectMapper().convertValue(file.toJson(base.name()).get("overheads"), Map.class));
        o.put("perf_db", perfDb == null ? "bundled" : perfDb);
        o.put("rounds_per_client", r.roundsPerClient());
        o.put("client_cohort", r.clientCohort());
        o.put("clients", r.clientsJson());
        o.put("cases", cases.size());
        o.put("cases_used", r.used().size());
        o.put("dropped", fit.get("dropped"));
        o.put("rows_skipped", skipped.size());
        o.put("mape", r.fit().mape());
        o.put("bias", r.fit().bias());
        if (json) System.out.println(new ObjectMapper().writeValueAsString(o));
        else {
            System.out.printf(Locale.ROOT, "wrote %s: %d of %d cases used, %d dropped%n", out, r.used().size(), cases.size(), r.dropped().size());
            r.fit().mape().forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-14s MAPE %5.1f %%  bias %+5.1f %%%n", k, v, r.fit().bias().get(k)));
        }
        return ThawCommand.OK;
    }
}
