package dev.thaw.simulate.llm.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thaw.ingest.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result JSON of vLLM's serving benchmark ({@code benchmark_serving.py --save-result}, {@code vllm bench serve}):
 * one case per file. With the per-request lists ({@code input_lens}, {@code output_lens}, {@code ttfts}, {@code itls},
 * {@code errors}) the measured means and percentiles are recomputed over the successful requests and the simulated
 * requests have the same lengths in the same order; without them the file's aggregates are used with the mean lengths.
 * {@code max_concurrency} with an infinite {@code request_rate} is a closed loop; otherwise arrivals are gamma with
 * shape {@code burstiness} at {@code request_rate} (seeded; the file does not hold the arrival times).
 */
public final class VllmBenchReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VllmBenchReader() {}

    public static boolean looksLike(JsonNode root) {
        return root.isObject() && (root.has("mean_ttft_ms") || root.has("ttfts") || root.has("input_lens")) && (root.has("num_prompts") || root.has("input_lens") || root.has("completed"));
    }

    public static MeasuredCase read(Path file, CaseSettings s) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw BadInputException.ofFile(file.toString(), "unreadable JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return read(file, root, s);
    }

    static MeasuredCase read(Path file, JsonNode root, CaseSettings s) {
        String f = file.toString();
        if (root == null || !root.isObject()) throw BadInputException.ofFile(f, "a vLLM benchmark result must be a JSON object", null);
        double rate = rate(f, root.get("request_rate"));
        double burst = root.has("burstiness") && !root.get("burstiness").isNull() ? positive(f, root, "burstiness") : 1.0;
        int conc = root.has("max_concurrency") && !root.get("max_concurrency").isNull() ? (int) positive(f, root, "max_concurrency") : 0;
        Map<String, Double> m = new LinkedHashMap<>();
        int[] in, out;
        if (root.has("input_lens")) {
            in = ints(f, root, "input_lens");
            out = ints(f, root, "output_lens");
            double[] ttft = doubles(f, root, "ttfts");
            JsonNode itls = root.get("itls"), errors = root.get("errors");
            if (out.length != in.length || ttft.length != in.length) throw BadInputException.ofFile(f, "input_lens, output_lens and ttfts must have one entry per request", null);
            List<Integer> ok = new ArrayList<>();
            for (int i = 0; i < in.length; i++) {
                boolean failed = errors != null && errors.has(i) && !errors.get(i).asText("").isEmpty();
                if (failed) continue;
                if (in[i] <= 0) throw BadInputException.ofFile(f, "request " + i + ": input_lens must be positive, got " + in[i], null);
                if (out[i] <= 0) throw BadInputException.ofFile(f, "request " + i + ": output_lens must be positive, got " + out[i], null);
                if (!(ttft[i] >= 0)) throw BadInputException.ofFile(f, "request " + i + ": ttfts must be non-negative seconds, got " + ttft[i], null);
                ok.add(i);
            }
            if (ok.isEmpty()) throw BadInputException.ofFile(f, "no successful request (every entry of 'errors' is set)", null);
            double[] t = new double[ok.size()], e2e = new double[ok.size()];
            List<Double> tpots = new ArrayList<>();
            for (int k = 0; k < ok.size(); k++) {
                int i = ok.get(k);
                t[k] = ttft[i] * 1e3;
                double decode = 0;
                if (itls != null && itls.has(i)) for (JsonNode g : itls.get(i)) {
                    if (!(g.asDouble() >= 0)) throw BadInputException.ofFile(f, "request " + i + ": itls must be non-negative seconds, got " + g.asText(), null);
                    decode += g.asDouble();
                }
                e2e[k] = ttft[i] + decode;
                if (out[i] > 1 && itls != null) tpots.add(decode / (out[i] - 1) * 1e3);
            }
            put(m, "ttft_ms", t);
            if (!tpots.isEmpty()) put(m, "tpot_ms", tpots.stream().mapToDouble(Double::doubleValue).toArray());
            if (itls != null) m.put("e2e_s.mean", Arrays.stream(e2e).average().orElse(Double.NaN));
            // The simulated requests: the successful ones, in the file's order (failed requests did not load the server the same way).
            int[] in2 = new int[ok.size()], out2 = new int[ok.size()];
            for (int k = 0; k < ok.size(); k++) { in2[k] = in[ok.get(k)]; out2[k] = out[ok.get(k)]; }
            in = in2;
            out = out2;
        } else {
            int n = (int) positive(f, root, "completed");
            in = new int[] {(int) Math.round(positive(f, root, "total_input_tokens") / n)};
            out = new int[] {(int) Math.round(positive(f, root, "total_output_tokens") / n)};
            for (String metric : List.of("ttft", "tpot", "itl"))
                for (String stat : List.of("mean", "median", "p99")) {
                    String key = stat + "_" + metric + "_ms";
                    if (root.has(key) && root.get(key).isNumber()) {
                        double v = root.get(key).asDouble();
                        if (!(v >= 0)) throw BadInputException.ofFile(f, "field '" + key + "' must be non-negative, got " + v, null);
                        m.put(metric + "_ms." + (stat.equals("median") ? "p50" : stat), v);
                    }
                }
            if (root.has("mean_e2el_ms")) m.put("e2e_s.mean", positive(f, root, "mean_e2el_ms") / 1e3);
            if (!m.containsKey("ttft_ms.mean")) throw BadInputException.ofFile(f, "missing field 'mean_ttft_ms' (and no per-request 'ttfts')", null);
        }
        boolean closed = conc > 0 && Double.isInfinite(rate);
        MeasuredCase.Load load = new MeasuredCase.Load(closed ? conc : 0, rate, burst, in, out, null);
        String name = file.getFileName().toString().replaceAll("\\.json$", "");
        return new MeasuredCase(name, file.getFileName().toString(), s.require("model", s.model(), f), s.require("gpu", s.gpu(), f),
                s.plan() != null ? s.plan() : new dev.thaw.simulate.llm.ParallelPlan(1, 1, 1), s.weights(), s.kv(), s.engine(), "",
                s.maxNumSeqs(), s.maxBatchedTokens(), load, m);
    }

    static void put(Map<String, Double> m, String metric, double[] v) {
        double[] x = v.clone();
        Arrays.sort(x);
        m.put(metric + ".mean", Arrays.stream(x).average().orElse(Double.NaN));
        m.put(metric + ".p50", x[(int) Math.ceil(0.5 * x.length) - 1]);
        m.put(metric + ".p99", x[(int) Math.ceil(0.99 * x.length) - 1]);
    }

    private static double rate(String f, JsonNode n) {
        if (n == null || n.isNull()) return Double.POSITIVE_INFINITY;
        if (n.isTextual() && n.asText().equalsIgnoreCase("inf")) return Double.POSITIVE_INFINITY;
        double v = n.isNumber() ? n.asDouble() : Double.NaN;
        if (n.isTextual()) try { v = Double.parseDouble(n.asText()); } catch (NumberFormatException e) { v = Double.NaN; }
        if (!(v > 0)) throw BadInputException.ofFile(f, "field 'request_rate' must be \"inf\" or a positive number, got " + n, null);
        return v;
    }

    private static double positive(String f, JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isNumber()) throw BadInputException.ofFile(f, "missing numeric field '" + field + "'", null);
        double v = n.asDouble();
        if (!(v > 0)) throw BadInputException.ofFile(f, "field '" + field + "' must be positive, got " + n.asText(), null);
        return v;
    }

    private static int[] ints(String f, JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isArray()) throw BadInputException.ofFile(f, "missing list field '" + field + "'", null);
        int[] a = new int[n.size()];
        for (int i = 0; i < a.length; i++) {
            if (!n.get(i).isNumber()) throw BadInputException.ofFile(f, field + "[" + i + "] must be a number, got " + n.get(i), null);
            a[i] = n.get(i).asInt();
        }
        return a;
    }

    private static double[] doubles(String f, JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isArray()) throw BadInputException.ofFile(f, "missing list field '" + field + "'", null);
        double[] a = new double[n.size()];
        for (int i = 0; i < a.length; i++) {
            if (!n.get(i).isNumber()) throw BadInputException.ofFile(f, field + "[" + i + "] must be a number, got " + n.get(i), null);
            a[i] = n.get(i).asDouble();
        }
        return a;
    }
}
