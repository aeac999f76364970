package dev.thaw.workload.synth;

/** A Huawei resource pool: pods of a fixed CPU limit (millicores) and memory limit (MB), e.g. {@code pool22-300-128}. */
public record Pool(int index, int cpuMillicores, int memoryMb) {
    /** The pools seen in the published rows. */
    public static final Pool P22 = new Pool(22, 300, 128), P23 = new Pool(23, 400, 256), P24 = new Pool(24, 600, 512), P26 = new Pool(26, 1000, 1024);

    public String name() { return "pool" + index + "-" + cpuMillicores + "-" + memoryMb; }

    /** Small pods: at most 400 millicores and 256 MB (docs/analytics.md). */
    public boolean isSmall() { return cpuMillicores <= 400 && memoryMb <= 256; }

    public String podId(long seq) { return name() + "-" + String.format("%010d", seq); }
}
