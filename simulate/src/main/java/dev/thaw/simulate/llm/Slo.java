package dev.thaw.simulate.llm;

/** Latency objectives for goodput: a request counts when its TTFT and its TPOT both meet them. */
public record Slo(double ttftMs, double tpotMs) {
    /** 2 s to first token and 100 ms per output token: common interactive-chat targets (e.g. DistServe, Mooncake evaluations). */
    public static final Slo DEFAULT = new Slo(2000, 100);

    public Slo {
        if (!(ttftMs > 0) || !(tpotMs > 0)) throw new IllegalArgumentException("SLOs must be positive: ttft " + ttftMs + " ms, tpot " + tpotMs + " ms");
    }
}
