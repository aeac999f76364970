package dev.thaw.ingest.text;

import dev.thaw.ingest.BadInputException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipException;

/**
 * A streaming RFC 4180 CSV reader over bytes: fields are offsets into one reusable buffer, so a row costs no
 * allocation. Quoted fields (with doubled quotes and embedded newlines) are unescaped in place. A line longer than
 * {@link #MAX_LINE_BYTES} is an error rather than an unbounded buffer.
 */
public final class CsvCursor extends BufferedFields implements AutoCloseable {
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    public static final int MAX_LINE_BYTES = 64 << 20;
    private static final byte[] NAN = "NaN".getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;
    private final String sourceName;
    private int pos, limit;
    private boolean eof;
    private int nFields;
    private boolean[] quoted = new boolean[64];
    private boolean anyQuoted;
    private long line; // line number of the current row's first line
    private long nextLine = 1;
    /** Offset in the stream of buf[0], and of the current row's first byte. */
    private long base, rowStart;
    private List<String> header = List.of();

    public CsvCursor(InputStream in, String sourceName) {
        this(in, sourceName, 1 << 20);
    }

    /** With a buffer of {@code bufferBytes} to start with (it grows for longer rows). */
    CsvCursor(InputStream in, String sourceName, int bufferBytes) {
        super(bufferBytes, 64);
        this.in = in;
        this.sourceName = sourceName;
    }

    /** Names the columns for error messages when the header was read elsewhere (a byte range of a larger file). */
    void useHeader(List<String> names) { header = List.copyOf(names); }

    /** Offset in the stream of the current row's first byte (blank lines before it skipped). */
    long rowStart() { return rowStart; }

    /** Bytes of the stream consumed so far: the offset where the next row starts. */
    long position() { return base + pos; }

    /** The line number the next row starts on. */
    long nextLineNumber() { return nextLine; }

    /** Reads the header row; an empty file is an error. Strips a UTF-8 byte-order mark. */
    public List<String> readHeader() {
        if (!nextRow()) throw BadInputException.ofFile(sourceName, "empty file: expected a header row", null);
        if (nFields > 0 && length(0) >= 3 && (buf[starts[0]] & 0xff) == 0xEF && (buf[starts[0] + 1] & 0xff) == 0xBB
                && (buf[starts[0] + 2] & 0xff) == 0xBF) starts[0] += 3;
        List<String> names = new ArrayList<>(nFields);
        for (int i = 0; i < nFields; i++) names.add(getString(i).trim());
        header = List.copyOf(names);
        return header;
    }

    @Override public List<String> header() { return header; }

    /** Advances to the next non-blank row; false at the end of the input. */
    public boolean nextRow() {
        while (true) {
            int r = scanRow();
            if (r < 0) return false;
            if (!(nFields == 1 && ends[0] == starts[0])) return true; // skip blank lines
        }
    }

    /**
     * Tokenises one row without quotes that lies whole in the buffer (with eight bytes to spare), eight bytes at a
     * time: every comma and line feed of a word is found from one bit mask, where {@link #scanRow} looks for the end
     * of each field on its own. Returns false, having changed nothing the caller reads, for anything else (a quote,
     * a row crossing the buffer end), which {@link #scanRow} then tokenises from the same start.
     */
    private boolean scanPlainRow() {
        int p = pos, fieldStart = p, n = 0;
        while (p + 8 <= limit) {
            long w = (long) LONGS.get(buf, p);
            long m = exactZeroBytes(w ^ 0x2C2C2C2C2C2C2C2CL) | exactZeroBytes(w ^ 0x0A0A0A0A0A0A0A0AL) | exactZeroBytes(w ^ 0x2222222222222222L);
            for (; m != 0; m &= m - 1) {
                int q = p + (Long.numberOfTrailingZeros(m) >>> 3);
                byte c = buf[q];
                if (c == ',') {
                    if (n == starts.length) growFields();
                    starts[n] = fieldStart;
                    ends[n++] = q;
                    fieldStart = q + 1;
                } else if (c == '\n') {
                    if (n == starts.length) growFields();
                    starts[n] = fieldStart;
                    ends[n++] = q > fieldStart && buf[q - 1] == '\r' ? q - 1 : q;
                    nFields = n;
                    anyQuoted = false;
                    rowStart = base + pos;
                    line = nextLine;
                    nextLine++;
                    pos = q + 1;
                    return true;
                } else {
                    return false; // a quote: the general scanner knows its rules
                }
            }
            p += 8;
        }
        return false;
    }

