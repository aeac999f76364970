package dev.thaw.ingest.text;

import dev.thaw.ingest.BadInputException;
import dev.thaw.ingest.OnError;
import dev.thaw.ingest.ReadStats;
import dev.thaw.ingest.RowDecoder;
import dev.thaw.ingest.TraceFormat;
import dev.thaw.ingest.TraceReader;
import dev.thaw.ingest.batch.RowAppender;
import dev.thaw.ingest.source.SourceFile;
import dev.thaw.ingest.source.SourceResolver;
import dev.thaw.ingest.work.Workers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads plain CSV files on every thread of the {@link Workers} pool, for formats whose rows decode independently:
 * each file is cut into byte ranges, each range is parsed into a batch of its own by a pool task, and batches are
 * delivered in file order, so the output is the sequential reader's, row for row.
 * <p>
 * A range starts at the first line start after its nominal offset. That is a guess: the line break may lie inside a
 * quoted field. So a range's result is kept only if its first row starts exactly where the previous range's parse
 * stopped (its first row at or past the cut); otherwise the range is parsed again from there. Line numbers in a
 * range count from its start and are shifted once the previous ranges are known, so errors name the same file, line
 * and column as a sequential read; the first error in file order wins. The next file's ranges are queued while the
 * last ones of a file are parsed, so a folder of many files keeps every thread busy too.
 */
public final class RangeCsvReader implements TraceReader, SourceProgress {
    private static final int SAMPLE_BYTES = 1 << 20;
    private static final long MIN_RANGE = 1 << 20, MAX_RANGE = 32L << 20;

    private final List<SourceFile> sources;
    private final TraceFormat format;
    private final OnError onError;
    private final long fixedRangeBytes;
    private final int batchRows;
    private final BufferAllocator allocator = new RootAllocator();
    private final List<RowAppender> appenders = new ArrayList<>();
    private final ArrayDeque<RowAppender> free = new ArrayDeque<>();
    private final ArrayDeque<Future<Range>> pending = new ArrayDeque<>();
    private final int inFlight;
    private final ReadStats stats = new ReadStats();
    private volatile boolean closed;
    private int nextSource;
    /** The file whose ranges are being queued, and the file of the last range delivered. */
    private FilePlan submitting, consuming;
    private int nextRange;
    /** Where the previous range's parse stopped (the first row of the next range) and that row's line number. */
    private long expectedStart, expectedLine;
    private RowAppender delivered;
    private long rowsRead;
    private int reparsed;

    public RangeCsvReader(List<SourceFile> sources, TraceFormat format, OnError onError) {
        this(sources, format, onError, 0, TextTraceReader.DEFAULT_BATCH_ROWS);
    }

    /**
     * With ranges of {@code rangeBytes} (0: about {@code batchRows} rows, from a sample of each file), for tests of
     * range edges.
     */
    RangeCsvReader(List<SourceFile> sources, TraceFormat format, OnError onError, long rangeBytes, int batchRows) {
        this.sources = sources;
        this.batchRows = batchRows;
        this.format = format;
        this.onError = onError;
        this.fixedRangeBytes = rangeBytes;
        this.inFlight = Workers.threads() + 2;
    }

