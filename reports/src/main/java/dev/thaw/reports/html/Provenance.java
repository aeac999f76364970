package dev.thaw.reports.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a report was computed from and how: inputs, thaw version, seed, command, environment and (optionally) the
 * time. Leave the time unset to get byte-identical reports from identical inputs.
 */
public final class Provenance {
    private final List<String> inputs;
    private final String version;
    private final Long seed;
    private final String command;
    private final Instant generatedAt;
    private final Environment environment;
    private final Map<String, String> extra;

    private Provenance(Builder b) {
        this.inputs = List.copyOf(b.inputs);
        this.version = b.version;
        this.seed = b.seed;
        this.command = b.command;
        this.generatedAt = b.generatedAt;
        this.environment = b.environment;
        this.extra = new LinkedHashMap<>(b.extra);
    }

    public static Builder builder() { return new Builder(); }

    public List<String> inputs() { return inputs; }
    public String version() { return version; }
    /** The seed of the random processes behind the result, or null when none was involved. */
    public Long seed() { return seed; }
    public String command() { return command; }
    public Instant generatedAt() { return generatedAt; }
    public Environment environment() { return environment; }

    /** Rows for the provenance table, in a stable order. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("thaw version", version);
        m.put("seed", seed == null ? "none (no random process)" : Long.toString(seed));
        if (command != null) m.put("command", command);
        if (generatedAt != null) m.put("generated", generatedAt.toString());
        m.putAll(extra);
        m.putAll(environment.asMap());
        return m;
    }

    /** The version this build of thaw carries (from the Maven project version). */
    public static String thawVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/dev/thaw/reports/version.properties")) {
            if (in == null) return "dev";
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class Builder {
        private final List<String> inputs = new ArrayList<>();
        private String version = thawVersion();
        private Long seed;
        private String command;
        private Instant generatedAt;
        private Environment environment = Environment.current();
        private final Map<String, String> extra = new LinkedHashMap<>();

        /** An input file or folder; its size is recorded when it exists. */
        public Builder input(Path path) {
            String s = path.toString();
            try {
                if (Files.isRegularFile(path)) s += " (" + String.format(java.util.Locale.ROOT, "%,d", Files.size(path)) + " bytes)";
            } catch (IOException e) {
                // the size is informative only
            }
            inputs.add(s);
            return this;
        }

        /** An input described in words, e.g. a dataset name or a generated workload spec. */
        public Builder input(String description) { inputs.add(description); return this; }

        public Builder version(String version) { this.version = version; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder command(String command) { this.command = command; return this; }
        public Builder generatedAt(Instant at) { this.generatedAt = at; return this; }
        public Builder environment(Environment environment) { this.environment = environment; return this; }
        /** Any other setting worth recording (model, GPU, cluster, objective). */
        public Builder setting(String name, String value) { extra.put(name, value); return this; }

        public Provenance build() { return new Provenance(this); }
    }
}
