package dev.thaw.simulate.llm.calibrate;

import dev.thaw.ingest.BadInputException;
import dev.thaw.simulate.llm.ParallelPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One open-loop measured case from per-request rows {start s, prompt tokens, output tokens, TTFT s, end-to-end s},
 * the shape every per-request measurement file (inference-perf, a plain CSV) comes down to. TPOT per request is
 * (end-to-end - TTFT) / (output tokens - 1), as vLLM's benchmark counts it.
 */
final class PerRequestRows {
    private PerRequestRows() {}

    static MeasuredCase toCase(List<double[]> rows, String name, String source, CaseSettings s, String f) {
        if (rows.isEmpty()) throw BadInputException.ofFile(f, "no requests", null);
        List<double[]> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingDouble(r -> r[0]));
        int n = sorted.size();
        int[] in = new int[n], out = new int[n];
        double[] at = new double[n], ttfts = new double[n], e2es = new double[n];
        List<Double> tpots = new ArrayList<>();
        double first = sorted.get(0)[0];
        for (int i = 0; i < n; i++) {
            double[] r = sorted.get(i);
            at[i] = r[0] - first;
            in[i] = (int) r[1];
            out[i] = (int) r[2];
            ttfts[i] = r[3] * 1e3;
            e2es[i] = r[4];
            if (out[i] > 1) tpots.add((r[4] - r[3]) / (out[i] - 1) * 1e3);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        VllmBenchReader.put(m, "ttft_ms", ttfts);
        if (!tpots.isEmpty()) VllmBenchReader.put(m, "tpot_ms", tpots.stream().mapToDouble(Double::doubleValue).toArray());
        VllmBenchReader.put(m, "e2e_s", e2es);
        MeasuredCase.Load load = new MeasuredCase.Load(0, Double.NaN, 1, in, out, at);
        return new MeasuredCase(name, source, s.require("model", s.model(), f), s.require("gpu", s.gpu(), f),
                s.plan() != null ? s.plan() : new ParallelPlan(1, 1, 1), s.weights(), s.kv(), s.engine(), "", s.maxNumSeqs(),
                s.maxBatchedTokens(), load, m);
    }
}
