package dev.thaw.simulate.llm;

import java.util.Locale;

/** How arriving requests are spread over data-parallel replicas. */
public enum RouterPolicy {
    /** Replica i mod dp. */
    ROUND_ROBIN,
    /** The replica with the fewest unfinished requests (ties: lowest index). */
    LEAST_OUTSTANDING,
    /** The replica whose prefix cache holds the longest prefix of the request (ties: least outstanding). */
    PREFIX_AWARE;

    public static RouterPolicy parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "round-robin", "rr" -> ROUND_ROBIN;
            case "least-outstanding", "lor", "least-loaded" -> LEAST_OUTSTANDING;
            case "prefix-aware", "prefix", "kv-aware" -> PREFIX_AWARE;
            default -> throw new IllegalArgumentException("unknown router '" + s + "': expected round-robin, least-outstanding or prefix-aware");
        };
    }
}
