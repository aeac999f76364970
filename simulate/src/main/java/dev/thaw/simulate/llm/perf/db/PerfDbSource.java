package dev.thaw.simulate.llm.perf.db;

import dev.thaw.simulate.llm.hardware.Gpu;

/**
 * Which measured database costs the kernels of a GPU: the bundled one where the GPU was measured (the default), a
 * user's own database for every GPU of the run ({@code --perf-db DIR}), or none (the fitted roofline curves only).
 */
public final class PerfDbSource {
    /** The bundled database of the GPU where there is one, else the fitted curves. */
    public static final PerfDbSource BUNDLED = new PerfDbSource(null, true);
    /** The fitted roofline curves for every GPU. */
    public static final PerfDbSource CURVES_ONLY = new PerfDbSource(null, false);

    private final PerfDatabase user;
    private final boolean bundled;

    private PerfDbSource(PerfDatabase user, boolean bundled) {
        this.user = user;
        this.bundled = bundled;
    }

    /** This database for every GPU (a user's own measurements). */
    public static PerfDbSource of(PerfDatabase db) { return new PerfDbSource(db, false); }

    /** The database for this GPU, or null (fitted curves). */
    public PerfDatabase forGpu(Gpu g) {
        if (user != null) return user;
        return bundled ? PerfDatabase.bundled(g.id()) : null;
    }

    @Override public String toString() { return user != null ? user.name() : bundled ? "bundled" : "curves only"; }
}
