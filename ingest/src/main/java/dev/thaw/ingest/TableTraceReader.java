package dev.thaw.ingest;

import dev.thaw.ingest.arrow.ArrowTableReader;
import dev.thaw.ingest.parquet.ParquetTableReader;
import dev.thaw.ingest.schema.TraceSchema;
import dev.thaw.ingest.source.SourceFile;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Reads thaw's own output (Parquet or Arrow IPC files, e.g. the partitions of one table) as one stream of batches. */
final class TableTraceReader implements TraceReader {
    private final List<SourceFile> files;
    private final List<String> columns;
    private final BufferAllocator allocator = new RootAllocator();
    private final ReadStats stats = new ReadStats();
    private final TraceFormat format;
    private final TraceSchema schema;
    private int nextFile;
    private ParquetTableReader parquet;
    private ArrowTableReader arrow;
    private VectorSchemaRoot parquetRoot;
    private VectorSchemaRoot current;
    private long rowsRead, rowInFile;

    TableTraceReader(List<SourceFile> files, List<String> columns) {
        this.files = files;
        this.columns = columns;
        openNext();
        TraceSchema s = parquet != null ? parquet.schema() : TraceSchema.fromArrow(arrow.root().getSchema());
        String id = parquet != null ? parquet.formatId() : arrow.formatId();
        TraceFormat known = null;
        if (id != null) {
            try { known = Formats.byId(id); } catch (IllegalArgumentException ignored) { }
        }
        this.schema = s;
        this.format = known != null && columns == null ? known : new TableFormat(s);
    }

    private boolean openNext() {
        closeCurrent();
        if (nextFile >= files.size()) return false;
        SourceFile f = files.get(nextFile++);
        String name = f.leafName().toLowerCase();
        if (name.endsWith(".parquet")) {
            parquet = new ParquetTableReader(f.path(), columns, 1 << 16);
            if (schema != null && !parquet.schema().equals(schema))
                throw BadInputException.ofFile(f.displayName(), "schema " + parquet.schema() + " differs from the first file's " + schema, null);
            if (parquetRoot == null) parquetRoot = parquet.newRoot(allocator);
        } else {
            arrow = new ArrowTableReader(f.path(), allocator);
        }
        return true;
    }

    private void closeCurrent() {
        if (parquet != null) { parquet.close(); parquet = null; }
        if (arrow != null) { arrow.close(); arrow = null; }
    }

    @Override public TraceFormat format() { return format; }
    @Override public Schema schema() { return schema.toArrow(); }
    @Override public VectorSchemaRoot root() { return current; }
    @Override public long rowsRead() { return rowsRead; }
    @Override public ReadStats stats() { return stats; }

    @Override public boolean next() {
        while (true) {
            try {
                if (parquet != null && parquet.next(parquetRoot)) { current = parquetRoot; break; }
                if (arrow != null && arrow.next()) { current = arrow.root(); break; }
            } catch (BadInputException e) {
                throw e;
            } catch (RuntimeException e) {  // a damaged page: a decoder error, never a half-read batch
                throw BadInputException.ofFile(files.get(nextFile - 1).displayName() + " (after row " + rowInFile + ")",
                        "corrupt data page (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
            }
            if (!openNext()) return false;
            rowInFile = 0;
        }
        validate(current);
        rowInFile += current.getRowCount();
        rowsRead += current.getRowCount();
        stats.countIn(current.getRowCount());
        return true;
    }

    /**
     * A page damaged in a way its checksum-less encoding does not notice decodes to garbage: refuse numbers no trace
     * holds (infinite or NaN floats; a negative or non-finite time in the format's time column) rather than pass them on.
     */
    private void validate(VectorSchemaRoot root) {
        if (format instanceof TableFormat) return;  // a plain table (results, logs) may hold NaN on purpose
        int n = root.getRowCount();
        String timeCol = format.timeColumn();
        for (org.apache.arrow.vector.FieldVector v : root.getFieldVectors()) {
            if (!(v instanceof org.apache.arrow.vector.Float8Vector f)) continue;
            boolean time = v.getName().equals(timeCol);
            for (int i = 0; i < n; i++) {
                if (f.isNull(i)) continue;
                double x = f.get(i);
                if (!Double.isFinite(x) || (time && x < 0))
                    throw new BadInputException(files.get(nextFile - 1).displayName() + " (row " + (rowInFile + i + 1) + ")", 0, v.getName(), Double.toString(x),
                            time ? "a finite time >= 0 (the file is damaged)" : "a finite number (the file is damaged)");
            }
        }
    }

    @Override public void close() {
        closeCurrent();
        if (parquetRoot != null) parquetRoot.close();
        allocator.close();
    }
}
