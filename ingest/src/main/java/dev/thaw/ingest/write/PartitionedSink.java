package dev.thaw.ingest.write;

import dev.thaw.ingest.schema.TraceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes a table as Hive-style partitions ({@code region=R2/day=7/part-00000.parquet}) when it has region and/or
 * day columns, or as a single file otherwise. Everything goes to a temporary folder that replaces the target on
 * commit. At most {@link #MAX_OPEN} partitions are open at once (a later return to one starts a new part file), so
 * memory stays bounded whatever the input.
 */
public final class PartitionedSink implements TableSink {
    static final int MAX_OPEN = 8;
    /**
     * The partition of missing values: DuckDB writes and reads {@code NULL} as null (it reads a {@code __null__} or
     * Hive's {@code __HIVE_DEFAULT_PARTITION__} folder as that very string, overriding the column in the file).
     */
    public static final String NULL_PARTITION = "NULL";

    private final Path target;
    private final Path temp;
    private final OutputKind kind;
    private final TraceSchema schema;
    private final String formatId;
    private final int regionCol, dayCol;
    private final LinkedHashMap<String, FileWriterOfKind> open = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Integer> partsPerKey = new LinkedHashMap<>();
    private final List<Path> files = new ArrayList<>();
    private boolean done;

    public PartitionedSink(Path target, OutputKind kind, TraceSchema schema, String formatId, boolean partition) {
        this.target = target;
        this.kind = kind;
        this.schema = schema;
        this.formatId = formatId;
        this.regionCol = partition ? schema.indexOf("region") : -1;
        this.dayCol = partition ? schema.indexOf("day") : -1;
        this.temp = AtomicFiles.tempSibling(target);
        try {
            Files.createDirectories(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + temp, e);
        }
    }

    @Override public void write(VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        VarCharVector region = regionCol >= 0 ? (VarCharVector) batch.getVector(regionCol) : null;
        BigIntVector day = dayCol >= 0 ? (BigIntVector) batch.getVector(dayCol) : null;
        int runStart = 0;
        String runKey = null;
        byte[] lastRegion = null;
        long lastDay = Long.MIN_VALUE;
        boolean lastRegionNull = false, lastDayNull = false;
        for (int i = 0; i <= n; i++) {
            String key;
            if (i == n) key = null;
            else {
                // Cheap run detection: only build a key string when region or day changes.
                byte[] r = region == null || region.isNull(i) ? null : region.get(i);
                boolean rn = r == null;
                long d = day == null || day.isNull(i) ? Long.MIN_VALUE : day.get(i);
                boolean dn = d == Long.MIN_VALUE;
                if (i > runStart && rn == lastRegionNull && dn == lastDayNull && d == lastDay && java.util.Arrays.equals(r, lastRegion)) continue;
                lastRegion = r; lastRegionNull = rn; lastDay = d; lastDayNull = dn;
                key = partitionPath(r, d);
            }
            if (i > runStart && !Objects.equals(key, runKey)) {
                writer(runKey).write(batch, runStart, i);
                runStart = i;
            }
            runKey = key;
        }
    }

    private String partitionPath(byte[] region, long day) {
        StringBuilder sb = new StringBuilder();
        if (regionCol >= 0) sb.append("region=").append(region == null ? NULL_PARTITION : new String(region, StandardCharsets.UTF_8)).append('/');
        if (dayCol >= 0) sb.append("day=").append(day == Long.MIN_VALUE ? NULL_PARTITION : Long.toString(day)).append('/');
        return sb.toString();
    }

    private FileWriterOfKind writer(String key) {
        FileWriterOfKind w = open.get(key);
        if (w != null) return w;
        if (open.size() >= MAX_OPEN) {
            Map.Entry<String, FileWriterOfKind> eldest = open.entrySet().iterator().next();
            eldest.getValue().close();
            open.remove(eldest.getKey());
        }
        int part = partsPerKey.merge(key, 1, Integer::sum) - 1;
        Path dir = temp.resolve(key);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        Path file = dir.resolve(String.format("part-%05d%s", part, kind.extension));
        w = new FileWriterOfKind(file, kind, schema, formatId);
        open.put(key, w);
        files.add(target.resolve(key).resolve(file.getFileName()));
        return w;
    }

    /** The files the committed output holds. */
    public List<Path> files() { return files; }

    @Override public void commit() {
        for (FileWriterOfKind w : open.values()) w.close();
        open.clear();
        AtomicFiles.moveIntoPlace(temp, target);
        done = true;
    }

    @Override public void abort() {
        if (done) return;
        for (FileWriterOfKind w : open.values()) {
            try { w.close(); } catch (RuntimeException ignored) { }
        }
        open.clear();
        AtomicFiles.deleteRecursively(temp);
        done = true;
    }
}
