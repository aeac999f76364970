package dev.thaw.simulate.faas;

/**
 * The cluster a replay runs on: capacity limits (pods, CPU millicores, memory MB; {@code Long.MAX_VALUE} or
 * infinity = unlimited), what happens to a request that needs a new pod when the cluster is full, the cold-start
 * model, the price of pod memory-time and the seed of every random draw.
 */
public record PlatformConfig(long maxPods, double cpuMillicores, double memoryMb, WhenFull whenFull,
                             ColdStartModel coldStarts, double pricePerGbS, long seed) {

    /** A request that needs a new pod when the cluster is full either waits for capacity (FIFO) or is rejected. */
    public enum WhenFull { QUEUE, REJECT }

    /** AWS Lambda's published x86 price per GB-second, used when no price is given. */
    public static final double LAMBDA_PRICE_PER_GB_S = 0.0000166667;

    public PlatformConfig {
        if (maxPods < 1) throw new IllegalArgumentException("maxPods must be >= 1");
        if (!(cpuMillicores > 0) || !(memoryMb > 0)) throw new IllegalArgumentException("capacity must be positive");
        if (whenFull == null || coldStarts == null) throw new IllegalArgumentException("whenFull and coldStarts are required");
        if (!(pricePerGbS >= 0)) throw new IllegalArgumentException("price must be >= 0");
    }

    /** Unlimited cluster, Huawei-shaped log-normal cold starts, Lambda price, seed 1. */
    public static PlatformConfig defaults() {
        return new PlatformConfig(Long.MAX_VALUE, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, WhenFull.QUEUE,
                LogNormalColdStartModel.huaweiDefaults(), LAMBDA_PRICE_PER_GB_S, 1L);
    }

    public boolean unlimited() {
        return maxPods == Long.MAX_VALUE && cpuMillicores == Double.POSITIVE_INFINITY && memoryMb == Double.POSITIVE_INFINITY;
    }

    public PlatformConfig withColdStarts(ColdStartModel m) { return new PlatformConfig(maxPods, cpuMillicores, memoryMb, whenFull, m, pricePerGbS, seed); }
    public PlatformConfig withCapacity(long pods, double cpu, double mem, WhenFull w) { return new PlatformConfig(pods, cpu, mem, w, coldStarts, pricePerGbS, seed); }
    public PlatformConfig withSeed(long s) { return new PlatformConfig(maxPods, cpuMillicores, memoryMb, whenFull, coldStarts, pricePerGbS, s); }
}
