package dev.thaw.simulate.llm.calibrate;

import dev.thaw.ingest.BadInputException;
import dev.thaw.simulate.llm.ParallelPlan;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * AIConfigurator's end-to-end rows ({@code silicon_sample.csv}): one closed-loop run per row at client concurrency
 * {@code batch_size}, fixed {@code isl}/{@code osl}, measured mean {@code silicon_ttft_ms} and {@code silicon_tpot_ms}.
 * Only aggregated (non-disaggregated) vLLM rows on GPUs and models thaw knows become cases; every other row is
 * skipped with its reason (told to {@code skipped}), so a user sees what was left out.
 */
public final class AiConfiguratorReader {
    static final List<String> REQUIRED = List.of("id", "backend", "backend_version", "model_path", "system", "precision", "mode", "isl", "osl",
            "batch_size", "tp_size", "pp_size", "attention_dp_size", "moe_ep_size", "silicon_ttft_ms", "silicon_tpot_ms");

    private AiConfiguratorReader() {}

    /** Any of the file's own column names: a header missing others is still read, so the error names the missing column. */
    public static boolean looksLike(String header) {
        return header.contains("silicon_ttft_ms") || header.contains("silicon_tpot_ms") || header.contains("silicon_data_source");
    }

    /** GPU catalog id of an AIConfigurator system name, or null. */
    static String gpuOf(String system) {
        return switch (system) {
            case "h100_sxm" -> "H100-SXM-80GB";
            case "h200_sxm" -> "H200-SXM-141GB";
            case "a100_sxm" -> "A100-SXM-80GB";
            case "b200_sxm" -> "B200";
            default -> null;
        };
    }

    public static List<MeasuredCase> read(Path file, Consumer<String> skipped) {
        List<MeasuredCase> out = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
            for (String col : REQUIRED)
                if (!parser.getHeaderMap().containsKey(col)) throw new BadInputException(file.toString(), 1, col, null, "an AIConfigurator e2e CSV with column '" + col + "'");
            for (CSVRecord r : parser) {
                long line = r.getRecordNumber() + 1;
                String why = unsupported(r);
                if (why != null) { skipped.accept(file.getFileName() + " line " + line + " (" + r.get("id") + "): " + why); continue; }
                out.add(toCase(file, line, r));
            }
        } catch (IOException e) {
            throw BadInputException.ofFile(file.toString(), "cannot read: " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw BadInputException.ofFile(file.toString(), "malformed CSV: " + e.getMessage(), e);
        }
        return out;
    }

    private static String unsupported(CSVRecord r) {
        if (!r.get("backend").equals("vllm")) return "backend " + r.get("backend") + " has no thaw engine profile";
        if (!r.get("mode").equals("agg")) return "disaggregated serving (mode " + r.get("mode") + ")";
        if (gpuOf(r.get("system")) == null) return "GPU " + r.get("system") + " not in thaw's catalog";
        String m = modelOf(r.get("model_path"));
        if (m == null) return "model " + r.get("model_path") + " not in thaw's catalog";
        String p = r.get("precision").toLowerCase(Locale.ROOT);
        if (!(p.isEmpty() || p.equals("bf16") || p.equals("fp16") || p.equals("fp8"))) return "precision " + p + " not simulated";
        if (!r.get("attention_dp_size").isEmpty() && !r.get("attention_dp_size").equals("1")) return "attention data parallelism";
        if (!r.get("moe_ep_size").isEmpty() && !r.get("moe_ep_size").equals("1")) return "expert parallelism";
        return null;
    }

    /** Catalog id of a Hugging Face model path (organisation, -Instruct and -FP8 suffixes dropped), or null. */
    static String modelOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).replaceAll("(?i)-FP8$", "").replaceAll("(?i)-Instruct$", "");
        for (String id : List.of("Llama-3.1-8B", "Llama-3.1-70B", "Llama-3.1-405B", "Qwen3-32B", "Qwen3-30B-A3B", "Mixtral-8x7B", "Mixtral-8x22B", "DeepSeek-V3", "Mistral-Large-2407"))
            if (id.equalsIgnoreCase(name)) return id;
        return null;
    }

    private static MeasuredCase toCase(Path file, long line, CSVRecord r) {
        int isl = positiveInt(file, line, r, "isl"), osl = positiveInt(file, line, r, "osl"), c = positiveInt(file, line, r, "batch_size");
        int tp = positiveInt(file, line, r, "tp_size"), pp = r.get("pp_size").isEmpty() ? 1 : positiveInt(file, line, r, "pp_size");
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("ttft_ms.mean", positive(file, line, r, "silicon_ttft_ms"));
        m.put("tpot_ms.mean", positive(file, line, r, "silicon_tpot_ms"));
        String version = r.get("backend_version");
        String prec = r.get("precision").toLowerCase(Locale.ROOT);
        String weights = prec.equals("fp8") ? "fp8" : "bf16";
        return new MeasuredCase(r.get("id"), file.getFileName() + ":" + line, modelOf(r.get("model_path")), gpuOf(r.get("system")),
                new ParallelPlan(1, tp, pp), weights, "bf16", engineOf(version), version, 0, 0, MeasuredCase.Load.closed(c, isl, osl), m,
                collectionOf(r.isMapped("silicon_data_source") ? r.get("silicon_data_source") : ""));
    }

    /**
     * The collection a row's {@code silicon_data_source} names: the folder of its {@code source_file} (one folder per
     * harness, engine version and GPU in the gap-analysis runs, whose file names are the models), else the file (a
     * CI collection's dated CSV), else the dump it came from; "" when it names none.
     */
    static String collectionOf(String dataSource) {
        for (String part : dataSource.split(";")) {
            String p = part.strip();
            if (p.startsWith("source_file=")) {
                String f = p.substring("source_file=".length()).strip();
                int slash = f.lastIndexOf('/');
                return slash > 0 ? f.substring(0, slash) : f;
            }
        }
        String first = dataSource.split(";")[0].strip();
        return first.startsWith("db-dump") ? first : "";
    }

    /** vLLM up to 0.6 ran the V0 engine; 0.8 on the V1 engine (a blank version: a recent release, V1). */
    static String engineOf(String version) {
        if (version.isBlank()) return "vllm-v1";
        String[] v = version.split("\\.");
        try {
            int major = Integer.parseInt(v[0]), minor = v.length > 1 ? Integer.parseInt(v[1].replaceAll("\\D.*", "")) : 0;
            return major == 0 && minor < 8 ? "vllm-v0" : "vllm-v1";
        } catch (NumberFormatException e) {
            return "vllm-v1"; // nightly builds
        }
    }

    static int positiveInt(Path f, long line, CSVRecord r, String col) {
        double v = positive(f, line, r, col);
        if (v != Math.rint(v)) throw new BadInputException(f.toString(), line, col, r.get(col), "a whole number");
        return (int) v;
    }

    static double positive(Path f, long line, CSVRecord r, String col) {
        String s = r.get(col);
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new BadInputException(f.toString(), line, col, s, "a number");
        }
        if (!(v > 0) || Double.isInfinite(v)) throw new BadInputException(f.toString(), line, col, s, "a positive number");
        return v;
    }
}
