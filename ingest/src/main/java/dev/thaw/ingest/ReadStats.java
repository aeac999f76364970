package dev.thaw.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a read saw besides good rows: rows skipped by reason (with examples) and identity violations kept. */
public final class ReadStats {
    /** Skipped rows quoted in full (the first ones in input order). */
    public static final int EXAMPLES = 5;
    private final Map<String, Long> skippedByReason = new TreeMap<>();
    private final List<String> examples = new ArrayList<>();
    private final Map<String, Long> violations = new TreeMap<>();
    private long rowsIn;

    public void countIn() { rowsIn++; }
    public void countIn(long n) { rowsIn += n; }

    public void skipped(BadInputException e) {
        skippedByReason.merge(e.reason(), 1L, Long::sum);
        if (examples.size() < EXAMPLES) examples.add(e.getMessage());
    }

    /** Counts {@code n} more skipped rows of a reason without quoting them. */
    public void addSkipped(String reason, long n) { skippedByReason.merge(reason, n, Long::sum); }

    public void addViolations(Map<String, Long> v) { v.forEach((k, n) -> violations.merge(k, n, Long::sum)); }

    public long rowsIn() { return rowsIn; }
    public long rowsSkipped() { return skippedByReason.values().stream().mapToLong(Long::longValue).sum(); }
    public Map<String, Long> skippedByReason() { return skippedByReason; }
    public List<String> examples() { return examples; }
    public Map<String, Long> violations() { return violations; }
}
