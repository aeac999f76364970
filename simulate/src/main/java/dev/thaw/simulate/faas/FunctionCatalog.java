package dev.thaw.simulate.faas;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The functions a platform hosts, indexed densely from 0 like {@link dev.thaw.workload.faas.Invocation#function()}:
 * each has a pod size (CPU millicores, memory MB), a per-pod concurrency limit, the app it belongs to and a runtime.
 * Immutable once built.
 */
public final class FunctionCatalog implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final String[] names;
    private final int[] cpuMillicores;
    private final int[] memoryMb;
    private final int[] concurrency;
    private final int[] app;
    private final String[] runtime;

    private FunctionCatalog(Builder b) {
        int n = b.names.size();
        names = b.names.toArray(new String[0]);
        cpuMillicores = Arrays.copyOf(b.cpu, n);
        memoryMb = Arrays.copyOf(b.mem, n);
        concurrency = Arrays.copyOf(b.conc, n);
        app = Arrays.copyOf(b.app, n);
        runtime = b.runtime.toArray(new String[0]);
    }

    /** {@code n} identical functions, each its own app. */
    public static FunctionCatalog uniform(int n, int cpuMillicores, int memoryMb, int concurrency) {
        Builder b = builder();
        for (int i = 0; i < n; i++) b.add("f" + i, cpuMillicores, memoryMb, concurrency, i, "unknown");
        return b.build();
    }

    public static Builder builder() { return new Builder(); }

    /** The same functions with every per-pod concurrency limit set to {@code limit}. */
    public FunctionCatalog withConcurrency(int limit) {
        Builder b = builder();
        for (int f = 0; f < size(); f++) b.add(names[f], cpuMillicores[f], memoryMb[f], limit, app[f], runtime[f]);
        return b.build();
    }

    public int size() { return names.length; }
    public String name(int f) { return names[f]; }
    public int cpuMillicores(int f) { return cpuMillicores[f]; }
    public int memoryMb(int f) { return memoryMb[f]; }
    public int concurrency(int f) { return concurrency[f]; }
    public int app(int f) { return app[f]; }
    public String runtime(int f) { return runtime[f]; }

    /** Number of distinct apps (app ids are dense from 0). */
    public int apps() {
        int max = -1;
        for (int a : app) max = Math.max(max, a);
        return max + 1;
    }

    /** Small pods per the Huawei paper: at most 400 millicores and 256 MB. */
    public boolean isSmallPod(int f) { return cpuMillicores[f] <= 400 && memoryMb[f] <= 256; }

    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<String> runtime = new ArrayList<>();
        private int[] cpu = new int[16], mem = new int[16], conc = new int[16], app = new int[16];

        /** Adds the next function (its index is the number added before it). App ids must be dense from 0. */
        public Builder add(String name, int cpuMillicores, int memoryMb, int concurrency, int appId, String runtimeName) {
            if (cpuMillicores <= 0 || memoryMb <= 0) throw new IllegalArgumentException("function " + name + ": pod size must be positive, got " + cpuMillicores + " millicores, " + memoryMb + " MB");
            if (concurrency < 1) throw new IllegalArgumentException("function " + name + ": concurrency limit must be >= 1, got " + concurrency);
            if (appId < 0) throw new IllegalArgumentException("function " + name + ": negative app id");
            int i = names.size();
            if (i == cpu.length) {
                int m = i * 2;
                cpu = Arrays.copyOf(cpu, m); mem = Arrays.copyOf(mem, m); conc = Arrays.copyOf(conc, m); app = Arrays.copyOf(app, m);
            }
            names.add(name);
            runtime.add(runtimeName == null ? "unknown" : runtimeName);
            cpu[i] = cpuMillicores; mem[i] = memoryMb; conc[i] = concurrency; app[i] = appId;
            return this;
        }

        public int size() { return names.size(); }

        public FunctionCatalog build() { return new FunctionCatalog(this); }
    }
}
