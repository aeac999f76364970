package dev.thaw.ingest.format.huawei2025;

import dev.thaw.ingest.batch.RowAppender;
import dev.thaw.ingest.text.Fields;
import dev.thaw.ingest.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Derived keys shared by the Huawei 2025 tables: pool, its CPU and memory limits, and the function id. */
final class HuaweiDerivations {
    private static final byte[] SEP = "---".getBytes(StandardCharsets.US_ASCII);
    private byte[] scratch = new byte[128];

    /**
     * Writes poolName, cpuLimitMillicores, memLimitMb and funcID (= funcName---userID---poolName) at the given output
     * columns. Rows whose podID is not in the pool format get nulls there.
     */
    void derive(Fields row, int podIdx, int funcNameIdx, int userIdx, RowAppender out,
                int poolCol, int cpuCol, int memCol, int funcIdCol) {
        if (podIdx < 0 || row.isMissing(podIdx)) return;
        byte[] b = row.buffer();
        int off = row.start(podIdx), len = row.length(podIdx);
        // pool<idx>-<cpu>-<mem>-<seq>: the pool name ends at the third dash; the two numbers sit between the first three.
        int d1 = -1, d2 = -1, poolLen = -1;
        for (int i = 0; i < len; i++) {
            if (b[off + i] != '-') continue;
            if (d1 < 0) d1 = off + i;
            else if (d2 < 0) d2 = off + i;
            else { poolLen = i; break; }
        }
        if (poolLen < 0 && d2 >= 0) poolLen = len; // a pool name without the sequence number
        if (poolLen <= 0) return;
        out.setString(poolCol, b, off, poolLen);
        long cpu = PodId.digits(b, d1 + 1, d2), mem = PodId.digits(b, d2 + 1, off + poolLen);
        if (cpu >= 0) out.setLong(cpuCol, cpu);
        if (mem >= 0) out.setLong(memCol, mem);
        if (funcNameIdx < 0 || userIdx < 0 || row.isMissing(funcNameIdx) || row.isMissing(userIdx)) return;
        int fl = row.length(funcNameIdx), ul = row.length(userIdx);
        int n = fl + ul + poolLen + 6;
        if (scratch.length < n) scratch = new byte[n * 2];
        int w = 0;
        w = copyInteger(b, row.start(funcNameIdx), fl, w);
        System.arraycopy(SEP, 0, scratch, w, 3); w += 3;
        w = copyInteger(b, row.start(userIdx), ul, w);
        System.arraycopy(SEP, 0, scratch, w, 3); w += 3;
        System.arraycopy(b, off, scratch, w, poolLen); w += poolLen;
        out.setString(funcIdCol, scratch, 0, w);
    }

    /** Copies an id field, dropping a ".0" fraction that some exports add to integer ids. */
    private int copyInteger(byte[] b, int off, int len, int w) {
        int l = len;
        int dot = -1;
        for (int i = 0; i < len; i++) if (b[off + i] == '.') { dot = i; break; }
        if (dot >= 0) {
            boolean zeros = true;
            for (int i = dot + 1; i < len; i++) if (b[off + i] != '0') zeros = false;
            if (zeros) l = dot;
        }
        System.arraycopy(b, off, scratch, w, l);
        return w + l;
    }

    /**
     * Where a file's region comes from: its own {@code region} column when it has one (the published excerpts), else
     * the R<n> of its path, else {@code fallback}.
     */
    record RegionSource(int column, byte[] hint) {
        static RegionSource of(List<String> header, SourceFile file, String fallback) {
            String r = file.hints().region() != null ? file.hints().region() : fallback;
            return new RegionSource(header.indexOf("region"), r == null ? null : r.getBytes(StandardCharsets.UTF_8));
        }

        void write(Fields row, RowAppender out, int regionCol) {
            if (column >= 0 && !row.isMissing(column)) out.setString(regionCol, row.buffer(), row.start(column), row.length(column));
            else if (hint != null) out.setString(regionCol, hint, 0, hint.length);
        }
    }
}
