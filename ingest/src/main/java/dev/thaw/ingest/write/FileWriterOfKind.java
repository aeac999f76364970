package dev.thaw.ingest.write;

import dev.thaw.ingest.arrow.ArrowTableWriter;
import dev.thaw.ingest.parquet.ParquetTableWriter;
import dev.thaw.ingest.schema.TraceSchema;
import java.nio.file.Path;
import org.apache.arrow.vector.VectorSchemaRoot;

/** One output file of any kind, written row range by row range. */
final class FileWriterOfKind implements AutoCloseable {
    private final ParquetTableWriter parquet;
    private final ArrowTableWriter arrow;
    private final CsvTableWriter csv;

    FileWriterOfKind(Path path, OutputKind kind, TraceSchema schema, String formatId) {
        parquet = kind == OutputKind.PARQUET ? new ParquetTableWriter(path, schema, formatId) : null;
        arrow = kind == OutputKind.ARROW ? new ArrowTableWriter(path, schema, formatId) : null;
        csv = kind == OutputKind.CSV ? new CsvTableWriter(path, schema) : null;
    }

    void write(VectorSchemaRoot batch, int from, int to) {
        if (parquet != null) { parquet.write(batch, from, to); return; }
        VectorSchemaRoot part = from == 0 && to == batch.getRowCount() ? batch : batch.slice(from, to - from);
        try {
            if (arrow != null) arrow.write(part); else csv.write(part);
        } finally {
            if (part != batch) part.close();
        }
    }

    @Override public void close() {
        if (parquet != null) parquet.close();
        if (arrow != null) arrow.close();
        if (csv != null) csv.close();
    }
}
