package dev.thaw.ingest.write;

import dev.thaw.ingest.schema.TraceSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Writes batches as CSV with a header; missing values are empty cells; text is quoted only when it must be. */
public final class CsvTableWriter implements AutoCloseable {
    private final BufferedWriter out;

    public CsvTableWriter(Path path, TraceSchema schema) {
        try {
            out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            out.write(String.join(",", schema.names().stream().map(CsvTableWriter::quote).toList()));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    public void write(VectorSchemaRoot batch) {
        try {
            int cols = batch.getFieldVectors().size();
            for (int i = 0; i < batch.getRowCount(); i++) {
                for (int c = 0; c < cols; c++) {
                    if (c > 0) out.write(',');
                    FieldVector v = batch.getVector(c);
                    if (v.isNull(i)) continue;
                    if (v instanceof Float8Vector f) out.write(Double.toString(f.get(i)));
                    else if (v instanceof BigIntVector b) out.write(Long.toString(b.get(i)));
                    else out.write(quote(new String(((VarCharVector) v).get(i), StandardCharsets.UTF_8)));
                }
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    @Override public void close() {
        try { out.close(); } catch (IOException e) { throw new UncheckedIOException(e); }
    }
}
