package dev.thaw.simulate.llm.hardware;

/**
 * One level of interconnect as one GPU sees it. {@code bandwidthGBs} is the vendor figure per GPU and direction
 * (GB/s = 1e9 B/s; NVLink 4 "900 GB/s bidirectional" is 450 here); {@code efficiency} is the share of it NCCL
 * reaches as bus bandwidth for large messages; {@code latencyUs} the per-hop latency of the alpha-beta model.
 */
public record Link(String name, double bandwidthGBs, double latencyUs, double efficiency, double energyPjPerBit) {
    public Link {
        if (!(bandwidthGBs > 0) || latencyUs < 0 || !(efficiency > 0 && efficiency <= 1))
            throw new IllegalArgumentException("link " + name + ": bandwidth must be > 0, latency >= 0, efficiency in (0,1]");
    }

    /** Achievable bytes per second in one direction. */
    public double achievableBytesPerS() { return bandwidthGBs * 1e9 * efficiency; }

    /**
     * InfiniBand NDR 400 Gb/s per GPU (50 GB/s a direction), the typical H100 cluster fabric of docs/serving.md;
     * 80% efficiency and 5 us latency (NCCL over IB measurements are typically 40 GB/s bus bandwidth), ~10 pJ/bit
     * for NIC, switch and optics (order of magnitude of published IB energy figures).
     */
    public static Link infinibandNdr() { return new Link("InfiniBand NDR", 50, 5.0, 0.8, 10.0); }
}
