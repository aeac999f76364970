package dev.thaw.simulate.faas.policy;

import java.util.List;
import java.util.Locale;

/**
 * Builds policies from the command-line names of {@code thaw faas --policy}:
 * {@code fixed:DURATION} (e.g. {@code fixed:60s}, {@code fixed:10m}, {@code fixed:0}), {@code hybrid} (the paper's
 * representativeness test), {@code hybrid:min-count}, {@code hybrid:cv-and-count}, {@code greedy-dual[:MEM]} (memory
 * budget like {@code 64g} or {@code 4096m}; default 64 GiB), {@code prewarm[:LEAD[:FALLBACK]]} (defaults 30s, 60s).
 * Durations take a unit suffix {@code ms}, {@code s}, {@code m}, {@code h} (plain numbers are seconds).
 */
public final class KeepAlivePolicies {
    private KeepAlivePolicies() {}

    /** Policies of a standard comparison: the three fixed keep-alives of the big clouds, hybrid, Greedy-Dual. */
    public static final List<String> COMPARISON = List.of("fixed:60s", "fixed:10m", "fixed:20m", "hybrid", "greedy-dual");

    public static KeepAlivePolicy parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("empty keep-alive policy");
        String s = spec.trim().toLowerCase(Locale.ROOT);
        String[] parts = s.split(":");
        switch (parts[0]) {
            case "fixed":
                if (parts.length != 2) throw new IllegalArgumentException("fixed policy needs a duration, e.g. fixed:60s, got '" + spec + "'");
                return new FixedKeepAlive(parseDuration(parts[1]));
            case "hybrid":
                if (parts.length == 1 || parts[1].equals("paper")) return new HybridHistogramPolicy(HybridHistogramPolicy.Test.PAPER);
                if (parts[1].equals("min-count")) return new HybridHistogramPolicy(HybridHistogramPolicy.Test.MIN_COUNT);
                if (parts[1].equals("cv-and-count")) return new HybridHistogramPolicy(HybridHistogramPolicy.Test.CV_AND_COUNT);
                throw new IllegalArgumentException("unknown hybrid variant '" + parts[1] + "' (paper, min-count, cv-and-count)");
            case "greedy-dual":
                return new GreedyDualPolicy(parts.length > 1 ? parseMemoryMb(parts[1]) : 64 * 1024);
            case "prewarm":
                return new PeriodicPrewarmPolicy(parts.length > 1 ? parseDuration(parts[1]) : 30, parts.length > 2 ? parseDuration(parts[2]) : 60, 0.1);
            default:
                throw new IllegalArgumentException("unknown keep-alive policy '" + spec + "' (fixed:60s, fixed:10m, hybrid, greedy-dual[:MEM], prewarm)");
        }
    }

    /** Seconds from {@code 90}, {@code 90s}, {@code 500ms}, {@code 10m}, {@code 2h}. */
    public static double parseDuration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        double scale = 1;
        if (s.endsWith("ms")) { scale = 0.001; s = s.substring(0, s.length() - 2); }
        else if (s.endsWith("s")) s = s.substring(0, s.length() - 1);
        else if (s.endsWith("m")) { scale = 60; s = s.substring(0, s.length() - 1); }
        else if (s.endsWith("h")) { scale = 3600; s = s.substring(0, s.length() - 1); }
        try {
            double d = Double.parseDouble(s) * scale;
            if (!(d >= 0) || Double.isInfinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad duration '" + v + "': expected a number >= 0 with ms, s, m or h");
        }
    }

    /** MB from {@code 4096}, {@code 4096m}, {@code 64g}. */
    public static double parseMemoryMb(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        double scale = 1;
        if (s.endsWith("gb") || s.endsWith("g")) { scale = 1024; s = s.replaceAll("gb?$", ""); }
        else if (s.endsWith("mb") || s.endsWith("m")) s = s.replaceAll("mb?$", "");
        try {
            double d = Double.parseDouble(s) * scale;
            if (!(d > 0) || Double.isInfinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad memory size '" + v + "': expected a positive number with m or g");
        }
    }

    static String formatDuration(double s) {
        if (s == Math.rint(s)) {
            long l = (long) s;
            if (l >= 3600 && l % 3600 == 0) return (l / 3600) + "h";
            if (l >= 600 && l % 60 == 0) return (l / 60) + "m";  // 60s stays 60s, as users write it
            return l + "s";
        }
        return s + "s";
    }

    static String formatMemory(double mb) {
        if (mb % 1024 == 0) return (long) (mb / 1024) + "g";
        return mb == Math.rint(mb) ? (long) mb + "m" : mb + "m";
    }
}
