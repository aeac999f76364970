package dev.thaw.analysis.coldstart;

import java.util.ArrayList;
import java.util.List;

/**
 * What cold starts can be grouped by. Pool is the podID's pool (CPU millicores and memory MB); size is small
 * (at most 400 millicores and 256 MB) or large; runtime and trigger come from the function metadata joined on
 * funcID; hour is the hour of day (0..23) of the cold start.
 */
public enum Dimension {
    REGION("region"), CLUSTER("clusterName"), DAY("day"), HOUR("hour"), POOL("pool"), SIZE("size"),
    RUNTIME("runtime"), TRIGGER("trigger");

    private final String id;

    Dimension(String id) { this.id = id; }

    public String id() { return id; }

    public static Dimension parse(String s) {
        String t = s.trim();
        for (Dimension d : values()) if (d.id.equalsIgnoreCase(t) || d.name().equalsIgnoreCase(t)) return d;
        if (t.equalsIgnoreCase("cluster")) return CLUSTER;
        if (t.equalsIgnoreCase("poolName")) return POOL;
        if (t.equalsIgnoreCase("triggerType") || t.equalsIgnoreCase("triggerType-invocationType")) return TRIGGER;
        throw new IllegalArgumentException("unknown group-by column '" + s + "' (expected region, clusterName, day, hour, pool, size, runtime or trigger)");
    }

    /** Parses "region,pool" into a grouping; empty string gives the whole-trace grouping. */
    public static List<Dimension> parseList(String csv) {
        List<Dimension> out = new ArrayList<>();
        if (csv == null || csv.isBlank()) return out;
        for (String p : csv.split("[,+]")) {
            Dimension d = parse(p);
            if (!out.contains(d)) out.add(d);
        }
        return out;
    }

    public static final double SMALL_MAX_MILLICORES = 400, SMALL_MAX_MB = 256;
}
