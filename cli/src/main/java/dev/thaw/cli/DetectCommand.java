package dev.thaw.cli;

import dev.thaw.ingest.write.AtomicFiles;
import dev.thaw.ingest.write.TempFiles;
import dev.thaw.workload.attack.AttackScenario;
import dev.thaw.workload.attack.DetectionFiles;
import dev.thaw.workload.attack.DetectionRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code thaw detect}: learn each function's normal per-minute behaviour, score the rest, alert; optionally inject attacks and evaluate. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Detect compromised functions from per-function per-minute monitoring metrics.",
                "Learns each function's behaviour on the first --train-days days (per-request CPU, execution time,",
                "response size and memory compared with minutes of the same load; load against the hour's usual peak),",
                "scores the remaining days and writes alerts (function, interval, score, metrics that moved, explanation)",
                "to OUTDIR as alerts.csv, alerts.parquet and alerts.json, plus summary.json and a report folder for",
                "'thaw report'. With --inject, attacks are injected into half of the eligible functions first and the",
                "detector is scored against them: detection rate and time to detect per scenario, precision, and false",
                "alarms per 1,000 clean function-days.",
                "INPUT: the Huawei 2025 layout (quantiles/R<n>/<metric>/day_NN.csv) or the Huawei 2023 private layout",
                "(private_dataset/<metric>_minute/day_NNN.csv); folders are searched."})
public final class DetectCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Dataset folders (or a region's metric folder).")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTDIR", description = "Output folder.")
    Path out;

    @Option(names = "--train-days", paramLabel = "N", defaultValue = "7",
            description = "Days to learn from (the first N of each region; at most all but the last day) (default: ${DEFAULT-VALUE}).")
    int trainDays;

    @Option(names = "--inject", paramLabel = "SCENARIO[,SCENARIO...]", split = ",",
            description = "Inject attacks and evaluate: cryptojacking, exfiltration, denial-of-wallet, crash, or all.")
    List<String> inject;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the attack plan and injection (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print summary.json on stdout.")
    boolean json;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Override public Integer call() throws IOException {
        Checks.range("--train-days", trainDays, 1, 10_000, null);
        List<AttackScenario> scenarios = new ArrayList<>();
        if (inject != null) {
            LinkedHashSet<AttackScenario> set = new LinkedHashSet<>();
            for (String s : inject) {
                if (s.isBlank()) continue;
                if (s.trim().equals("all")) set.addAll(List.of(AttackScenario.values()));
                else set.add(AttackScenario.of(s));
            }
            scenarios.addAll(set);
        }
        OutputGuard.folder(out, inputs);
        long t0 = System.nanoTime();
        DetectionRun.Options o = new DetectionRun.Options(trainDays, scenarios, seed);
        DetectionRun.Result r = DetectionRun.run(inputs, o, line -> { if (!quiet) System.err.println("detect: " + line); });
        Map<String, Object> summary = DetectionFiles.summary(r, o, !scenarios.isEmpty());
        summary.put("wall_s", Math.rint((System.nanoTime() - t0) / 1e7) / 100);
        Path stage = TempFiles.folderBeside(out);
        try {
            DetectionFiles.write(stage, r, summary, !scenarios.isEmpty());
            OutputGuard.written(stage);
            AtomicFiles.moveIntoPlace(stage, out);
        } catch (RuntimeException | IOException e) {
            TempFiles.delete(stage);
            throw e;
        }
        if (json) {
            JsonOut.print(summary);
        } else {
            System.err.printf("detect: %d functions, %d alerts; wrote %s%n", r.scoredFunctions(), r.alerts().size(), out);
            if (!scenarios.isEmpty()) System.err.println(r.evaluation());
        }
        return ThawCommand.OK;
    }
}
