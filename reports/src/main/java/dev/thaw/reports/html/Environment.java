package dev.thaw.reports.html;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a result was computed: Java, OS and CPU. Reports print it so a figure can be reproduced and a change
 * across machines noticed.
 */
public record Environment(String java, String os, String cpuModel, int cpus, long maxHeapBytes) {

    public static Environment current() {
        Runtime rt = Runtime.getRuntime();
        return new Environment(
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name", "?") + ", "
                        + System.getProperty("java.vendor", "?") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                readCpuModel(), rt.availableProcessors(), rt.maxMemory());
    }

    /** The CPU model from /proc/cpuinfo (Linux); "unknown" elsewhere. */
    static String readCpuModel() {
        Path info = Path.of("/proc/cpuinfo");
        try {
            if (Files.isReadable(info))
                for (String line : Files.readAllLines(info)) {
                    if (line.startsWith("model name") || line.startsWith("Model") || line.startsWith("Hardware")) {
                        int colon = line.indexOf(':');
                        if (colon > 0) return line.substring(colon + 1).trim();
                    }
                }
        } catch (IOException | RuntimeException e) {
            // fall through: the model is informative only
        }
        return "unknown";
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Java", java);
        m.put("OS", os);
        m.put("CPU", cpuModel);
        m.put("CPUs available", Integer.toString(cpus));
        m.put("max heap", String.format(Locale.ROOT, "%.1f GiB", maxHeapBytes / (1024.0 * 1024 * 1024)));
        return m;
    }
}
