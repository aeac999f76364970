package dev.thaw.ingest.write;

import java.nio.file.Path;

/** The on-disk forms thaw writes. */
public enum OutputKind {
    PARQUET(".parquet"), ARROW(".arrow"), CSV(".csv");

    public final String extension;

    OutputKind(String extension) { this.extension = extension; }

    public static OutputKind parse(String s) {
        return switch (s.toLowerCase()) {
            case "parquet" -> PARQUET;
            case "arrow", "ipc", "feather" -> ARROW;
            case "csv" -> CSV;
            default -> throw new IllegalArgumentException("unknown output kind '" + s + "': expected parquet, arrow or csv");
        };
    }

    /** The kind a path asks for by its extension, or null for a folder. */
    public static OutputKind ofPath(Path p) {
        String n = p.getFileName().toString().toLowerCase();
        for (OutputKind k : values()) if (n.endsWith(k.extension)) return k;
        return null;
    }
}
