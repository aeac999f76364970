package dev.thaw.simulate.search;

import dev.thaw.workload.llm.LlmRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The requests every plan is evaluated on, sorted by arrival, with a name for reports. */
public record Workload(String name, List<LlmRequest> requests) {
    public Workload {
        if (requests.isEmpty()) throw new IllegalArgumentException("workload " + name + " has no requests");
        List<LlmRequest> sorted = new ArrayList<>(requests);
        sorted.sort(Comparator.comparingDouble(LlmRequest::arrivalS).thenComparingLong(LlmRequest::id));
        requests = List.copyOf(sorted);
    }

    public int size() { return requests.size(); }

    public double firstArrivalS() { return requests.get(0).arrivalS(); }

    public double lastArrivalS() { return requests.get(requests.size() - 1).arrivalS(); }

    /** Mean arrival rate over the span of arrivals (requests per second). */
    public double ratePerS() {
        double span = lastArrivalS() - firstArrivalS();
        return span > 0 ? (size() - 1) / span : Double.POSITIVE_INFINITY;
    }

    /** Total tokens the plan must generate. */
    public long outputTokens() {
        long n = 0;
        for (LlmRequest r : requests) n += r.outputTokens();
        return n;
    }

    /** The longest request in tokens (prompt plus output): KV for it must fit on one replica. */
    public int longestRequestTokens() {
        int m = 0;
        for (LlmRequest r : requests) m = Math.max(m, r.promptTokens() + r.outputTokens());
        return m;
    }

    /**
     * The same requests arriving {@code scale} times as fast (gaps divided by scale, first arrival kept), the
     * rate-scale knob used for finding a plan's maximum sustainable rate.
     */
    public Workload rateScaled(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) throw new IllegalArgumentException("rate scale must be positive and finite, got " + scale);
        double t0 = firstArrivalS();
        List<LlmRequest> out = new ArrayList<>(requests.size());
        for (LlmRequest r : requests)
            out.add(new LlmRequest(r.id(), t0 + (r.arrivalS() - t0) / scale, r.promptTokens(), r.outputTokens(), r.prefixBlocks()));
        return new Workload(name + "@x" + scale, out);
    }
}
