package dev.thaw.ingest.parquet;

import dev.thaw.ingest.BadInputException;
import dev.thaw.ingest.schema.TraceSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Reads a Parquet file column chunk by column chunk into Arrow batches, optionally only some columns. This avoids
 * Parquet-Java's row-by-row record assembly, which is several times slower.
 */
public final class ParquetTableReader implements AutoCloseable {
    private final Path path;
    private final ParquetFileReader file;
    private final MessageType projected;
    private final TraceSchema schema;
    private final List<ColumnDescriptor> columns;
    private final String formatId;
    private final int batchRows;
    private PageReadStore rowGroup;
    private ColumnReadStoreImpl store;
    private ColumnReader[] readers;
    private PlainNumberCursor[] plain;
    private int groupIndex = -1;
    private long rowsLeftInGroup;

    public ParquetTableReader(Path path, List<String> columnNames, int batchRows) {
        this.path = path;
        this.batchRows = batchRows;
        try {
            ParquetReadOptions opts = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
            file = new ParquetFileReader(new LocalInputFile(path), opts);
        } catch (IOException | RuntimeException e) {
            throw BadInputException.ofFile(path.toString(), "not a readable Parquet file (" + e.getMessage() + ")", e);
        }
        MessageType full = file.getFooter().getFileMetaData().getSchema();
        Map<String, String> kv = file.getFooter().getFileMetaData().getKeyValueMetaData();
        formatId = kv.get(ParquetTableWriter.FORMAT_KEY);
        if (columnNames == null) {
            projected = full;
        } else {
            List<org.apache.parquet.schema.Type> fields = new ArrayList<>();
            for (String c : columnNames) {
                if (!full.containsField(c)) {
                    close();
                    throw BadInputException.ofFile(path.toString(), "no column '" + c + "' (columns: " + full.getFields().stream().map(org.apache.parquet.schema.Type::getName).toList() + ")", null);
                }
                fields.add(full.getType(c));
            }
            projected = new MessageType(full.getName(), fields);
        }
        file.setRequestedSchema(projected);
        schema = TraceSchema.fromParquet(projected);
        columns = projected.getColumns();
    }

    public TraceSchema schema() { return schema; }

    /** The thaw format id the file was written from, or null for foreign Parquet. */
    public String formatId() { return formatId; }

    public long rowCount() { return file.getRecordCount(); }

    /** Fills {@code root} (whose schema is {@link #schema()}) with the next rows; false at the end. */
    public boolean next(VectorSchemaRoot root) {
        try {
            while (rowsLeftInGroup == 0) {
                rowGroup = file.readNextRowGroup();
                if (rowGroup == null) return false;
                rowsLeftInGroup = rowGroup.getRowCount();
                groupIndex++;
                store = new ColumnReadStoreImpl(rowGroup, new GroupRecordConverter(projected).getRootConverter(), projected, null);
                readers = new ColumnReader[columns.size()];
                plain = new PlainNumberCursor[columns.size()];
                for (int c = 0; c < readers.length; c++) {
                    ColumnDescriptor d = columns.get(c);
                    if (isPlainNumeric(d)) plain[c] = new PlainNumberCursor(rowGroup.getPageReader(d), d.getMaxDefinitionLevel());
                    else readers[c] = store.getColumnReader(d);
                }
            }
        } catch (IOException e) {
            throw BadInputException.ofFile(path.toString(), "corrupt Parquet row group (" + e.getMessage() + ")", e);
        }
        int n = (int) Math.min(batchRows, rowsLeftInGroup);
        for (int c = 0; c < readers.length; c++) {
            FieldVector v = root.getVector(c);
            if (plain[c] != null) {
                v.reset();
                if (v.getValueCapacity() < n) { v.setInitialCapacity(n); v.allocateNew(); }
                plain[c].read(v, n);
                v.setValueCount(n);
            } else {
                fill(v, readers[c], columns.get(c), n);
            }
        }
        root.setRowCount(n);
        rowsLeftInGroup -= n;
        return true;
    }

    /** 64-bit columns stored without a dictionary in this row group take the fast page decoder. */
    private boolean isPlainNumeric(ColumnDescriptor d) {
        PrimitiveTypeName t = d.getPrimitiveType().getPrimitiveTypeName();
        if (t != PrimitiveTypeName.DOUBLE && t != PrimitiveTypeName.INT64) return false;
        if (d.getMaxRepetitionLevel() > 0) return false;
        for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData m : file.getRowGroups().get(groupIndex).getColumns()) {
            if (java.util.Arrays.equals(m.getPath().toArray(), d.getPath())) {
                return !m.hasDictionaryPage() && m.getEncodings().stream().noneMatch(e -> e.usesDictionary());
            }
        }
        return false;
    }

    private static void fill(FieldVector v, ColumnReader r, ColumnDescriptor d, int n) {
        int maxDef = d.getMaxDefinitionLevel();
        PrimitiveTypeName t = d.getPrimitiveType().getPrimitiveTypeName();
        v.reset();
        if (v instanceof Float8Vector f) {
            if (f.getValueCapacity() < n) f.allocateNew(n);
            for (int i = 0; i < n; i++) {
                if (r.getCurrentDefinitionLevel() == maxDef) f.set(i, t == PrimitiveTypeName.FLOAT ? r.getFloat() : r.getDouble());
                else f.setNull(i);
                r.consume();
            }
        } else if (v instanceof BigIntVector b) {
            if (b.getValueCapacity() < n) b.allocateNew(n);
            for (int i = 0; i < n; i++) {
                if (r.getCurrentDefinitionLevel() == maxDef) b.set(i, t == PrimitiveTypeName.INT32 ? r.getInteger() : r.getLong());
                else b.setNull(i);
                r.consume();
            }
        } else {
            VarCharVector s = (VarCharVector) v;
            for (int i = 0; i < n; i++) {
                if (r.getCurrentDefinitionLevel() == maxDef) {
                    byte[] bytes = r.getBinary().getBytesUnsafe();
                    s.setSafe(i, bytes, 0, bytes.length);
                } else {
                    s.setNull(i);
                }
                r.consume();
            }
        }
        v.setValueCount(n);
    }

    public VectorSchemaRoot newRoot(BufferAllocator allocator) { return VectorSchemaRoot.create(schema.toArrow(), allocator); }

    @Override public void close() {
        try { file.close(); } catch (IOException ignored) { }
    }
}
