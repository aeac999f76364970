package dev.thaw.ingest.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts the Huawei and Azure layouts keep only in paths: the region (an {@code R<n>} folder or archive name),
 * the day ({@code day_NN.csv}, {@code .dNN.csv}) and the metric (the folder of a wide per-minute file).
 */
public record PathHints(String region, Integer day, String metric) {
    private static final Pattern REGION = Pattern.compile("(?:^|[/\\\\_.\\-])(R[0-9]{1,2})(?=$|[/\\\\_.\\-])");
    private static final Pattern DAY = Pattern.compile("(?:day_|\\.d)([0-9]{1,3})\\.(?:csv|jsonl|parquet|arrow|feather)");

    public static final PathHints NONE = new PathHints(null, null, null);

    /** Reads hints from the full path (archive path plus member path). The innermost region wins. */
    public static PathHints of(String fullPath) {
        String p = fullPath.replace('\\', '/');
        String region = null;
        Matcher m = REGION.matcher(p);
        while (m.find()) region = m.group(1);
        Integer day = null;
        Matcher d = DAY.matcher(p);
        while (d.find()) day = Integer.parseInt(d.group(1));
        String metric = null;
        String[] parts = p.split("/");
        if (parts.length >= 2) {
            String parent = parts[parts.length - 2];
            if (!parent.matches("R[0-9]{1,2}") && !parent.isEmpty()) metric = parent;
            // quantiles/R2/<metric>/day_NN.csv and private_dataset/<metric>_minute/day_NNN.csv
        }
        return new PathHints(region, day, metric);
    }
}
