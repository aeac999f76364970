package dev.thaw.ingest.parquet;

import java.util.HashSet;
import java.util.Set;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;

/** Decides from a sample whether a column repeats enough for Parquet dictionary encoding to pay. */
final class DictionaryChoice {
    static final int SAMPLE = 20_000;
    /** Dictionary-encode when at most this share of sampled values is distinct. */
    static final double MAX_DISTINCT_SHARE = 0.3;

    private DictionaryChoice() {}

    static boolean repetitive(FieldVector v, int from, int to) {
        if (v == null || to <= from) return true;
        int n = Math.min(SAMPLE, to - from);
        Set<Object> seen = new HashSet<>();
        int limit = (int) (n * MAX_DISTINCT_SHARE);
        for (int i = from; i < from + n; i++) {
            if (v.isNull(i)) continue;
            Object key = v instanceof Float8Vector f ? (Object) f.get(i)
                    : v instanceof BigIntVector b ? (Object) b.get(i)
                    : new String(((VarCharVector) v).get(i), java.nio.charset.StandardCharsets.UTF_8);
            if (seen.add(key) && seen.size() > limit) return false;
        }
        return true;
    }
}
