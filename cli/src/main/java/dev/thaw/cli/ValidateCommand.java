package dev.thaw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.thaw.reports.html.Provenance;
import dev.thaw.reports.html.ReportSite;
import dev.thaw.reports.layout.ValidationReport;
import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.EngineProfileFile;
import dev.thaw.simulate.llm.calibrate.ReplaySettings;
import dev.thaw.simulate.llm.calibrate.ClosedLoopClients;
import dev.thaw.simulate.llm.calibrate.MeasuredCase;
import dev.thaw.simulate.llm.calibrate.Validation;
import dev.thaw.simulate.llm.perf.Calibration;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulate every measured case and report predicted vs measured, signed error and MAPE (JSON, CSV and a report page).")
public final class ValidateCommand implements Callable<Integer> {
    @Mixin MeasurementOptions in;
    @Option(names = "--engine-profile", description = "Engine profile JSON from thaw calibrate, or a bundled profile name (default: the bundled profile of each case's engine generation).") String engineProfile;
    @Option(names = "--perf-db", paramLabel = "DIR|none", description = "Kernel times: a database folder, or none for the fitted roofline curves (default: the bundled database of each GPU).") String perfDb;
    @Option(names = "--rounds-per-client", paramLabel = "R", description = "Requests per client of fixed-length closed-loop rows that do not record it (AIConfigurator): the first, all-clients-at-once round counts 1/R of the mean (default: the --engine-profile file's fitted value, else "
            + ClosedLoopClients.DEFAULT_ROUNDS_PER_CLIENT_TEXT + ").") Double roundsPerClient;
    @Option(names = "--client-cohort", paramLabel = "K", description = "Clients that send together in fixed-length closed-loop rows (AIConfigurator) (default: the --engine-profile file's fitted value, else "
            + ClosedLoopClients.DEFAULT_CLIENT_COHORT_TEXT + ").") Integer clientCohort;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of open-loop arrivals drawn from a rate (default ${DEFAULT-VALUE}).") long seed;
    @Option(names = {"-o", "--output"}, required = true, description = "Folder for validation.json, validation.csv and the report page.") Path out;
    @Option(names = "--json", description = "Print one JSON object: cases, mape, bias.") boolean json;

    @Override public Integer call() throws Exception {
        // Client models: the profile file's, one per collection (and a default); a flag replaces its field in every one.
        ClosedLoopClients.ClientModel dflt = profileClients(engineProfile);
        Map<String, ClosedLoopClients.ClientModel> byCollection = new TreeMap<>(profileClientsByCollection(engineProfile));
        if (roundsPerClient != null) {
            double r = Checks.range("--rounds-per-client", roundsPerClient, 1, 1e6, "requests per client");
            dflt = dflt.withRounds(r);
            byCollection.replaceAll((k, v) -> v.withRounds(r));
        }
        if (clientCohort != null) {
            int k = Checks.range("--client-cohort", (int) clientCohort, 1, 1024, "clients per cohort");
            dflt = dflt.withCohort(k);
            byCollection.replaceAll((c, v) -> v.withCohort(k));
        }
        ReplaySettings replay = ReplaySettings.BUNDLED.withPerfDb(SimulateCommand.perfDbSource(perfDb)).withClients(dflt, byCollection);
        double rounds = dflt.roundsPerClient();
        int cohort = dflt.cohort();
        String dbName = perfDb == null ? "bundled perf database (fitted roofline curves where a GPU has none)" : perfDb.equals("none") ? "fitted roofline curves" : perfDb;
        List<String> skipped = new ArrayList<>();
        List<MeasuredCase> cases = in.read(skipped);
        MeasurementOptions.tellSkipped("validate", skipped);
        if (cases.isEmpty()) throw new IllegalArgumentException("no measured case to validate in " + in.files);
        Calibration cal = Calibration.DEFAULT;
        Function<String, EngineProfile> profileOf;
        String profileName;
        if (engineProfile != null) {
            EngineProfile p = EngineProfile.named(engineProfile);
            profileOf = g -> p;
            profileName = engineProfile;
        } else {
            profileOf = EngineProfile::named;
            profileName = "bundled (per engine generation)";
        }
        System.err.printf(Locale.ROOT, "thaw validate: simulating %d cases%n", cases.size());
        Validation v = Validation.run(cases, profileOf, cal, replay, seed);
        Map<String, Object> o = v.toJson();
        o.put("engine_profile", profileName);
        o.put("perf_db", dbName);
        o.put("rounds_per_client", rounds);
        o.put("client_cohort", cohort);
        Map<String, Object> perCollection = new TreeMap<>();
        byCollection.forEach((name, model) -> perCollection.put(name, model.toJson()));
        o.put("clients", perCollection);
        o.put("by_collection", v.byCollection());
        o.put("rows_skipped", skipped.size());
        Files.createDirectories(out);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        writeAtomically(out.resolve("validation.json"), mapper.writeValueAsString(o));
        writeAtomically(out.resolve("validation.csv"), csv(v));
        ReportSite.builder("thaw validate").provenance(Provenance.builder().seed(seed).command("thaw validate")
                        .setting("engine profile", profileName).setting("perf database", dbName)
                        .setting("rounds per client (fixed-length closed loops)", String.format(Locale.ROOT, "%.0f", rounds))
                        .setting("client cohort (fixed-length closed loops)", Integer.toString(cohort)).build())
                .add(ValidationReport.page(v, profileName, dbName)).build().write(out);
        if (json) System.out.println(new ObjectMapper().writeValueAsString(o));
        else v.mape().forEach((k, x) -> System.out.printf(Locale.ROOT, "%-14s MAPE %5.1f %%  bias %+5.1f %%  (%d cases)%n", k, x, v.bias().get(k), v.counts().get(k)));
        return ThawCommand.OK;
    }

