package dev.thaw.analysis.table;

import dev.thaw.ingest.parquet.ParquetTableWriter;
import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.schema.TraceSchema;
import dev.thaw.ingest.write.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Writes result tables as Parquet through the ingest layer's writer (temporary file, then rename). */
public final class TableFiles {
    private TableFiles() {}

    /** Format id recorded in the Parquet metadata of analysis tables. */
    public static final String FORMAT_ID = "thaw-analysis-table";

    public static void writeParquet(ResultTable t, Path file) {
        TraceSchema schema = schemaOf(t);
        Path tmp = AtomicFiles.tempSibling(file);
        try (BufferAllocator a = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(schema.toArrow(), a)) {
            root.allocateNew();
            List<Object[]> rows = t.rows();
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < schema.size(); c++) {
                    Object o = rows.get(r)[c];
                    switch (schema.column(c).type()) {
                        case INT64 -> { if (o instanceof Number n) ((BigIntVector) root.getVector(c)).setSafe(r, n.longValue()); else ((BigIntVector) root.getVector(c)).setNull(r); }
                        case FLOAT64 -> {
                            if (o instanceof Number n && !Double.isNaN(n.doubleValue())) ((Float8Vector) root.getVector(c)).setSafe(r, n.doubleValue());
                            else ((Float8Vector) root.getVector(c)).setNull(r);
                        }
                        case STRING -> { if (o != null) ((VarCharVector) root.getVector(c)).setSafe(r, o.toString().getBytes(StandardCharsets.UTF_8)); else ((VarCharVector) root.getVector(c)).setNull(r); }
                    }
                }
            }
            root.setRowCount(rows.size());
            try (ParquetTableWriter w = new ParquetTableWriter(tmp, schema, FORMAT_ID)) {
                w.write(root);
            }
            AtomicFiles.moveIntoPlace(tmp, file);
        } catch (RuntimeException e) {
            try { java.nio.file.Files.deleteIfExists(tmp); } catch (java.io.IOException ignored) { /* best effort */ }
            throw e;
        }
    }

    /** Column types from the cells: all-integer columns are INT64, numbers FLOAT64, anything else STRING. */
    static TraceSchema schemaOf(ResultTable t) {
        List<ColumnSpec> cols = new ArrayList<>();
        for (int c = 0; c < t.columns().size(); c++) {
            boolean allLong = true, allNumber = true, any = false;
            for (Object[] r : t.rows()) {
                Object o = r[c];
                if (o == null) continue;
                any = true;
                if (!(o instanceof Long || o instanceof Integer)) allLong = false;
                if (!(o instanceof Number)) allNumber = false;
            }
            String name = t.columns().get(c);
            cols.add(!any ? ColumnSpec.string(name, "") : allLong ? ColumnSpec.int64(name, "") : allNumber ? ColumnSpec.float64(name, "") : ColumnSpec.string(name, ""));
        }
        return new TraceSchema(cols);
    }
}
