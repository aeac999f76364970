package dev.thaw.simulate.llm.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thaw.ingest.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * inference-perf's {@code per_request_lifecycle_metrics.json}: a list of requests with {@code start_time} and
 * {@code end_time} (seconds), token counts and the time of the first token, wherever the release nests them
 * ({@code input_tokens}/{@code prompt_tokens}, {@code output_tokens}/{@code completion_tokens},
 * {@code time_to_first_token} or the first of {@code output_token_times}). Replayed open loop at the start times.
 * TPOT per request is (latency - TTFT) / (output - 1): streaming clients may count two events per token, so its
 * {@code inter_token_latency} is not trusted.
 */
public final class InferencePerfReader {
    private InferencePerfReader() {}

    public static boolean looksLike(JsonNode root) {
        if (root.isObject() && root.has("successes") && root.has("load_summary")) return true;
        return root.isArray() && root.size() > 0 && root.get(0).has("start_time") && root.get(0).has("end_time");
    }

    public static MeasuredCase read(Path file, JsonNode root, CaseSettings s) {
        String f = file.toString();
        if (root.isObject())
            throw BadInputException.ofFile(f, "an inference-perf summary has no per-request token counts; give its per_request_lifecycle_metrics.json", null);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode r = root.get(i);
            double start = num(f, i, r, "start_time"), end = num(f, i, r, "end_time");
            if (end < start) throw BadInputException.ofFile(f, "request " + i + ": end_time " + end + " is before start_time " + start, null);
            double in = find(r, "input_tokens", "prompt_tokens", "num_input_tokens"), out = find(r, "output_tokens", "completion_tokens", "num_output_tokens");
            if (!(in > 0)) throw BadInputException.ofFile(f, "request " + i + ": missing or non-positive input_tokens / prompt_tokens", null);
            if (!(out > 0)) throw BadInputException.ofFile(f, "request " + i + ": missing or non-positive output_tokens / completion_tokens", null);
            double ttft = find(r, "time_to_first_token");
            if (Double.isNaN(ttft)) {
                JsonNode times = findNode(r, "output_token_times");
                if (times != null && times.isArray() && times.size() > 0) ttft = times.get(0).asDouble() - start;
            }
            if (!(ttft >= 0) || start + ttft > end) throw BadInputException.ofFile(f, "request " + i + ": missing or negative time_to_first_token (or output_token_times)", null);
            rows.add(new double[] {start, in, out, ttft, end - start});
        }
        return PerRequestRows.toCase(rows, file.getParent() == null ? file.getFileName().toString() : file.getParent().getFileName().toString(), file.getFileName().toString(), s, f);
    }

    private static double num(String f, int i, JsonNode r, String field) {
        JsonNode v = r.get(field);
        if (v == null || !v.isNumber()) throw BadInputException.ofFile(f, "request " + i + ": missing numeric field '" + field + "'", null);
        if (!(v.asDouble() >= 0)) throw BadInputException.ofFile(f, "request " + i + ": field '" + field + "' must be non-negative, got " + v.asText(), null);
        return v.asDouble();
    }

    private static double find(JsonNode r, String... names) {
        for (String n : names) {
            JsonNode v = findNode(r, n);
            if (v != null && v.isNumber()) return v.asDouble();
        }
        return Double.NaN;
    }

    private static JsonNode findNode(JsonNode r, String name) {
        if (r.has(name)) return r.get(name);
        JsonNode v = r.findValue(name);
        return v;
    }
}
