package dev.thaw.ingest.text;

import dev.thaw.ingest.BadInputException;
import dev.thaw.ingest.OnError;
import dev.thaw.ingest.ReadStats;
import dev.thaw.ingest.RowDecoder;
import dev.thaw.ingest.TraceFormat;
import dev.thaw.ingest.TraceReader;
import dev.thaw.ingest.batch.RowAppender;
import dev.thaw.ingest.source.SourceFile;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Reads text sources (CSV or JSON lines, plain, gz or zip members) of one format, one after another, as batches. */
public final class TextTraceReader implements TraceReader {
    public static final int DEFAULT_BATCH_ROWS = 1 << 16;

    private final List<SourceFile> sources;
    private final TraceFormat format;
    private final OnError onError;
    private final BufferAllocator allocator;
    private final RowAppender appender;
    private final ReadStats stats = new ReadStats();
    private int nextSource;
    private TextSource current;
    private RowDecoder decoder;
    private long rowsRead;
    private SourceFile currentFile;

    public TextTraceReader(List<SourceFile> sources, TraceFormat format, OnError onError, int batchRows) {
        this.sources = sources;
        this.format = format;
        this.onError = onError;
        this.allocator = new RootAllocator();
        this.appender = new RowAppender(format.schema(), allocator, batchRows);
    }

    @Override public TraceFormat format() { return format; }
    @Override public Schema schema() { return appender.root().getSchema(); }
    @Override public VectorSchemaRoot root() { return appender.root(); }
    @Override public long rowsRead() { return rowsRead; }
    @Override public ReadStats stats() { return stats; }

    /** The file being read now (for progress displays). */
    public SourceFile currentFile() { return currentFile; }
    public int sourcesDone() { return nextSource - (current == null ? 0 : 1); }
    public int sourceCount() { return sources.size(); }

    @Override public boolean next() {
        appender.reset();
        while (!appender.isFull()) {
            if (current == null && !openNext()) break;
            if (!current.nextRow()) {
                finishCurrent();
                continue;
            }
            stats.countIn();
            try {
                decoder.decode(current.fields(), appender);
            } catch (BadInputException e) {
                if (onError == OnError.FAIL) throw e;
                appender.abortRow();
                stats.skipped(e);
            }
        }
        appender.finish();
        rowsRead += appender.rowCount();
        return appender.rowCount() > 0;
    }

    private boolean openNext() {
        if (nextSource >= sources.size()) return false;
        currentFile = sources.get(nextSource++);
        current = TextSource.open(currentFile);
        try {
            decoder = format.decoder(current.header(), currentFile);
        } catch (RuntimeException e) {
            current.close();
            current = null;
            throw e;
        }
        return true;
    }

    private void finishCurrent() {
        stats.addViolations(decoder.violations());
        current.close();
        current = null;
    }

    @Override public void close() {
        if (current != null) current.close();
        appender.close();
        allocator.close();
    }
}
