package dev.thaw.ingest.parquet;

import dev.thaw.ingest.schema.TraceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes Arrow batches to one Parquet file (ZSTD, row groups of about a million rows). Pages are encoded straight
 * from the Arrow buffers by thaw's own {@link ColumnChunkEncoder}s (PLAIN or dictionary, RLE definition levels) and
 * compressed in one call per page; Parquet-Java's page store and file writer assemble the standard file (column
 * chunks, statistics, page index, footer). Columns are encoded on up to {@link #threads()} threads at once. The file
 * records the thaw format id in its key-value metadata so thaw reads it back with the right meaning.
 */
public final class ParquetTableWriter implements AutoCloseable {
    public static final String FORMAT_KEY = "thaw.format";
    public static final int ROW_GROUP_ROWS = 1 << 20;
    private static final long ROW_GROUP_BYTES = 256L << 20;
    /** ZSTD level 1 (with a small window: {@link ZstdPageCompressor#configure}): about twice as fast as the default 3 for a few percent larger files (override: -Dthaw.zstd.level). */
    public static final int ZSTD_LEVEL = 1;

    private final Path path;
    private final TraceSchema schema;
    private final MessageType message;
    private final List<ColumnDescriptor> descriptors;
    private final String formatId;
    private final CompressionCodecName codec;
    private final PooledHeapAllocator allocator = new PooledHeapAllocator();
    private final ColumnTasks tasks;
    private CodecFactory codecs;
    private BytesInputCompressor compressor;
    private ParquetFileWriter file;
    private ColumnChunkPageWriteStore pages;
    private ColumnChunkEncoder[] encoders;
    /** Columns written without compression: PLAIN numbers that ZSTD barely shrinks (random low digits) cost its time for nothing. */
    private boolean[] stored;
    private PageWriter[] pageWriters;
    /** Columns by falling encoding cost (PLAIN text, PLAIN numbers, dictionary), so parallel threads end together. */
    private int[] order;
    private long rowsInGroup;
    private final int rowGroupRows;

    public ParquetTableWriter(Path path, TraceSchema schema, String formatId) {
        this(path, schema, formatId, CompressionCodecName.ZSTD);
    }

    public ParquetTableWriter(Path path, TraceSchema schema, String formatId, CompressionCodecName codec) {
        this(path, schema, formatId, codec, ROW_GROUP_ROWS);
    }

    /** With smaller row groups, for tests of row-group boundaries. */
    ParquetTableWriter(Path path, TraceSchema schema, String formatId, CompressionCodecName codec, int rowGroupRows) {
        this.rowGroupRows = rowGroupRows;
        this.path = path;
        this.schema = schema;
        this.message = schema.toParquet("thaw");
        this.descriptors = message.getColumns();
        this.formatId = formatId;
        this.codec = codec;
        // Parquet-Java's own compressors are not thread-safe: only the ZSTD page compressor runs columns in parallel.
        this.tasks = new ColumnTasks(codec == CompressionCodecName.ZSTD ? threads() : 1);
    }

    /** Threads that encode columns at once: those of the shared pool ({@code -Dthaw.threads}, else one per processor). */
    public static int threads() { return dev.thaw.ingest.work.Workers.threads(); }

    /**
     * Opens the file once the first rows are seen: dictionary encoding pays only for repetitive columns (ids,
     * pools, regions), and costs a hash lookup per value on unique ones (times, request hashes), so each column gets
     * it only if its first rows repeat.
     */
    private void open(VectorSchemaRoot first, int from, int to) {
        encoders = new ColumnChunkEncoder[descriptors.size()];
        int level = Integer.getInteger("thaw.zstd.level", ZSTD_LEVEL);
        stored = new boolean[encoders.length];
        for (int c = 0; c < encoders.length; c++) {
            boolean repetitive = DictionaryChoice.repetitive(first == null ? null : first.getVector(c), from, to);
            encoders[c] = ColumnChunkEncoder.of(descriptors.get(c), repetitive);
            stored[c] = codec == CompressionCodecName.ZSTD && encoders[c].costRank() == 1 && first != null
                    && ZstdPageCompressor.barelyShrinks(first.getVector(c).getDataBuffer(), from, to, level);
        }
        order = java.util.stream.IntStream.range(0, encoders.length).boxed()
                .sorted(java.util.Comparator.comparingInt(c -> encoders[c].costRank())).mapToInt(Integer::intValue).toArray();
        try {
            if (codec == CompressionCodecName.ZSTD) {
                compressor = new ZstdPageCompressor(level);
            } else {
                PlainParquetConfiguration conf = new PlainParquetConfiguration();
                codecs = new CodecFactory(conf, ColumnChunkEncoder.PAGE_BYTES);
                compressor = codecs.getCompressor(codec);
            }
            ParquetProperties props = ParquetProperties.builder().withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0).build();
            file = new ParquetFileWriter(new LocalOutputFile(path), message, ParquetFileWriter.Mode.OVERWRITE, ROW_GROUP_BYTES, 0, null, props);
            file.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
        startRowGroup();
    }

    private void startRowGroup() {
        java.util.Map<ColumnDescriptor, BytesInputCompressor> byColumn = new java.util.HashMap<>();
        for (int c = 0; c < encoders.length; c++) byColumn.put(descriptors.get(c), stored[c] ? StoredPages.INSTANCE : compressor);
        pages = ColumnChunkPageWriteStore.builder().withCompressorProvider(byColumn::get).withSchema(message).withAllocator(allocator)
                .withColumnIndexTruncateLength(ParquetProperties.DEFAULT_COLUMN_INDEX_TRUNCATE_LENGTH)
                .withPageWriteChecksumEnabled(ParquetProperties.DEFAULT_PAGE_WRITE_CHECKSUM_ENABLED).build();
        pageWriters = new PageWriter[descriptors.size()];
        for (int c = 0; c < encoders.length; c++) {
            pageWriters[c] = pages.getPageWriter(descriptors.get(c));
            encoders[c].start(pageWriters[c]);
        }
        rowsInGroup = 0;
    }

    private long bufferedBytes() {
        long n = 0;
        for (PageWriter w : pageWriters) n += w.getMemSize();
        return n;
    }

    private void flushRowGroup() {
        if (rowsInGroup == 0) return;
        tasks.run(encoders.length, k -> encoders[order[k]].finish());
        try {
            file.startBlock(rowsInGroup);
            pages.flushToFileWriter(file);
            file.endBlock();
            pages.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        startRowGroup();
    }

    /** Appends rows [from, to) of a batch. */
    public void write(VectorSchemaRoot batch, int from, int to) {
        if (file == null) open(batch, from, to);
        while (from < to) {
            int n = (int) Math.min(to - from, rowGroupRows - rowsInGroup);
            int a = from;
            tasks.run(encoders.length, k -> encoders[order[k]].append(batch.getVector(order[k]), a, a + n));
            rowsInGroup += n;
            from += n;
            if (rowsInGroup >= rowGroupRows || bufferedBytes() > ROW_GROUP_BYTES) flushRowGroup();
        }
    }

    public void write(VectorSchemaRoot batch) { write(batch, 0, batch.getRowCount()); }

    @Override public void close() {
        try {
            if (file == null) open(null, 0, 0);
            flushRowGroup();
            file.end(Map.of(FORMAT_KEY, formatId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + path, e);
        } finally {
            tasks.close();
            if (codecs != null) codecs.release();
            else if (compressor != null) compressor.release();
        }
    }
}
