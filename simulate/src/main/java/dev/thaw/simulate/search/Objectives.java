package dev.thaw.simulate.search;

import dev.thaw.simulate.llm.Slo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The objectives the CLI names: {@code ttft|tpot|e2e} with {@code -mean|-p50|-p90|-p95|-p99}, {@code throughput}
 * (output tokens/s), {@code goodput} (requests/s meeting the SLO), {@code energy} (J per output token),
 * {@code cost} ($ per million output tokens), and {@code mix:NAME=W,NAME=W} (a weighted sum, each term divided by
 * its value on a reference outcome so that units cancel).
 */
public final class Objectives {
    private Objectives() {}

    public static final List<String> NAMES = List.of("ttft-mean", "ttft-p99", "tpot-mean", "tpot-p99", "e2e-p99",
            "throughput", "goodput", "energy", "cost");

    /** Parses a single (non-mix) objective. */
    public static Objective parse(String spec, Slo slo) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "throughput": return new Throughput();
            case "goodput": return new Goodput(slo);
            case "energy": return new EnergyPerToken();
            case "cost": return new CostPerMillion();
            default: break;
        }
        int dash = s.indexOf('-');
        if (dash > 0) {
            Latency.Metric m = switch (s.substring(0, dash)) {
                case "ttft" -> Latency.Metric.TTFT;
                case "tpot" -> Latency.Metric.TPOT;
                case "e2e" -> Latency.Metric.E2E;
                default -> null;
            };
            String stat = s.substring(dash + 1);
            if (m != null && List.of("mean", "p50", "p90", "p95", "p99").contains(stat)) return new Latency(m, stat);
        }
        throw new IllegalArgumentException("unknown objective '" + spec + "': expected one of " + NAMES
                + " (or ttft|tpot|e2e with -mean|-p50|-p90|-p95|-p99, or mix:NAME=W,...)");
    }

    public static boolean isMix(String spec) { return spec.trim().toLowerCase(Locale.ROOT).startsWith("mix:"); }

    /** Parses {@code mix:ttft-mean=1,throughput=0.5}; each term is normalised by its value on {@code reference}. */
    public static Objective mix(String spec, Slo slo, Figures reference) {
        String body = spec.trim().substring(4);
        List<Objective> terms = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (String part : body.split(",")) {
            String[] kv = part.split("=");
            if (kv.length != 2) throw new IllegalArgumentException("mix term '" + part + "': expected NAME=WEIGHT");
            double w;
            try { w = Double.parseDouble(kv[1].trim()); } catch (NumberFormatException e) {
                throw new IllegalArgumentException("mix term '" + part + "': weight is not a number");
            }
            if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("mix term '" + part + "': weight must be finite and >= 0");
            terms.add(parse(kv[0], slo));
            weights.add(w);
        }
        if (terms.isEmpty()) throw new IllegalArgumentException("mix objective has no terms");
        double[] norm = new double[terms.size()];
        for (int i = 0; i < norm.length; i++) {
            double v = Math.abs(terms.get(i).score(reference));
            norm[i] = v > 0 && Double.isFinite(v) ? v : 1.0;
        }
        return new Weighted(List.copyOf(terms), weights.stream().mapToDouble(Double::doubleValue).toArray(), norm, spec.trim());
    }

    /** A latency statistic in seconds (shown in ms). */
    public record Latency(Metric metric, String stat) implements Objective {
        public enum Metric { TTFT, TPOT, E2E }

        @Override public String name() { return metric.name().toLowerCase(Locale.ROOT) + "-" + stat; }

        @Override public double score(Figures f) {
            double[] v = switch (metric) { case TTFT -> f.ttftS(); case TPOT -> f.tpotS(); case E2E -> f.e2eS(); };
            Stats s = Stats.of(v);
            double x = switch (stat) {
                case "mean" -> s.mean();
                case "p50" -> s.p50();
                case "p90" -> s.p90();
                case "p95" -> s.p95();
                default -> s.p99();
            };
            return Double.isNaN(x) ? Double.POSITIVE_INFINITY : x;
        }

        @Override public double value(Figures f) { return score(f) * 1e3; }

        @Override public String unit() { return "ms"; }
    }

    public record Throughput() implements Objective {
        @Override public String name() { return "throughput"; }
        @Override public double score(Figures f) { return -f.outputTokensPerS(); }
        @Override public double value(Figures f) { return f.outputTokensPerS(); }
        @Override public String unit() { return "output tok/s"; }
        @Override public boolean maximised() { return true; }
    }

    public record Goodput(Slo slo) implements Objective {
        @Override public String name() { return "goodput"; }
        @Override public double score(Figures f) { return -f.goodputReqPerS(slo); }
        @Override public double value(Figures f) { return f.goodputReqPerS(slo); }
        @Override public String unit() { return "req/s within SLO"; }
        @Override public boolean maximised() { return true; }
    }

    public record EnergyPerToken() implements Objective {
        @Override public String name() { return "energy"; }
        @Override public double score(Figures f) { return f.energyPerTokenJ(); }
        @Override public double value(Figures f) { return f.energyPerTokenJ(); }
        @Override public String unit() { return "J/output token"; }
    }

    public record CostPerMillion() implements Objective {
        @Override public String name() { return "cost"; }
        @Override public double score(Figures f) { return f.costPerMillionTokensUsd(); }
        @Override public double value(Figures f) { return f.costPerMillionTokensUsd(); }
        @Override public String unit() { return "$/M output tokens"; }
    }

    /** Weighted sum of normalised scores; monotone because every term is and weights are non-negative. */
    public record Weighted(List<Objective> terms, double[] weights, double[] norms, String name) implements Objective {
        @Override public double score(Figures f) {
            double s = 0;
            for (int i = 0; i < weights.length; i++) if (weights[i] > 0) s += weights[i] * terms.get(i).score(f) / norms[i];
            return s;
        }
        @Override public double value(Figures f) { return score(f); }
        @Override public String unit() { return "weighted score"; }
    }
}
