package dev.thaw.simulate.search;

/** Service-level objective on time to first token and time per output token, in seconds. */
public record Slo(double ttftS, double tpotS) {
    public Slo {
        if (!(ttftS > 0) || !(tpotS > 0)) throw new IllegalArgumentException("SLOs must be positive, got TTFT " + ttftS + " s, TPOT " + tpotS + " s");
    }

    /** A loose default for interactive chat: 2 s to first token, 100 ms per token. */
    public static final Slo DEFAULT = new Slo(2.0, 0.1);
}
