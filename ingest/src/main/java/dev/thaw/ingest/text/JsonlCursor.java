package dev.thaw.ingest.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thaw.ingest.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * JSON lines seen as rows: the keys of the first object are the header; each later object's values are its fields,
 * in header order. Arrays become their elements separated by spaces (Mooncake's {@code hash_ids}).
 */
public final class JsonlCursor extends BufferedFields implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedReader in;
    private final String sourceName;
    private List<String> header = List.of();
    private JsonNode pending;
    private long line, pendingLine;
    private boolean[] missing = new boolean[16];
    private int n;

    public JsonlCursor(InputStream in, String sourceName) {
        super(4096, 16);
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        this.sourceName = sourceName;
    }

    public List<String> readHeader() {
        JsonNode first = readObject();
        if (first == null) throw BadInputException.ofFile(sourceName, "empty file: expected JSON objects, one per line", null);
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = first.fieldNames(); it.hasNext(); ) keys.add(it.next());
        header = List.copyOf(keys);
        pending = first;
        pendingLine = line;
        return header;
    }

    private JsonNode readObject() {
        try {
            String s;
            while ((s = readLine()) != null) {
                if (s.isBlank()) continue;
                JsonNode node;
                try {
                    node = JSON.readTree(s);
                } catch (JsonProcessingException e) {
                    throw new BadInputException(sourceName, line, null, s, "expected one JSON object per line (" + e.getOriginalMessage() + ")");
                }
                if (node == null || !node.isObject()) throw new BadInputException(sourceName, line, null, s, "expected a JSON object");
                return node;
            }
            return null;
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw BadInputException.ofFile(sourceName, "truncated or corrupt compressed input (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw BadInputException.ofFile(sourceName, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The next line without its line break, or null at the end. Unlike {@link BufferedReader#readLine()}, stops with
     * an error once a line passes the limit, so a file without line breaks cannot exhaust memory.
     */
    private String readLine() throws IOException {
        lineChars.setLength(0);
        boolean any = false;
        while (true) {
            if (cpos == clim) {
                clim = in.read(cbuf, 0, cbuf.length);
                cpos = 0;
                if (clim <= 0) {
                    clim = 0;
                    if (!any) return null;
                    line++;
                    return lineChars.toString();
                }
            }
            any = true;
            int start = cpos;
            while (cpos < clim && cbuf[cpos] != '\n') cpos++;
            if (lineChars.length() + (cpos - start) > CsvCursor.MAX_LINE_BYTES)
                throw new BadInputException(sourceName, line + 1, null, null, "a line longer than " + (CsvCursor.MAX_LINE_BYTES >> 20) + " MiB: not a trace row (wrong file or missing line breaks?)");
            lineChars.append(cbuf, start, cpos - start);
            if (cpos < clim) {
                cpos++; // the '\n'
                line++;
                int n = lineChars.length();
                if (n > 0 && lineChars.charAt(n - 1) == '\r') lineChars.setLength(n - 1);
                return lineChars.toString();
            }
        }
    }

    private final char[] cbuf = new char[1 << 16];
    private int cpos, clim;
    private final StringBuilder lineChars = new StringBuilder();

    public boolean nextRow() {
        JsonNode node;
        long at;
        if (pending != null) { node = pending; at = pendingLine; pending = null; } else { node = readObject(); at = line; }
        if (node == null) return false;
        line = Math.max(line, at);
        currentLine = at;
        n = header.size();
        if (starts.length < n) { starts = new int[n]; ends = new int[n]; missing = new boolean[n]; }
        int w = 0;
        for (int i = 0; i < n; i++) {
            JsonNode v = node.get(header.get(i));
            missing[i] = v == null || v.isNull();
            byte[] bytes = missing[i] ? new byte[0] : text(v).getBytes(StandardCharsets.UTF_8);
            if (w + bytes.length > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, w + bytes.length));
            System.arraycopy(bytes, 0, buf, w, bytes.length);
            starts[i] = w;
            w += bytes.length;
            ends[i] = w;
        }
        return true;
    }

    private long currentLine;

    private static String text(JsonNode v) {
        if (v.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode e : v) { if (sb.length() > 0) sb.append(' '); sb.append(e.asText()); }
            return sb.toString();
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    @Override public List<String> header() { return header; }
    @Override public int fieldCount() { return n; }
    @Override public long lineNumber() { return currentLine; }
    @Override public String sourceName() { return sourceName; }
    @Override public boolean isMissing(int i) { return i >= n || missing[i] || ends[i] == starts[i]; }




    @Override public void close() throws IOException { in.close(); }
}
