package dev.thaw.simulate.faas.policy;

/**
 * A policy's decision for a pod that goes idle, written into a reused holder so the hot path allocates nothing.
 * {@code prewarmS == 0}: the pod stays loaded for {@code keepAliveS} after it goes idle. {@code prewarmS > 0}: the
 * pod is unloaded as soon as it goes idle, and a fresh pod is pre-warmed {@code prewarmS} later and kept for
 * {@code keepAliveS} once it is ready. {@code keepAliveS} may be {@code +Infinity} (kept until evicted).
 */
public final class KeepAliveWindow {
    public double prewarmS;
    public double keepAliveS;

    public KeepAliveWindow set(double prewarmS, double keepAliveS) {
        this.prewarmS = prewarmS;
        this.keepAliveS = keepAliveS;
        return this;
    }

    @Override public String toString() { return "prewarm " + prewarmS + " s, keep-alive " + keepAliveS + " s"; }
}
