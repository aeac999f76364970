package dev.thaw.simulate.llm.hardware;

/**
 * One accelerator from the hardware catalog. Throughputs are dense tensor FLOP/s (no sparsity) in TFLOP/s;
 * {@code fp8Tflops}/{@code int8Tops} are 0 where the device has no such units (the model then computes at BF16
 * rate). {@code memoryGib} is the usable memory the driver reports; {@code memoryGb} the vendor figure.
 */
public record Gpu(String id, double memoryGb, double memoryGib, double memBandwidthGBs, double bf16Tflops,
                  double fp8Tflops, double int8Tops, Link intraNode, double tdpW, double idleW, double pricePerHourUsd) {
    public Gpu {
        if (!(memoryGib > 0) || !(memBandwidthGBs > 0) || !(bf16Tflops > 0) || !(tdpW > 0))
            throw new IllegalArgumentException("gpu " + id + ": memory, bandwidth, bf16 throughput and TDP must be positive");
    }

    public double memoryBytes() { return memoryGib * 1024d * 1024 * 1024; }
    public double memBytesPerS() { return memBandwidthGBs * 1e9; }
    public double bf16FlopsPerS() { return bf16Tflops * 1e12; }
    public boolean hasFp8() { return fp8Tflops > 0; }
}
