package dev.thaw.ingest.parquet;

import dev.thaw.ingest.schema.ColumnType;
import dev.thaw.ingest.schema.TraceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.ReusableByteArray;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Writes Arrow batches to one Parquet file (ZSTD, row groups of about a million rows), straight into Parquet-Java's
 * column writers: the record-assembly layer of {@code ParquetWriter} (a call per field start and end) is skipped,
 * which halves the cost of writing flat tables. The file records the thaw format id in its key-value metadata so
 * thaw reads it back with the right meaning.
 */
public final class ParquetTableWriter implements AutoCloseable {
    public static final String FORMAT_KEY = "thaw.format";
    public static final int ROW_GROUP_ROWS = 1 << 20;
    private static final long ROW_GROUP_BYTES = 256L << 20;
    private static final int PAGE_BYTES = 1 << 20;
    /** ZSTD level 1: about twice as fast as the default 3 for a few percent larger files (override: -Dthaw.zstd.level). */
    public static final int ZSTD_LEVEL = 1;

    private final Path path;
    private final TraceSchema schema;
    private final MessageType message;
    private final List<ColumnDescriptor> descriptors;
    private final String formatId;
    private final CompressionCodecName codec;
    private final ReusableByteArray bytes = new ReusableByteArray();
    private final PooledHeapAllocator allocator = new PooledHeapAllocator();
    private ParquetProperties props;
    private CodecFactory codecs;
    private BytesInputCompressor compressor;
    private ParquetFileWriter file;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private ColumnWriter[] writers;
    private long rowsInGroup;

    public ParquetTableWriter(Path path, TraceSchema schema, String formatId) {
        this(path, schema, formatId, CompressionCodecName.ZSTD);
    }

    public ParquetTableWriter(Path path, TraceSchema schema, String formatId, CompressionCodecName codec) {
        this.path = path;
        this.schema = schema;
        this.message = schema.toParquet("thaw");
        this.descriptors = message.getColumns();
        this.formatId = formatId;
        this.codec = codec;
    }

    /**
     * Opens the file once the first rows are seen: dictionary encoding pays only for repetitive columns (ids,
     * pools, regions), and costs a hash lookup per value on unique ones (times, request hashes), so each column gets
     * it only if its first rows repeat.
     */
    private void open(VectorSchemaRoot first, int from, int to) {
        ParquetProperties.Builder b = ParquetProperties.builder()
                .withPageSize(PAGE_BYTES).withDictionaryPageSize(PAGE_BYTES)
                .withDictionaryEncoding(true)
                .withAllocator(allocator)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withSizeStatisticsEnabled(false);
        for (int c = 0; c < schema.size(); c++) {
            String name = schema.column(c).name();
            boolean repetitive = DictionaryChoice.repetitive(first == null ? null : first.getVector(c), from, to);
            b.withDictionaryEncoding(name, repetitive);
            // Min/max of unique text (request hashes) prunes nothing and costs a comparison per value.
            if (!repetitive && schema.column(c).type() == ColumnType.STRING) b.withStatisticsEnabled(name, false);
        }
        props = b.build();
        try {
            PlainParquetConfiguration conf = new PlainParquetConfiguration();
            conf.set("parquet.compression.codec.zstd.level", System.getProperty("thaw.zstd.level", String.valueOf(ZSTD_LEVEL)));
            codecs = new CodecFactory(conf, PAGE_BYTES);
            compressor = codecs.getCompressor(codec);
            file = new ParquetFileWriter(new LocalOutputFile(path), message, ParquetFileWriter.Mode.OVERWRITE, ROW_GROUP_BYTES, 0, null, props);
            file.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
        startRowGroup();
    }

    private void startRowGroup() {
        pages = new ColumnChunkPageWriteStore(compressor, message, allocator, ParquetProperties.DEFAULT_COLUMN_INDEX_TRUNCATE_LENGTH,
                ParquetProperties.DEFAULT_PAGE_WRITE_CHECKSUM_ENABLED);
        store = props.newColumnWriteStore(message, pages);
        writers = new ColumnWriter[descriptors.size()];
        for (int c = 0; c < writers.length; c++) writers[c] = store.getColumnWriter(descriptors.get(c));
        rowsInGroup = 0;
    }

    private void flushRowGroup() {
        if (rowsInGroup == 0) return;
        try {
            store.flush();
            file.startBlock(rowsInGroup);
            pages.flushToFileWriter(file);
            file.endBlock();
            store.close();
            pages.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        startRowGroup();
    }

    /** Appends rows [from, to) of a batch. */
    public void write(VectorSchemaRoot batch, int from, int to) {
        if (file == null) open(batch, from, to);
        int n = writers.length;
        FieldVector[] vectors = new FieldVector[n];
        for (int c = 0; c < n; c++) vectors[c] = batch.getVector(c);
        for (int i = from; i < to; i++) {
            for (int c = 0; c < n; c++) {
                FieldVector v = vectors[c];
                ColumnWriter w = writers[c];
                if (v.isNull(i)) { w.writeNull(0, 0); continue; }
                if (v instanceof Float8Vector f) w.write(f.get(i), 0, 1);
                else if (v instanceof BigIntVector l) w.write(l.get(i), 0, 1);
                else {
                    ((VarCharVector) v).read(i, bytes);
                    w.write(Binary.fromReusedByteArray(bytes.getBuffer(), 0, (int) bytes.getLength()), 0, 1);
                }
            }
            store.endRecord();
            if (++rowsInGroup >= ROW_GROUP_ROWS || ((rowsInGroup & 4095) == 0 && store.getBufferedSize() > ROW_GROUP_BYTES)) flushRowGroup();
        }
    }

    public void write(VectorSchemaRoot batch) { write(batch, 0, batch.getRowCount()); }

    @Override public void close() {
        try {
            if (file == null) open(null, 0, 0);
            flushRowGroup();
            store.close();
            file.end(Map.of(FORMAT_KEY, formatId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + path, e);
        } finally {
            if (codecs != null) codecs.release();
        }
    }
}
