package dev.thaw.ingest.text;

import java.nio.charset.StandardCharsets;

/**
 * Fields held as offsets into one reusable UTF-8 buffer, with the typed accessors every text source shares: numbers
 * parsed straight from the bytes, failures reported with file, line and column.
 */
abstract class BufferedFields implements Fields {
    protected byte[] buf;
    protected int[] starts, ends;
    private final boolean[] ok = new boolean[1];

    BufferedFields(int bufferBytes, int fields) {
        buf = new byte[bufferBytes];
        starts = new int[fields];
        ends = new int[fields];
    }

    @Override public final byte[] buffer() { return buf; }
    @Override public final int start(int i) { return starts[i]; }
    @Override public final int length(int i) { return ends[i] - starts[i]; }

    @Override public final double getDouble(int i) {
        double v = NumberParser.parseDouble(buf, starts[i], ends[i] - starts[i], ok);
        if (!ok[0]) throw bad(i, "expected a number");
        return v;
    }

    @Override public final long getLong(int i) {
        long v = NumberParser.parseLong(buf, starts[i], ends[i] - starts[i], ok);
        if (!ok[0]) throw bad(i, "expected an integer");
        return v;
    }

    @Override public final String getString(int i) { return new String(buf, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8); }
}
