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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import dev.thaw.ingest.work.Workers;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads text sources (CSV or JSON lines, plain, gz or zip members) of one format, one after another, as batches.
 * With {@code prefetch}, parsing runs as a task of the shared {@link Workers} pool one batch ahead of the consumer
 * (so it overlaps with Parquet encoding on the pool's other threads, and busy threads never exceed the pool's
 * size); memory stays at a few batches. With a pool of one thread there is no prefetch (it would wait for itself).
 */
public final class TextTraceReader implements TraceReader, SourceProgress {
    public static final int DEFAULT_BATCH_ROWS = 1 << 16;
    private static final int RING = 3;
    private static final Object END = new Object();

    private final List<SourceFile> sources;
    private final TraceFormat format;
    private final OnError onError;
    private final BufferAllocator allocator;
    private final RowAppender[] appenders;
    private final ReadStats stats = new ReadStats();
    private int nextSource;
    private TextSource current;
    private RowDecoder decoder;
    private long rowsRead;
    private volatile SourceFile currentFile;
    private volatile int sourcesOpened;
    private RowAppender delivered;
    private final Future<?> producer;
    private final CountDownLatch producerDone = new CountDownLatch(1);
    private volatile boolean started, closed;
    private final BlockingQueue<RowAppender> free;
    private final BlockingQueue<Object> filled;

    public TextTraceReader(List<SourceFile> sources, TraceFormat format, OnError onError, int batchRows) {
        this(sources, format, onError, batchRows, false);
    }

    public TextTraceReader(List<SourceFile> sources, TraceFormat format, OnError onError, int batchRows, boolean prefetch) {
        this.sources = sources;
        this.format = format;
        this.onError = onError;
        this.allocator = new RootAllocator();
        prefetch &= Workers.threads() >= 2;
        this.appenders = new RowAppender[prefetch ? RING : 1];
        for (int i = 0; i < appenders.length; i++) appenders[i] = new RowAppender(format.schema(), allocator, batchRows);
        if (prefetch) {
            free = new ArrayBlockingQueue<>(RING);
            filled = new ArrayBlockingQueue<>(RING + 1);
            for (RowAppender a : appenders) free.add(a);
            producer = Workers.submit(this::produce, false);
        } else {
            free = null;
            filled = null;
            producer = null;
        }
    }

    @Override public TraceFormat format() { return format; }
    @Override public Schema schema() { return appenders[0].root().getSchema(); }
    @Override public VectorSchemaRoot root() { return (delivered != null ? delivered : appenders[0]).root(); }
    @Override public long rowsRead() { return rowsRead; }
    @Override public ReadStats stats() { return stats; }

    /** The file being read now (for progress displays). */
    @Override public SourceFile currentFile() { return currentFile; }
    @Override public int sourcesDone() { return Math.max(0, sourcesOpened - 1); }
    public int sourceCount() { return sources.size(); }

    @Override public boolean next() {
        if (producer == null) {
            delivered = appenders[0];
            boolean any = fill(delivered);
            if (any) rowsRead += delivered.rowCount();
            return any;
        }
        try {
            if (delivered != null) free.put(delivered);
            delivered = null;
            Object o = filled.take();
            if (o == END) { filled.put(END); return false; }
            if (o instanceof RuntimeException e) { filled.put(o); throw e; }
            if (o instanceof Error e) { filled.put(o); throw e; }
            delivered = (RowAppender) o;
            rowsRead += delivered.rowCount();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + currentFile, e);
        }
    }

    private void produce() {
        try {
            started = true;
            if (closed) return;
            while (true) {
                RowAppender a = free.take();
                if (!fill(a)) { filled.put(END); return; }
                filled.put(a);
            }
        } catch (InterruptedException e) {
            // closed by the consumer
        } catch (RuntimeException | Error e) {
            try { filled.put(e); } catch (InterruptedException ignored) { }
        } finally {
            producerDone.countDown();
        }
    }

    /** Fills one batch from the sources; false when they are exhausted and nothing was read. */
    private boolean fill(RowAppender appender) {
        appender.reset();
        while (!appender.isFull()) {
            if (current == null && !openNext()) break;
            if (!current.nextRow()) {
                finishCurrent();
                continue;
            }
            stats.countIn();
            int mark = appender.rowCount();
            try {
                decoder.decode(current.fields(), appender);
            } catch (BadInputException e) {
                if (onError == OnError.FAIL) throw e;
                appender.rollbackTo(mark); // a wide row may have ended some output rows before its bad cell
                stats.skipped(e);
            }
        }
        appender.finish();
        return appender.rowCount() > 0;
    }

    private boolean openNext() {
        if (nextSource >= sources.size()) return false;
        currentFile = sources.get(nextSource++);
        sourcesOpened++;
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
        closed = true;
        if (producer != null) {
            producer.cancel(true);
            // A cancelled task that never started never counts down: only wait for one that did.
            try { if (started) producerDone.await(10, TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        if (current != null) current.close();
        for (RowAppender a : appenders) a.close();
        allocator.close();
    }
}
