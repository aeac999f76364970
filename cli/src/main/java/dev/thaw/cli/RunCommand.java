package dev.thaw.cli;

import dev.thaw.ingest.catalog.DatasetCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole pipeline in one command: each stage is an ordinary thaw subcommand run in-process, writing a result
 * folder that {@code thaw report} turns into pages. The log shows each stage with its timing.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline on the bundled dataset and write OUT/index.html:",
                "ingest, analyse (cold starts, arrivals, fits), generate a calibrated workload, replay it under",
                "keep-alive policies, detect injected attacks on functions, simulate LLM serving, search parallel plans, and report."})
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--dataset", paramLabel = "DIR", description = "Serverless dataset in the Huawei 2025 layout (default: datasets/huawei-2025-synthetic).")
    Path dataset;

    @Option(names = "--llm-trace", paramLabel = "PATH", description = "LLM request trace (default: the bundled Azure 2023 code trace).")
    Path llmTrace;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--model", defaultValue = "Llama-3.1-70B", description = "Model for serving simulation and plan search (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--gpu", defaultValue = "H100-SXM-80GB", description = "GPU type (default: ${DEFAULT-VALUE}).")
    String gpu;

    @Option(names = "--gpus", defaultValue = "8", description = "GPUs in the cluster (default: ${DEFAULT-VALUE}).")
    int gpus;

    @Option(names = "--nodes", defaultValue = "1", description = "Nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--objective", defaultValue = "ttft-mean", description = "Plan-search objective (default: ${DEFAULT-VALUE}).")
    String objective;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random process (default: ${DEFAULT-VALUE}).")
    long seed;

    private final List<String> log = new ArrayList<>();

    @Override public Integer call() throws IOException {
        long t0 = System.nanoTime();
        Path repo = DatasetCatalog.findRepoRoot(Paths.get("")).orElse(Paths.get("").toAbsolutePath());
        Path data = dataset != null ? dataset : repo.resolve("datasets/huawei-2025-synthetic");
        Path llm = llmTrace != null ? llmTrace : repo.resolve("datasets/llm-traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv");
        Path apex = repo.resolve("datasets/llm-traces/apex/llama/lmsys_05.csv");
        if (!Files.isDirectory(data)) throw new IllegalArgumentException("no dataset folder " + data + " (use --dataset)");
        if (!Files.exists(llm)) throw new IllegalArgumentException("no LLM trace " + llm + " (use --llm-trace)");
        Files.createDirectories(out);
        Path results = out.resolve("results");
        String s = Long.toString(seed);

        stage("ingest the serverless dataset", "ingest", data.toString(), "-o", results.resolve("tables").toString(), "--json");
        Path coldStarts = data.resolve("cold_start");
        Path requests = data.resolve("per_request");
        stage("analyse cold starts", "analyze", (Files.isDirectory(coldStarts) ? coldStarts : data).toString(),
                "--what", "coldstarts,fits", "-o", results.resolve("analysis-coldstarts").toString(), "--quiet", "--json");
        if (Files.isDirectory(requests))
            stage("analyse requests, arrivals and pod utility", "analyze", data.toString(), "--what", "arrivals,utility",
                    "-o", results.resolve("analysis-requests").toString(), "--quiet", "--json");
        stage("analyse the LLM trace", "analyze", llm.toString(), "-o", results.resolve("analysis-llm").toString(), "--quiet", "--json");
        stageToFolder("generate a calibrated LLM workload", results.resolve("calibration"), "generate", "--replay", llm.toString(),
                "--calibrate", "--duration", "86400", "--seed", s, "-o", results.resolve("calibration/workload.csv").toString(), "--json");
        if (Files.isDirectory(requests)) {
            for (String policy : List.of("fixed:60s", "fixed:10m", "hybrid", "greedy-dual"))
                stageToFolder("replay under " + policy, results.resolve("faas-" + policy.replace(':', '-')),
                        "faas", "--trace", requests.toString(), "--policy", policy, "--seed", s, "--json");
        }
        if (Files.isDirectory(data.resolve("quantiles")))
            stage("detect compromised functions (attacks injected)", "detect", data.toString(), "--inject", "all", "--seed", s,
                    "-o", results.resolve("detect").toString(), "--quiet", "--json");
        stageToFolder("simulate LLM serving", results.resolve("simulate"), "simulate", "--model", model, "--gpu", gpu,
                "--gpus", Integer.toString(gpus), "--nodes", Integer.toString(nodes), "--trace", apex.toString(),
                "--seed", s, "--requests-out", results.resolve("simulate/requests.csv").toString(), "--json");
        stageToFolder("search parallel plans", results.resolve("search"), "search", "--model", model, "--gpu", gpu,
                "--gpus", Integer.toString(gpus), "--nodes", Integer.toString(nodes), "--trace", apex.toString(),
                "--objective", objective, "--pareto", "throughput", "--seed", s, "--json");
        stageToFolder("search serverless scaling", results.resolve("search-autoscale"), "search", "--autoscale", "--model", "Llama-3.1-8B",
                "--gpu", gpu, "--gpus", Integer.toString(gpus), "--nodes", Integer.toString(nodes), "--trace", llm.toString(), "--seed", s, "--json");
        List<String> inputs = new ArrayList<>();
        try (var dirs = Files.list(results)) {
            dirs.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve("summary.json"))).sorted().forEach(d -> inputs.add(d.toString()));
        }
        List<String> reportArgs = new ArrayList<>(List.of("report"));
        reportArgs.addAll(inputs);
        reportArgs.addAll(List.of("-o", out.toString(), "--title", "thaw run: " + data.getFileName()));
        stage("write the report", reportArgs.toArray(String[]::new));
        double total = (System.nanoTime() - t0) / 1e9;
        System.err.printf("thaw run: done in %.1f s%n", total);
        for (String line : log) System.err.println("  " + line);
        System.out.println(out.resolve("index.html").toAbsolutePath());
        return ThawCommand.OK;
    }

    /** Runs a subcommand, logging its duration, and returns what it printed on stdout; stops the pipeline when it fails. */
    private String stage(String what, String... args) {
        System.err.printf("==> %s: thaw %s%n", what, String.join(" ", args));
        long t = System.nanoTime();
        PrintStream realOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            rc = ThawCommand.execute(args);
        } finally {
            System.setOut(realOut);
        }
        double secs = (System.nanoTime() - t) / 1e9;
        log.add(String.format("%-48s %7.1f s  %s", what, secs, rc == 0 ? "ok" : "FAILED (exit " + rc + ")"));
        System.err.printf("    %s in %.1f s%n", rc == 0 ? "done" : "FAILED", secs);
        if (rc != 0) throw new StageFailed(what, rc);
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Runs a subcommand whose --json object becomes {@code folder/summary.json} (the report input layout). */
    private void stageToFolder(String what, Path folder, String... args) {
        try {
            Files.createDirectories(folder);
            String json = stage(what, args);
            Path tmp = folder.resolve(".summary.json.tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, folder.resolve("summary.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class StageFailed extends RuntimeException {
        StageFailed(String stage, int rc) { super("stage '" + stage + "' failed with exit code " + rc); }
    }
}
