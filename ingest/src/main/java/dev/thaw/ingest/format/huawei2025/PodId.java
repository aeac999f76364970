package dev.thaw.ingest.format.huawei2025;

/** Numbers inside a Huawei pod id {@code pool<idx>-<cpuMillicores>-<memMB>-<seq>}, read from the raw bytes of a field. */
final class PodId {
    /** The decimal number in bytes [from, to), or -1 when empty or not all digits. */
    static long digits(byte[] b, int from, int to) {
        if (from >= to || to - from > 18) return -1;
        long v = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private PodId() {}
}