    /** True for a plain (not compressed, not archived) CSV file, which can be read from any offset. */
    public static boolean suits(SourceFile f) {
        if (f.member() != null || f.isGzip() || SourceResolver.isTableName(f.leafName()) || !Files.isRegularFile(f.path())) return false;
        byte[] head = new byte[256];
        int n;
        try (InputStream in = Files.newInputStream(f.path())) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return false;
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return false; // gzip under another name
        for (int i = 0; i < n; i++) {
            int c = head[i] & 0xff;
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF) continue;
            return c != '{'; // JSON lines
        }
        return true;
    }

    @Override public TraceFormat format() { return format; }
    @Override public Schema schema() { return format.schema().toArrow(); }
    @Override public VectorSchemaRoot root() { return delivered.root(); }
    @Override public long rowsRead() { return rowsRead; }
    @Override public ReadStats stats() { return stats; }
    @Override public SourceFile currentFile() { return consuming == null ? null : consuming.source; }
    @Override public int sourcesDone() { return consuming == null ? 0 : consuming.index; }

    /** Ranges parsed a second time because their guessed start lay inside a quoted field (for tests). */
    int reparsed() { return reparsed; }

    @Override public boolean next() {
        if (delivered != null) { free.push(delivered); delivered = null; }
        while (true) {
            submitMore();
            if (pending.isEmpty()) return false;
            Range r = await(pending.poll());
            if (r.plan != consuming) { // the first range of the next file
                consuming = r.plan;
                if (consuming.failure != null) throw consuming.failure;
                expectedStart = consuming.dataStart;
                expectedLine = consuming.firstLine;
            }
            if (!r.trusted && r.firstRowStart != expectedStart) {
                // The guessed cut lay inside a quoted field (or the guess ran into garbage): parse from the true start.
                r = await(Workers.submit(new Range(r.plan, r.index, expectedStart, true, r.end, r.out), true));
                reparsed++;
            }
            long shift = r.trusted ? expectedLine - 1 : expectedLine - r.firstRowLine;
            if (r.failure instanceof BadInputException e) throw shifted(e, shift);
            if (r.failure instanceof RuntimeException e) throw e;
            if (r.failure instanceof Error e) throw e;
            stats.countIn(r.rowsIn);
            for (BadInputException e : r.skipExamples) stats.skipped(shifted(e, shift));
            r.skipCounts.forEach(stats::addSkipped);
            stats.addViolations(r.violations);
            expectedStart = r.stopStart;
            expectedLine = r.stopLine + shift;
            if (r.out.rowCount() == 0) { free.push(r.out); continue; }
            delivered = r.out;
            rowsRead += r.out.rowCount();
            return true;
        }
    }

    private static BadInputException shifted(BadInputException e, long shift) {
        if (e.line() <= 0 || shift == 0) return e;
        return new BadInputException(e.file(), e.line() + shift, e.column(), e.value(), e.expected(), e.getCause());
    }

    private Range await(Future<Range> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + (consuming == null ? "" : consuming.source.displayName()), e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    /** Keeps up to {@link #inFlight} ranges parsing ahead of the consumer, into the next files when one is all queued. */
    private void submitMore() {
        while (pending.size() < inFlight) {
            if (submitting == null || nextRange >= submitting.ranges) {
                if (submitting != null && submitting.failure != null) return; // nothing after a file that cannot be read
                if (nextSource >= sources.size()) return;
                submitting = plan(nextSource++);
                nextRange = 0;
                if (submitting.failure != null) {
                    // Thrown when the reader gets there, after every row of the files before it, as a sequential read does.
                    pending.add(java.util.concurrent.CompletableFuture.completedFuture(new Range(submitting, 0, 0, true, 0, null)));
                    continue;
                }
            }
            FilePlan f = submitting;
            int k = nextRange++;
            long start = f.dataStart + k * f.rangeBytes;
            long end = k == f.ranges - 1 ? Long.MAX_VALUE : start + f.rangeBytes;
            pending.add(Workers.submit(new Range(f, k, start, k == 0, end, appender()), false));
        }
    }

    private RowAppender appender() {
        RowAppender a = free.poll();
        if (a != null) return a;
        a = new RowAppender(format.schema(), allocator, batchRows);
        appenders.add(a);
        return a;
    }

    /** Reads a file's header and plans its ranges; a file that cannot be used gets a plan holding the failure. */
    private FilePlan plan(int index) {
        SourceFile src = sources.get(index);
        try {
            List<String> header;
            long dataStart, firstLine;
            try (CsvCursor c = new CsvCursor(src.open(), src.displayName())) {
                header = c.readHeader();
                dataStart = c.position();
                firstLine = c.nextLineNumber();
            } catch (IOException e) {
                throw BadInputException.ofFile(src.displayName(), "cannot read: " + e.getMessage(), e);
            }
            format.decoder(header, src); // a header the format cannot use fails here, before any range runs
            long size;
            try {
                size = Files.size(src.path());
            } catch (IOException e) {
                throw BadInputException.ofFile(src.displayName(), "cannot read: " + e.getMessage(), e);
            }
            long rangeBytes = fixedRangeBytes > 0 ? fixedRangeBytes : rangeBytesFor(src, dataStart, size, batchRows);
            int ranges = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (size - dataStart + rangeBytes - 1) / rangeBytes));
            return new FilePlan(index, src, header, size, dataStart, firstLine, rangeBytes, ranges, null);
        } catch (RuntimeException e) {
            return new FilePlan(index, src, List.of(), 0, 0, 0, 1, 0, e);
        }
    }

    /** Bytes for about a batch of rows, from the mean row length in the first megabyte after the header. */
    private static long rangeBytesFor(SourceFile src, long dataStart, long size, int batchRows) {
        try (FileChannel ch = FileChannel.open(src.path(), StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(SAMPLE_BYTES, Math.max(0, size - dataStart)));
            while (b.hasRemaining() && ch.read(b, dataStart + b.position()) > 0) { }
            int lines = 0;
            for (int i = 0; i < b.position(); i++) if (b.get(i) == '\n') lines++;
            long perRow = lines == 0 ? SAMPLE_BYTES : Math.max(1, b.position() / lines);
            return Math.max(MIN_RANGE, Math.min(MAX_RANGE, perRow * batchRows));
        } catch (IOException e) {
            return MIN_RANGE * 8;
        }
    }

    private record FilePlan(int index, SourceFile source, List<String> header, long size, long dataStart, long firstLine,
                            long rangeBytes, int ranges, RuntimeException failure) {}

    /**
     * One byte range parsed into one batch. {@code from} is the nominal cut (the range starts at the first line
     * start at or after it) or, when {@code trusted}, the exact offset of its first row. Rows starting at or past
     * {@code end} belong to the next range: the first of them is where this parse stops.
     */
    private final class Range implements java.util.concurrent.Callable<Range> {
        final FilePlan plan;
        final int index;
        final long from, end;
        final boolean trusted;
        final RowAppender out;
        long firstRowStart = -1, firstRowLine = -1, stopStart, stopLine, rowsIn;
        Throwable failure;
        final List<BadInputException> skipExamples = new ArrayList<>();
        final Map<String, Long> skipCounts = new TreeMap<>();
        Map<String, Long> violations = Map.of();

        Range(FilePlan plan, int index, long from, boolean trusted, long end, RowAppender out) {
            this.plan = plan;
            this.index = index;
            this.from = from;
            this.trusted = trusted;
            this.end = end;
            this.out = out;
        }

        @Override public Range call() {
            if (plan.failure != null) return this;
            out.reset();
            stopStart = plan.size;
            if (closed) return this;
            try (FileChannel ch = FileChannel.open(plan.source.path(), StandardOpenOption.READ)) {
                long start = trusted ? from : lineStartAtOrAfter(ch, from);
                if (start >= plan.size) { firstRowStart = plan.size; return this; }
                ch.position(start);
                // A buffer about the range's size (it grows for a longer row), so little is read past the range's end.
                int buffer = (int) Math.max(1 << 12, Math.min(1 << 18, end - start + (1 << 12)));
                CsvCursor c = new CsvCursor(Channels.newInputStream(ch), plan.source.displayName(), buffer);
                c.useHeader(plan.header);
                RowDecoder decoder = format.decoder(plan.header, plan.source);
                try {
                    parse(c, start, decoder);
                } finally {
                    violations = decoder.violations();
                }
            } catch (IOException e) {
                failure = BadInputException.ofFile(plan.source.displayName(), "cannot read: " + e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                out.finish();
            }
            return this;
        }

        private void parse(CsvCursor c, long start, RowDecoder decoder) {
            while (c.nextRow()) {
                long rowStart = start + c.rowStart();
                if (firstRowStart < 0) { firstRowStart = rowStart; firstRowLine = c.lineNumber(); }
                if (rowStart >= end) { stopStart = rowStart; stopLine = c.lineNumber(); return; }
                if ((rowsIn & 4095) == 0 && closed) return;
                rowsIn++;
                int mark = out.rowCount();
                try {
                    decoder.decode(c, out);
                } catch (BadInputException e) {
                    if (onError == OnError.FAIL) throw e;
                    out.rollbackTo(mark);
                    if (skipExamples.size() < ReadStats.EXAMPLES) skipExamples.add(e);
                    else skipCounts.merge(e.reason(), 1L, Long::sum);
                }
            }
            if (firstRowStart < 0) firstRowStart = plan.size;
        }
    }

    /** The first offset at or after {@code at} that follows a line feed (or the file size if none does). */
    private static long lineStartAtOrAfter(FileChannel ch, long at) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        long p = at - 1;
        while (true) {
            b.clear();
            int n = ch.read(b, p);
            if (n <= 0) return ch.size();
            for (int i = 0; i < n; i++) if (b.get(i) == '\n') return p + i + 1;
            p += n;
        }
    }

    @Override public void close() {
        closed = true;
        for (Future<Range> f : pending) {
            try { f.get(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); } catch (ExecutionException ignored) { }
        }
        pending.clear();
        for (RowAppender a : appenders) a.close();
        allocator.close();
    }
}
