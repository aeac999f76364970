package dev.thaw.simulate.llm.calibrate;

import dev.thaw.simulate.llm.perf.db.PerfDbSource;
import java.util.Map;

/**
 * How measured cases are replayed, beyond the engine profile: where kernel times come from, and the client model of
 * fixed-length closed loops, one per collection of runs with a default for the others ({@link ClosedLoopClients}).
 * Immutable: a fit tries client models by making new settings, so nothing global changes under a running validation.
 */
public record ReplaySettings(PerfDbSource perfDb, ClosedLoopClients.ClientModel clients, Map<String, ClosedLoopClients.ClientModel> clientsByCollection) {
    /** The bundled kernel databases and the client models fitted with the bundled vLLM V1 overheads. */
    public static final ReplaySettings BUNDLED = new ReplaySettings(PerfDbSource.BUNDLED, ClosedLoopClients.ClientModel.DEFAULT, ClosedLoopClients.BUNDLED);

    public ReplaySettings {
        if (perfDb == null) perfDb = PerfDbSource.BUNDLED;
        if (clients == null) throw new IllegalArgumentException("replay settings need a default client model");
        clientsByCollection = Map.copyOf(clientsByCollection);
    }

    public ReplaySettings withPerfDb(PerfDbSource db) { return new ReplaySettings(db, clients, clientsByCollection); }

    /** One client model per collection (and the default for the others). */
    public ReplaySettings withClients(ClosedLoopClients.ClientModel dflt, Map<String, ClosedLoopClients.ClientModel> byCollection) {
        return new ReplaySettings(perfDb, dflt, byCollection);
    }

    /** One client model for every case, whatever its collection. */
    public ReplaySettings withClients(ClosedLoopClients.ClientModel every) { return withClients(every, Map.of()); }

    /** The client model a case is simulated with: its collection's, else the default. */
    public ClosedLoopClients.ClientModel clientsOf(MeasuredCase c) { return clientsByCollection.getOrDefault(c.collection(), clients); }
}
