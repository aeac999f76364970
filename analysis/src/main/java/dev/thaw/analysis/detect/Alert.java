package dev.thaw.analysis.detect;

/**
 * One alert: a function behaved unlike its baseline from minute {@code startMinute} to {@code endMinute}
 * (inclusive, minutes since the trace's epoch). {@code score} is the peak in multiples of the alarm threshold;
 * {@code metrics} names the metrics that moved, e.g. {@code cpu_usage_avg x2.1;runtimeCost_avg x1.5}.
 */
public record Alert(String function, long startMinute, long endMinute, double score, String kind, String metrics, String explanation) {
    public static final String CSV_HEADER = "function,start_s,end_s,start_minute,end_minute,score,kind,metrics,explanation";

    public String csvRow() {
        return String.join(",", function, Long.toString(startMinute * 60), Long.toString(endMinute * 60 + 60),
                Long.toString(startMinute), Long.toString(endMinute), String.format(java.util.Locale.ROOT, "%.3f", score), kind,
                quote(metrics), quote(explanation));
    }

    private static String quote(String s) { return '"' + s.replace("\"", "\"\"") + '"'; }
}