    /** The default client model a calibrated profile file was fitted with, else the bundled default. */
    static ClosedLoopClients.ClientModel profileClients(String engineProfile) {
        if (engineProfile == null || !EngineProfileFile.looksLikeFile(engineProfile)) return ClosedLoopClients.ClientModel.DEFAULT;
        Map<String, Object> fit = EngineProfileFile.readCached(Path.of(engineProfile)).fit();
        return clientModel(engineProfile, "fit", fit, ClosedLoopClients.ClientModel.DEFAULT);
    }

    /** The client model of each collection a calibrated profile file was fitted on (the bundled ones for bundled profiles). */
    static Map<String, ClosedLoopClients.ClientModel> profileClientsByCollection(String engineProfile) {
        if (engineProfile == null || !EngineProfileFile.looksLikeFile(engineProfile)) return ClosedLoopClients.BUNDLED;
        Object clients = EngineProfileFile.readCached(Path.of(engineProfile)).fit().get("clients");
        if (clients == null) return Map.of();
        if (!(clients instanceof Map<?, ?> m)) throw new IllegalArgumentException(engineProfile + ": fit.clients must be an object, got " + clients);
        ClosedLoopClients.ClientModel dflt = profileClients(engineProfile);
        Map<String, ClosedLoopClients.ClientModel> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> v)) throw new IllegalArgumentException(engineProfile + ": fit.clients." + e.getKey() + " must be an object, got " + e.getValue());
            @SuppressWarnings("unchecked") Map<String, Object> vm = (Map<String, Object>) v;
            out.put(String.valueOf(e.getKey()), clientModel(engineProfile, "fit.clients." + e.getKey(), vm, dflt));
        }
        return out;
    }

    private static ClosedLoopClients.ClientModel clientModel(String file, String where, Map<String, Object> o, ClosedLoopClients.ClientModel dflt) {
        Object r = o.get("rounds_per_client"), k = o.get("client_cohort");
        if (r != null && !(r instanceof Number)) throw new IllegalArgumentException(file + ": " + where + ".rounds_per_client must be a number, got " + r);
        if (k != null && (!(k instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())))
            throw new IllegalArgumentException(file + ": " + where + ".client_cohort must be an integer, got " + k);
        try {
            return new ClosedLoopClients.ClientModel(r == null ? dflt.roundsPerClient() : ((Number) r).doubleValue(), k == null ? dflt.cohort() : ((Number) k).intValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + where + "." + e.getMessage(), e);
        }
    }

    static String csv(Validation v) {
        StringBuilder s = new StringBuilder("case,source,model,gpu,plan,engine,concurrency,isl,osl,metric,measured,predicted,error_pct\n");
        for (Validation.CaseResult r : v.cases()) {
            MeasuredCase c = r.measuredCase();
            for (String m : c.measured().keySet())
                s.append(String.format(Locale.ROOT, "%s,%s,%s,%s,\"%s\",%s,%d,%.0f,%.0f,%s,%.6g,%.6g,%.3f%n", c.id(), c.source(), c.model(), c.gpu(), c.plan(), c.engine(),
                        c.load().concurrency(), c.load().meanPrompt(), c.load().meanOutput(), m, c.measured().get(m),
                        r.predicted().getOrDefault(m, Double.NaN), 100 * r.error(m)));
        }
        return s.toString();
    }

    static void writeAtomically(Path p, String text) throws java.io.IOException {
        Path tmp = Files.createTempFile(p.toAbsolutePath().getParent(), "." + p.getFileName(), ".tmp");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp)) { w.write(text); }
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
