package dev.thaw.ingest.parquet;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * ZSTD for whole pages in one call (Parquet-Java's codec streams each page through a buffered output stream). Safe
 * for several threads at once: each thread has its own context and output buffer; the page writer copies the
 * returned bytes before the same thread compresses again.
 */
final class ZstdPageCompressor implements BytesInputCompressor {
    private final int level;
    private final ThreadLocal<State> state;
    /** Every context made, so {@link #release()} frees their native memory (zstd-jni has no finalizer). */
    private final java.util.List<State> made = new java.util.ArrayList<>();

    private static final class State {
        final ZstdCompressCtx ctx = new ZstdCompressCtx();
        byte[] out = new byte[0];
    }

    ZstdPageCompressor(int level) {
        this.level = level;
        this.state = ThreadLocal.withInitial(() -> {
            State s = new State();
            configure(s.ctx, level);
            synchronized (made) { made.add(s); }
            return s;
        });
    }

    /**
     * Level 1 with a 128 KiB window, a 4 K-entry hash table (16 KiB: it stays in the L1 cache) and matches of 7 bytes
     * or more. Pages are 1 MiB and their repeats are near (ids, pool names, digits of nearby times), so the smaller
     * window loses little, and most page bytes are literals (hex request hashes) that the match finder scans in vain:
     * on the cold-start table this compresses text pages 1.2 to 1.7 times faster than plain level 1, for 1 to 3% more
     * bytes (bench/README.md). Other levels are ZSTD's own.
     */
    static void configure(ZstdCompressCtx ctx, int level) {
        ctx.setLevel(level);
        if (level != 1) return;
        ctx.setWindowLog(17);
        ctx.setHashLog(12);
        ctx.setMinMatch(7);
    }

    @Override public BytesInput compress(BytesInput input) throws IOException {
        ByteBuffer in = input.toByteBuffer();
        byte[] src;
        int off, len = in.remaining();
        if (in.hasArray()) { src = in.array(); off = in.arrayOffset() + in.position(); }
        else { src = new byte[len]; in.get(src); off = 0; }
        State s = state.get();
        int bound = (int) Zstd.compressBound(len);
        if (s.out.length < bound) s.out = new byte[bound];
        int n = s.ctx.compressByteArray(s.out, 0, s.out.length, src, off, len);
        return BytesInput.from(s.out, 0, n);
    }

    @Override public CompressionCodecName getCodecName() { return CompressionCodecName.ZSTD; }

    /** Frees the contexts; call once no thread compresses any more. */
    @Override public void release() {
        synchronized (made) {
            for (State s : made) s.ctx.close();
            made.clear();
        }
    }

    int level() { return level; }

    /** Below this share of bytes saved on a sample, a column is stored uncompressed. */
    static final double MIN_SAVING = 0.10;
    static final int SAMPLE_VALUES = 1 << 16;

    /** True when ZSTD at {@code level} saves less than {@link #MIN_SAVING} on the first 64-bit values of a buffer. */
    static boolean barelyShrinks(org.apache.arrow.memory.ArrowBuf data, int from, int to, int level) {
        int n = Math.min(SAMPLE_VALUES, to - from);
        if (n < 1024) return false; // too few values to judge: compress
        byte[] src = new byte[n << 3];
        data.getBytes((long) from << 3, src, 0, src.length);
        byte[] out = new byte[(int) Zstd.compressBound(src.length)];
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            configure(ctx, level);
            return ctx.compressByteArray(out, 0, out.length, src, 0, src.length) > (1 - MIN_SAVING) * src.length;
        }
    }
}
