package dev.thaw.ingest.text;

import dev.thaw.ingest.BadInputException;
import dev.thaw.ingest.arrow.ArrowTableReader;
import dev.thaw.ingest.source.SourceFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * A Parquet or Arrow IPC file written by another tool (DuckDB, pandas, Spark, Polars) seen as the rows of a text
 * trace: each value becomes the text a CSV of the same rows holds, so the format's own decoder reads it with the same
 * checks and the same per-row errors (the file and row group, the row in the file as its "line", the column and the
 * value). Physical and logical types are coerced: INT32/INT64 of any width and signedness, DECIMAL with its scale,
 * TIMESTAMP in any unit (and Spark's INT96) as {@code yyyy-MM-dd HH:mm:ss.fffffffff}, DATE, dictionary strings,
 * FLOAT as the decimal a CSV writer prints, nulls as empty cells, lists as space-separated elements (JSON lines'
 * arrays).
 */
public final class ColumnarCells extends BufferedFields implements AutoCloseable {
    private static final int BATCH = 4096;
    private final String fileName;
    private final List<String> header;
    private final Batches batches;
    private String[][] cells;  // [column][row in batch]
    private int rows, row = -1, group;
    private long rowInFile;

    private ColumnarCells(String fileName, List<String> header, Batches batches) {
        super(1024, Math.max(1, header.size()));
        this.fileName = fileName;
        this.header = header;
        this.batches = batches;
    }

    /** Opens a {@code .parquet} or Arrow IPC file (not inside a zip: a columnar file is read in place). */
    public static ColumnarCells open(SourceFile f) {
        if (f.member() != null) throw BadInputException.ofFile(f.displayName(), "a Parquet or Arrow file inside a zip archive cannot be read in place: extract it", null);
        String name = f.leafName().toLowerCase();
        Batches b = name.endsWith(".parquet") ? new ParquetBatches(f) : new ArrowBatches(f);
        return new ColumnarCells(f.displayName(), b.header(), b);
    }

    /** The column names of a Parquet or Arrow file, from its footer or schema, as a CSV header would give them. */
    public static List<String> columnNames(SourceFile f) {
        try (ColumnarCells c = open(f)) {
            return c.header;
        }
    }

    public List<String> readHeader() { return header; }

    @Override public List<String> header() { return header; }
    @Override public int fieldCount() { return header.size(); }
    @Override public long lineNumber() { return rowInFile; }
    @Override public String sourceName() { return fileName + " (row group " + group + ")"; }

    @Override public boolean isMissing(int i) {
        if (i >= header.size()) return true;
        String s = cells[i][row];
        if (s == null || s.isEmpty()) return true;
        return s.equalsIgnoreCase("nan") || s.equals("null");
    }

    public boolean nextRow() {
        if (cells == null || ++row >= rows) {
            Batch b = batches.next();
            if (b == null) return false;
            cells = b.cells;
            rows = b.rows;
            group = b.group;
            row = 0;
            if (rows == 0) return nextRow();
        }
        rowInFile++;
        int pos = 0;
        for (int c = 0; c < header.size(); c++) {
            String s = cells[c][row];
            byte[] bytes = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
            if (pos + bytes.length > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, pos + bytes.length));
            System.arraycopy(bytes, 0, buf, pos, bytes.length);
            starts[c] = pos;
            pos += bytes.length;
            ends[c] = pos;
        }
        return true;
    }

    @Override public void close() { batches.close(); }

    private record Batch(String[][] cells, int rows, int group) {}

    private interface Batches extends AutoCloseable {
        List<String> header();
        Batch next();
        @Override void close();
    }

    /** Parquet through Parquet-Java's column readers: no record assembly, any writer's encodings and dictionaries. */
    private static final class ParquetBatches implements Batches {
        private final SourceFile f;
        private final ParquetFileReader file;
        private final MessageType schema;
        private final List<String> header = new ArrayList<>();
        private final List<ColumnDescriptor> leaves = new ArrayList<>();
        private ColumnReader[] readers;
        private long[] valuesLeft;
        private long rowsLeft;
        private int group = -1;

        ParquetBatches(SourceFile f) {
            this.f = f;
            try {
                file = new ParquetFileReader(new LocalInputFile(f.path()), ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
            } catch (IOException | RuntimeException e) {
                throw BadInputException.ofFile(f.displayName(), "not a readable Parquet file (" + e.getMessage() + ")", e);
            }
            schema = file.getFooter().getFileMetaData().getSchema();
            List<ColumnDescriptor> all = schema.getColumns();
            for (Type t : schema.getFields()) {
                List<ColumnDescriptor> mine = all.stream().filter(d -> d.getPath()[0].equals(t.getName())).toList();
                if (mine.size() != 1) {
                    close();
                    throw BadInputException.ofFile(f.displayName(), "column '" + t.getName() + "' is a nested structure of " + mine.size() + " fields; thaw reads flat columns and lists of values", null);
                }
                header.add(t.getName());
                leaves.add(mine.get(0));
            }
        }

        @Override public List<String> header() { return header; }

        @Override public Batch next() {
            try {
                while (rowsLeft == 0) {
                    PageReadStore rg = file.readNextRowGroup();
                    if (rg == null) return null;
                    group++;
                    rowsLeft = rg.getRowCount();
                    ColumnReadStoreImpl store = new ColumnReadStoreImpl(rg, new GroupRecordConverter(schema).getRootConverter(), schema, null);
                    readers = new ColumnReader[leaves.size()];
                    valuesLeft = new long[leaves.size()];
                    for (int c = 0; c < readers.length; c++) {
                        readers[c] = store.getColumnReader(leaves.get(c));
                        valuesLeft[c] = readers[c].getTotalValueCount();
                    }
                }
                int n = (int) Math.min(BATCH, rowsLeft);
                String[][] cells = new String[leaves.size()][n];
                for (int c = 0; c < leaves.size(); c++) read(c, cells[c], n);
                rowsLeft -= n;
                return new Batch(cells, n, group);
            } catch (IOException | RuntimeException e) {
                if (e instanceof BadInputException b) throw b;
                throw BadInputException.ofFile(f.displayName() + " (row group " + Math.max(0, group) + ")", "corrupt Parquet data (" + e.getMessage() + ")", e);
            }
        }

        private void read(int c, String[] out, int n) {
            ColumnDescriptor d = leaves.get(c);
            ColumnReader r = readers[c];
            int maxDef = d.getMaxDefinitionLevel();
            PrimitiveType p = d.getPrimitiveType();
            boolean repeated = d.getMaxRepetitionLevel() > 0;
            for (int i = 0; i < n; i++) {
                if (valuesLeft[c] <= 0) throw new IllegalStateException("column '" + header.get(c) + "' ends before the row group");
                if (!repeated) {
                    out[i] = r.getCurrentDefinitionLevel() == maxDef ? value(r, p) : null;
                    r.consume();
                    valuesLeft[c]--;
                    continue;
                }
                StringBuilder sb = new StringBuilder();
                boolean first = true;
                do {
                    if (r.getCurrentDefinitionLevel() == maxDef) {
                        if (!first) sb.append(' ');
                        sb.append(value(r, p));
                        first = false;
                    }
                    r.consume();
                    valuesLeft[c]--;
                } while (valuesLeft[c] > 0 && r.getCurrentRepetitionLevel() > 0);
                out[i] = sb.toString();
            }
        }

        @Override public void close() {
            try { file.close(); } catch (IOException ignored) { }
        }
    }

    /** The text of one Parquet value, by its physical and logical type. */
    static String value(ColumnReader r, PrimitiveType p) {
        LogicalTypeAnnotation lt = p.getLogicalTypeAnnotation();
        switch (p.getPrimitiveTypeName()) {
            case BOOLEAN: return r.getBoolean() ? "true" : "false";
            case FLOAT: return Float.toString(r.getFloat());
            case DOUBLE: return Double.toString(r.getDouble());
            case INT32: {
                int v = r.getInteger();
                if (lt instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation dec) return BigDecimal.valueOf(v, dec.getScale()).toPlainString();
                if (lt instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) return LocalDate.ofEpochDay(v).toString();
                if (lt instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) return LocalTime.ofNanoOfDay(v * 1_000_000L).toString();
                if (lt instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) return Integer.toUnsignedString(v);
                return Integer.toString(v);
            }
            case INT64: {
                long v = r.getLong();
                if (lt instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation dec) return BigDecimal.valueOf(v, dec.getScale()).toPlainString();
                if (lt instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) return timestamp(v, ts.getUnit());
                if (lt instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation tm)
                    return LocalTime.ofNanoOfDay(tm.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS ? v * 1000 : v).toString();
                if (lt instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) return Long.toUnsignedString(v);
                return Long.toString(v);
            }
            case INT96: {  // Spark/Impala timestamps: nanoseconds of the day, then the Julian day, little-endian
                ByteBuffer b = r.getBinary().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                long nanos = b.getLong();
                int julian = b.getInt();
                long epochDay = julian - 2_440_588L;
                return format(LocalDateTime.of(LocalDate.ofEpochDay(epochDay), LocalTime.ofNanoOfDay(nanos)));
            }
            default: {  // BINARY, FIXED_LEN_BYTE_ARRAY
                Binary b = r.getBinary();
                if (lt instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation dec) return new BigDecimal(new BigInteger(b.getBytes()), dec.getScale()).toPlainString();
                return b.toStringUsingUTF8();
            }
        }
    }

    static String timestamp(long v, LogicalTypeAnnotation.TimeUnit unit) {
        long seconds, nanos;
        switch (unit) {
            case MILLIS -> { seconds = Math.floorDiv(v, 1000L); nanos = Math.floorMod(v, 1000L) * 1_000_000L; }
            case MICROS -> { seconds = Math.floorDiv(v, 1_000_000L); nanos = Math.floorMod(v, 1_000_000L) * 1000L; }
            default -> { seconds = Math.floorDiv(v, 1_000_000_000L); nanos = Math.floorMod(v, 1_000_000_000L); }
        }
        return format(LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), ZoneOffset.UTC));
    }

    /** {@code 2023-11-16 18:17:03.979960000}: the layout the published traces use (Azure LLM), to the nanosecond. */
    static String format(LocalDateTime t) {
        return String.format(java.util.Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d.%09d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond(), t.getNano());
    }

    /** Arrow IPC files (Feather v2, pyarrow, Polars): each vector's values by its Arrow type. */
    private static final class ArrowBatches implements Batches {
        private final SourceFile f;
        private final BufferAllocator allocator = new RootAllocator();
        private final ArrowTableReader reader;
        private final List<String> header = new ArrayList<>();
        private int group = -1;

        ArrowBatches(SourceFile f) {
            this.f = f;
            try {
                reader = new ArrowTableReader(f.path(), allocator);
            } catch (RuntimeException e) {
                allocator.close();
                throw e;
            }
            for (FieldVector v : reader.root().getFieldVectors()) header.add(v.getName());
        }

        @Override public List<String> header() { return header; }

        @Override public Batch next() {
            if (!reader.next()) return null;
            group++;
            VectorSchemaRoot root = reader.root();
            int n = root.getRowCount();
            String[][] cells = new String[header.size()][n];
            for (int c = 0; c < header.size(); c++) {
                FieldVector v = root.getVector(c);
                for (int i = 0; i < n; i++) cells[c][i] = v.isNull(i) ? null : text(v, i);
            }
            return new Batch(cells, n, group);
        }

        private static String text(FieldVector v, int i) {
            if (v instanceof DecimalVector d) return d.getObject(i).toPlainString();
            if (v instanceof Float4Vector f) return Float.toString(f.get(i));
            if (v instanceof DateDayVector d) return LocalDate.ofEpochDay(d.get(i)).toString();
            if (v instanceof DateMilliVector d) return LocalDate.ofEpochDay(Math.floorDiv(d.get(i), 86_400_000L)).toString();
            if (v instanceof TimeStampVector t) {
                TimeUnit u = ((ArrowType.Timestamp) t.getField().getType()).getUnit();
                long raw = t.get(i);
                return switch (u) {
                    case SECOND -> timestamp(raw * 1000, LogicalTypeAnnotation.TimeUnit.MILLIS);
                    case MILLISECOND -> timestamp(raw, LogicalTypeAnnotation.TimeUnit.MILLIS);
                    case MICROSECOND -> timestamp(raw, LogicalTypeAnnotation.TimeUnit.MICROS);
                    case NANOSECOND -> timestamp(raw, LogicalTypeAnnotation.TimeUnit.NANOS);
                };
            }
            if (v instanceof ListVector l) {
                StringBuilder sb = new StringBuilder();
                for (Object o : l.getObject(i)) { if (o == null) continue; if (sb.length() > 0) sb.append(' '); sb.append(o); }
                return sb.toString();
            }
            Object o = v.getObject(i);
            return o == null ? null : o.toString();
        }

        @Override public void close() {
            reader.close();
            allocator.close();
        }
    }
}
