package dev.thaw.analysis.agg;

import dev.thaw.ingest.OnError;
import dev.thaw.ingest.TraceReader;
import dev.thaw.ingest.Traces;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Bridges the ingest layer to the aggregation runner: one input per file, so files aggregate in parallel. */
public final class TraceInputs {
    private TraceInputs() {}

    /** One file of a resolved input, with its format. */
    public record Input(Traces.Group group, String displayName) {
        public String formatId() { return group.format().id(); }
    }

    /** Resolves paths (files, folders, zips, globs) into single-file inputs, grouped by format id (input order kept). */
    public static List<Input> resolve(List<String> specs, String formatId) {
        List<Input> out = new ArrayList<>();
        for (String spec : specs) {
            Traces.Plan plan = Traces.plan(spec, formatId);
            for (Traces.Group g : plan.groups())
                for (var f : g.files()) out.add(new Input(new Traces.Group(g.format(), List.of(f), g.columnar()), f.displayName()));
        }
        return out;
    }

    public static BatchSource open(Input input) {
        return of(Traces.open(input.group(), OnError.FAIL));
    }

    public static BatchSource of(TraceReader r) {
        return new BatchSource() {
            @Override public boolean next() { return r.next(); }
            @Override public VectorSchemaRoot root() { return r.root(); }
            @Override public void close() { r.close(); }
        };
    }
}
