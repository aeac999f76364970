package dev.thaw.ingest.parquet;

import dev.thaw.ingest.schema.TraceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes Arrow batches to one Parquet file (ZSTD, row groups of about a million rows). The file records the thaw
 * format id in its key-value metadata so thaw reads it back with the right meaning.
 */
public final class ParquetTableWriter implements AutoCloseable {
    public static final String FORMAT_KEY = "thaw.format";
    public static final int ROW_GROUP_ROWS = 1 << 20;

    private final ParquetWriter<Row> writer;
    private final Row row = new Row();

    public ParquetTableWriter(Path path, TraceSchema schema, String formatId) {
        this(path, schema, formatId, CompressionCodecName.ZSTD);
    }

    public ParquetTableWriter(Path path, TraceSchema schema, String formatId, CompressionCodecName codec) {
        MessageType message = schema.toParquet("thaw");
        Map<String, String> meta = new HashMap<>();
        meta.put(FORMAT_KEY, formatId);
        try {
            writer = new Builder(new LocalOutputFile(path), message, meta)
                    .withConf(new PlainParquetConfiguration())
                    .withCompressionCodec(codec)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withRowGroupRowCountLimit(ROW_GROUP_ROWS)
                    .withRowGroupSize(256L << 20)
                    .withPageSize(1 << 20)
                    .withDictionaryEncoding(true)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    /** Appends rows [from, to) of a batch. */
    public void write(VectorSchemaRoot batch, int from, int to) {
        row.bind(batch);
        try {
            for (int i = from; i < to; i++) {
                row.index = i;
                writer.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(VectorSchemaRoot batch) { write(batch, 0, batch.getRowCount()); }

    @Override public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cursor on one row of a batch: Parquet-Java writes records one at a time. */
    static final class Row {
        int index;
        FieldVector[] vectors;
        int[] kinds; // 0 long, 1 double, 2 string
        String[] names;

        void bind(VectorSchemaRoot root) {
            if (vectors != null && vectors.length == root.getFieldVectors().size() && vectors[0] == root.getVector(0)) return;
            int n = root.getFieldVectors().size();
            vectors = new FieldVector[n];
            kinds = new int[n];
            names = new String[n];
            for (int c = 0; c < n; c++) {
                vectors[c] = root.getVector(c);
                names[c] = vectors[c].getName();
                kinds[c] = vectors[c] instanceof BigIntVector ? 0 : vectors[c] instanceof Float8Vector ? 1 : 2;
            }
        }
    }

    private static final class Support extends WriteSupport<Row> {
        private final MessageType schema;
        private final Map<String, String> meta;
        private RecordConsumer out;

        Support(MessageType schema, Map<String, String> meta) {
            this.schema = schema;
            this.meta = meta;
        }

        @Override public WriteContext init(ParquetConfiguration configuration) { return new WriteContext(schema, meta); }
        @Override public WriteContext init(org.apache.hadoop.conf.Configuration configuration) { return new WriteContext(schema, meta); }
        @Override public void prepareForWrite(RecordConsumer recordConsumer) { this.out = recordConsumer; }

        @Override public void write(Row r) {
            out.startMessage();
            int i = r.index;
            for (int c = 0; c < r.vectors.length; c++) {
                FieldVector v = r.vectors[c];
                if (v.isNull(i)) continue;
                out.startField(r.names[c], c);
                switch (r.kinds[c]) {
                    case 0 -> out.addLong(((BigIntVector) v).get(i));
                    case 1 -> out.addDouble(((Float8Vector) v).get(i));
                    default -> out.addBinary(Binary.fromConstantByteArray(((VarCharVector) v).get(i)));
                }
                out.endField(r.names[c], c);
            }
            out.endMessage();
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final MessageType schema;
        private final Map<String, String> meta;

        Builder(OutputFile file, MessageType schema, Map<String, String> meta) {
            super(file);
            this.schema = schema;
            this.meta = meta;
        }

        @Override protected Builder self() { return this; }
        @Override protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) { return new Support(schema, meta); }
        @Override protected WriteSupport<Row> getWriteSupport(org.apache.hadoop.conf.Configuration conf) { return new Support(schema, meta); }
    }
}
