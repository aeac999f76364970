package dev.thaw.ingest.format.huawei2025;

/**
 * Reads the pool out of a Huawei pod id {@code pool<idx>-<cpuMillicores>-<memMB>-<seq>}: the pool name is the
 * first three tokens, and gives the pod's CPU and memory limits. Works on the raw bytes of a CSV field.
 */
final class PodId {
    /** Length of the pool name prefix (up to the third '-'), or -1 when the id is not in the pool format. */
    static int poolNameLength(byte[] b, int off, int len) {
        int dashes = 0;
        for (int i = 0; i < len; i++) {
            if (b[off + i] == '-' && ++dashes == 3) return i;
        }
        return dashes == 2 ? len : -1;
    }

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
