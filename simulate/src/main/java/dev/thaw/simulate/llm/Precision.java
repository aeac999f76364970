package dev.thaw.simulate.llm;

import java.util.Locale;

/** Number formats of weights and KV cache, with their storage size. INT4 counts group-128 FP16 scales. */
public enum Precision {
    BF16(2.0), FP8(1.0), INT8(1.0), INT4(0.5 + 2.0 / 128);

    private final double bytes;

    Precision(double bytes) { this.bytes = bytes; }

    /** Bytes per element stored. */
    public double bytes() { return bytes; }

    public static Precision parse(String s) {
        String k = s.trim().toUpperCase(Locale.ROOT);
        if (k.equals("FP16") || k.equals("HALF") || k.equals("BFLOAT16")) return BF16;
        try { return valueOf(k); } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown precision '" + s + "': expected bf16, fp8, int8 or int4");
        }
    }

    public String id() { return name().toLowerCase(Locale.ROOT); }
}
