package dev.thaw.simulate.search;

import java.util.Locale;

/** Number format of weights or KV cache, as the CLI names it ({@code --weights}, {@code --kv}). */
public enum Precision {
    BF16(2.0), FP8(1.0), INT8(1.0), INT4(0.5);

    private final double bytes;

    Precision(double bytes) { this.bytes = bytes; }

    /** Bytes per stored value. */
    public double bytes() { return bytes; }

    /** The CLI spelling, e.g. {@code bf16}. */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Precision parse(String s) {
        for (Precision p : values()) if (p.id().equalsIgnoreCase(s.trim())) return p;
        throw new IllegalArgumentException("unknown precision '" + s + "': expected bf16, fp8, int8 or int4");
    }
}
