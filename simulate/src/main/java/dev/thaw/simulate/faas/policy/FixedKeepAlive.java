package dev.thaw.simulate.faas.policy;

import dev.thaw.simulate.faas.ColdStartModel;
import dev.thaw.simulate.faas.FunctionCatalog;

/** Every idle pod stays warm for the same time (AWS about 10 min, Azure about 20 min, Huawei 1 min); no pre-warming. */
public final class FixedKeepAlive implements KeepAlivePolicy {
    private final double keepAliveS;

    public FixedKeepAlive(double keepAliveS) {
        if (!(keepAliveS >= 0)) throw new IllegalArgumentException("keep-alive must be >= 0 seconds: " + keepAliveS);
        this.keepAliveS = keepAliveS;
    }

    public double keepAliveS() { return keepAliveS; }

    @Override public void start(FunctionCatalog catalog, ColdStartModel coldStarts) {}
    @Override public void onInvocation(int function, double timeS, double durationS) {}
    @Override public void window(int function, double idleFromS, KeepAliveWindow out) { out.set(0, keepAliveS); }
    @Override public String name() { return "fixed:" + KeepAlivePolicies.formatDuration(keepAliveS); }
}
