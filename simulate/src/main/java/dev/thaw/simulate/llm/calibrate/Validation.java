package dev.thaw.simulate.llm.calibrate;

import dev.thaw.simulate.llm.EngineProfile;
import dev.thaw.simulate.llm.perf.Calibration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Predicted against measured, per case and overall. Errors are relative: {@code (predicted - measured) / measured};
 * MAPE is the mean of their absolute values, bias their signed mean (negative = the simulator is optimistic), both in
 * percent, per metric over the cases that measured it.
 */
public record Validation(List<CaseResult> cases, Map<String, Double> mape, Map<String, Double> bias, Map<String, Integer> counts) {

    /** One case: its metrics measured and predicted, or why it could not be simulated. */
    public record CaseResult(MeasuredCase measuredCase, Map<String, Double> predicted, String problem) {
        public double error(String metric) {
            Double m = measuredCase.measured().get(metric), p = predicted.get(metric);
            return m == null || p == null || !(m > 0) ? Double.NaN : (p - m) / m;
        }
    }

    /** Simulates every case with the profile its engine generation maps to, replayed as the settings say. */
    public static Validation run(List<MeasuredCase> cases, Function<String, EngineProfile> profileOf, Calibration cal, ReplaySettings settings, long seed) {
        List<CaseResult> out = new ArrayList<>();
        for (MeasuredCase c : cases) {
            EngineProfile e = profileOf.apply(c.engine());
            String problem = CaseSimulator.problem(c, e, cal);
            out.add(new CaseResult(c, problem == null ? CaseSimulator.predict(c, e, cal, settings, seed) : Map.of(), problem));
        }
        return of(out);
    }

    public static Validation of(List<CaseResult> cases) {
        Map<String, double[]> acc = new TreeMap<>(); // metric -> {sum |err|, sum err, n}
        for (CaseResult r : cases)
            for (String metric : r.measuredCase().measured().keySet()) {
                double e = r.error(metric);
                if (Double.isNaN(e)) continue;
                double[] a = acc.computeIfAbsent(metric, k -> new double[3]);
                a[0] += Math.abs(e);
                a[1] += e;
                a[2]++;
            }
        Map<String, Double> mape = new LinkedHashMap<>(), bias = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        acc.forEach((k, a) -> {
            mape.put(k, 100 * a[0] / a[2]);
            bias.put(k, 100 * a[1] / a[2]);
            counts.put(k, (int) a[2]);
        });
        return new Validation(cases, mape, bias, counts);
    }

    /**
     * MAPE, bias and counts per collection of runs ({@link MeasuredCase#collection()}), for cases that name one:
     * collections come from different harnesses, and one can be off where another is not.
     */
    public Map<String, Object> byCollection() {
        Map<String, List<CaseResult>> groups = new TreeMap<>();
        for (CaseResult r : cases) if (!r.measuredCase().collection().isEmpty()) groups.computeIfAbsent(r.measuredCase().collection(), k -> new ArrayList<>()).add(r);
        Map<String, Object> out = new TreeMap<>();
        groups.forEach((k, rs) -> {
            Validation v = of(rs);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mape", v.mape());
            m.put("bias", v.bias());
            m.put("counts", v.counts());
            out.put(k, m);
        });
        return out;
    }

    /** The {@code --json} object: {@code cases}, {@code mape}, {@code bias} (percent), {@code counts}. */
    public Map<String, Object> toJson() {
        List<Map<String, Object>> cs = new ArrayList<>();
        for (CaseResult r : cases) {
            MeasuredCase c = r.measuredCase();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("case", c.id());
            o.put("source", c.source());
            if (!c.collection().isEmpty()) o.put("collection", c.collection());
            o.put("model", c.model());
            o.put("gpu", c.gpu());
            o.put("plan", c.plan().toString());
            o.put("engine", c.engine());
            if (c.load().closedLoop()) o.put("concurrency", c.load().concurrency());
            o.put("isl", c.load().meanPrompt());
            o.put("osl", c.load().meanOutput());
            o.put("measured", c.measured());
            Map<String, Double> pred = new LinkedHashMap<>(), err = new LinkedHashMap<>();
            for (String k : c.measured().keySet()) {
                if (r.predicted().containsKey(k)) pred.put(k, r.predicted().get(k));
                double e = r.error(k);
                if (!Double.isNaN(e)) err.put(k, 100 * e);
            }
            o.put("predicted", pred);
            o.put("error_pct", err);
            if (r.problem() != null) o.put("problem", r.problem());
            cs.add(o);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cases", cs);
        out.put("mape", mape);
        out.put("bias", bias);
        out.put("counts", counts);
        return out;
    }
}
