package dev.thaw.cli;

import dev.thaw.simulate.llm.ParallelPlan;
import dev.thaw.simulate.llm.calibrate.CaseSettings;
import dev.thaw.simulate.llm.calibrate.MeasuredCase;
import dev.thaw.simulate.llm.calibrate.MeasurementReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code calibrate} and {@code validate} share: measurement files and the server settings they do not hold. */
final class MeasurementOptions {
    @Parameters(arity = "1..*", paramLabel = "MEASUREMENTS", description = "vLLM benchmark result JSON, inference-perf per-request JSON, request CSV or AIConfigurator e2e CSV.")
    List<Path> files;
    @Option(names = "--format", description = "vllm-bench, inference-perf, csv or aiconfigurator (detected when omitted).") String format;
    @Option(names = "--model", description = "Model that served the runs (catalog id or config.json); filters AIConfigurator rows.") String model;
    @Option(names = "--gpu", description = "GPU catalog id (e.g. H100-SXM-80GB); filters AIConfigurator rows.") String gpu;
    @Option(names = "--plan", description = "dp=D,tp=T,pp=P of the server (default dp=1,tp=1).") String plan;
    @Option(names = "--weights", defaultValue = "bf16", description = "bf16, fp8, int8 or int4 (default ${DEFAULT-VALUE}).") String weights;
    @Option(names = "--kv", defaultValue = "bf16", description = "bf16 or fp8 (default ${DEFAULT-VALUE}).") String kv;
    @Option(names = "--engine", defaultValue = "vllm-v1", description = "Engine generation of the server: vllm-v0 (up to 0.6) or vllm-v1 (0.8+) (default ${DEFAULT-VALUE}).") String engine;
    @Option(names = "--max-num-seqs", defaultValue = "0", description = "The server's max_num_seqs (default: the engine's).") int maxNumSeqs;
    @Option(names = "--max-batched-tokens", defaultValue = "0", description = "The server's max_num_batched_tokens (default: the engine's).") int maxBatchedTokens;

    CaseSettings settings() {
        if (maxNumSeqs < 0 || maxBatchedTokens < 0) throw new IllegalArgumentException("--max-num-seqs and --max-batched-tokens must be positive");
        return new CaseSettings(model, gpu, plan == null ? null : ParallelPlan.parse(plan), weights, kv, engine, maxNumSeqs, maxBatchedTokens);
    }

    /** Reads every file; rows left out are returned in {@code skipped} ("file line N (id): reason"). */
    List<MeasuredCase> read(List<String> skipped) {
        List<MeasuredCase> cases = MeasurementReader.read(files, format, settings(), skipped::add);
        return new ArrayList<>(cases);
    }

    /** Rows shown one per line before the rest are only counted by reason (an AIConfigurator file skips thousands). */
    static final int SKIPPED_SHOWN = 5;

    /** Tells the skipped rows on stderr: the first few whole, then a count per reason, most frequent first. */
    static void tellSkipped(String command, List<String> skipped) {
        for (int i = 0; i < Math.min(SKIPPED_SHOWN, skipped.size()); i++) System.err.println("thaw " + command + ": skipped " + skipped.get(i));
        if (skipped.size() <= SKIPPED_SHOWN) return;
        Map<String, Integer> byReason = new LinkedHashMap<>();
        for (String s : skipped) {
            int at = s.indexOf("): ");
            byReason.merge(at < 0 ? s : s.substring(at + 3), 1, Integer::sum);
        }
        System.err.printf(Locale.ROOT, "thaw %s: skipped %,d rows in all:%n", command, skipped.size());
        byReason.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> System.err.printf(Locale.ROOT, "  %,6d  %s%n", e.getValue(), e.getKey()));
    }
}