    /** A word with the high bit set in exactly the bytes that are zero. */
    private static long exactZeroBytes(long x) {
        return ~(((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x | 0x7F7F7F7F7F7F7F7FL);
    }

    private void growFields() {
        starts = Arrays.copyOf(starts, starts.length * 2);
        ends = Arrays.copyOf(ends, ends.length * 2);
        quoted = Arrays.copyOf(quoted, quoted.length * 2);
    }

    /** Tokenises one row starting at pos; returns -1 at EOF. Refills and restarts when the row crosses the buffer end. */
    private int scanRow() {
        if (scanPlainRow()) return nFields;
        while (true) {
            if (pos >= limit && !fill()) return -1;
            int p = pos, lines = 0;
            nFields = 0;
            boolean complete = false;
            int fieldStart = p;
            anyQuoted = false;
            while (p < limit) {
                byte c = buf[p];
                if (c == '"' && p == fieldStart) {
                    // Quoted field: find the closing quote first; unescape only once the whole row is buffered,
                    // because a row that crosses the buffer end is scanned again from its start.
                    int q = p + 1;
                    boolean closed = false;
                    while (q < limit) {
                        byte d = buf[q];
                        if (d == '"') {
                            if (q + 1 < limit && buf[q + 1] == '"') { q += 2; continue; }
                            if (q + 1 >= limit && !eof) break;
                            closed = true;
                            break;
                        }
                        if (d == '\n') lines++;
                        q++;
                    }
                    if (!closed) {
                        if (eof) throw new BadInputException(sourceName, nextLine, null, null, "unterminated quoted field at end of input");
                        break;
                    }
                    addField(p + 1, q);
                    quoted[nFields - 1] = true;
                    anyQuoted = true;
                    p = q + 1;
                    if (p < limit && buf[p] == '\r') p++;
                    if (p >= limit) { if (eof) { complete = true; break; } break; }
                    if (buf[p] == ',') { p++; fieldStart = p; if (p >= limit && eof) { addField(p, p); complete = true; break; } continue; }
                    if (buf[p] == '\n') { p++; complete = true; break; }
                    throw new BadInputException(sourceName, nextLine + lines, columnName(nFields - 1), null,
                            "expected ',' or end of line after a closing quote");
                } else if (c == ',') {
                    addField(fieldStart, p);
                    p++;
                    fieldStart = p;
                    if (p >= limit && eof) { addField(p, p); complete = true; break; }
                } else if (c == '\n') {
                    int e = p > fieldStart && buf[p - 1] == '\r' ? p - 1 : p;
                    addField(fieldStart, e);
                    p++;
                    complete = true;
                    break;
                } else {
                    p++;
                    // Ordinary bytes, eight at a time, up to the next comma, line feed or quote.
                    while (p + 8 <= limit) {
                        long m = specialBytes((long) LONGS.get(buf, p));
                        if (m != 0) { p += Long.numberOfTrailingZeros(m) >>> 3; break; }
                        p += 8;
                    }
                    if (p >= limit && eof) {
                        int e = p > fieldStart && buf[p - 1] == '\r' ? p - 1 : p;
                        addField(fieldStart, e);
                        complete = true;
                        break;
                    }
                }
            }
            if (complete) {
                if (anyQuoted) unescapeQuoted();
                rowStart = base + pos;
                line = nextLine;
                nextLine += lines + 1;
                pos = p;
                return nFields;
            }
            if (eof) {
                throw new BadInputException(sourceName, nextLine, null, null, "unterminated quoted field at end of input");
            }
            // The row crosses the end of the buffer: move it to the front (growing if needed) and scan again.
            compactOrGrow();
        }
    }

    /**
     * A word with the high bit set in each byte that is ',', '\n' or '"' (exact for the lowest such byte, which is
     * all the caller uses; bytes above it may be flagged falsely).
     */
    private static long specialBytes(long w) {
        return zeroBytes(w ^ 0x2C2C2C2C2C2C2C2CL) | zeroBytes(w ^ 0x0A0A0A0A0A0A0A0AL) | zeroBytes(w ^ 0x2222222222222222L);
    }

    private static long zeroBytes(long x) { return (x - 0x0101010101010101L) & ~x & 0x8080808080808080L; }

    private void unescapeQuoted() {
        for (int f = 0; f < nFields; f++) {
            if (!quoted[f]) continue;
            quoted[f] = false;
            int w = starts[f];
            for (int r = starts[f]; r < ends[f]; r++) {
                buf[w++] = buf[r];
                if (buf[r] == '"') r++; // a doubled quote stands for one
            }
            ends[f] = w;
        }
    }

    private void addField(int s, int e) {
        if (nFields == starts.length) {
            starts = Arrays.copyOf(starts, nFields * 2);
            ends = Arrays.copyOf(ends, nFields * 2);
            quoted = Arrays.copyOf(quoted, nFields * 2);
        }
        quoted[nFields] = false;
        starts[nFields] = s;
        ends[nFields] = e;
        nFields++;
    }

    private void compactOrGrow() {
        int rest = limit - pos;
        if (pos == 0) {
            if (buf.length >= MAX_LINE_BYTES)
                throw new BadInputException(sourceName, nextLine, null, null,
                        "a line longer than " + (MAX_LINE_BYTES >> 20) + " MiB: not a trace row (wrong file or missing line breaks?)");
            buf = Arrays.copyOf(buf, Math.min(MAX_LINE_BYTES, buf.length * 2));
        } else {
            System.arraycopy(buf, pos, buf, 0, rest);
            base += pos;
            pos = 0;
            limit = rest;
        }
        readMore();
    }

    private boolean fill() {
        if (eof) return false;
        base += limit;
        pos = 0;
        limit = 0;
        readMore();
        return limit > 0;
    }

    private void readMore() {
        try {
            int n = in.readNBytes(buf, limit, buf.length - limit);
            if (n <= 0 || limit + n < buf.length) eof = true;
            if (n > 0) limit += n;
        } catch (EOFException | ZipException e) {
            throw BadInputException.ofFile(sourceName, "truncated or corrupt compressed input (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw BadInputException.ofFile(sourceName, "cannot read: " + e.getMessage(), e);
        }
    }

    private String columnName(int i) { return i >= 0 && i < header.size() ? header.get(i) : null; }

    @Override public int fieldCount() { return nFields; }
    @Override public long lineNumber() { return line; }
    @Override public String sourceName() { return sourceName; }

    @Override public boolean isMissing(int i) {
        if (i >= nFields) return true;
        int s = starts[i], n = ends[i] - s;
        if (n == 0) return true;
        if (n == 3) {
            byte a = buf[s], b = buf[s + 1], c = buf[s + 2];
            return (a == 'N' || a == 'n') && (b == 'a' || b == 'A') && (c == 'N' || c == 'n');
        }
        return n == 4 && buf[s] == 'n' && buf[s + 1] == 'u' && buf[s + 2] == 'l' && buf[s + 3] == 'l';
    }




    @Override public void close() throws IOException { in.close(); }

    static boolean isNanLiteral(byte[] b) { return Arrays.equals(b, NAN); }
}
