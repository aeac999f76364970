package dev.thaw.ingest.parquet;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** The "compressor" of columns stored uncompressed: pages as they are (the page writer copies them). */
final class StoredPages implements BytesInputCompressor {
    static final StoredPages INSTANCE = new StoredPages();

    private StoredPages() {}

    @Override public BytesInput compress(BytesInput bytes) { return bytes; }
    @Override public CompressionCodecName getCodecName() { return CompressionCodecName.UNCOMPRESSED; }
    @Override public void release() { }
}
