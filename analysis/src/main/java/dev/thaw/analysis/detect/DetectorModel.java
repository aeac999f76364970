package dev.thaw.analysis.detect;

import dev.thaw.analysis.agg.Aggregator;
import dev.thaw.analysis.agg.Columns;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The behaviour models of every function, learned in one streaming, mergeable, serialisable pass (the
 * {@link Aggregator} contract). Arrow batches are in long form: {@code funcID}, {@code time} (s, minute start) and
 * one column per metric named by its Huawei 2025 folder ({@code requests}, {@code cpu_usage_avg}, ...; missing
 * columns or null cells = not published). Readers of the wide files call {@link #function} and
 * {@link FunctionModel#add} directly. Memory grows with the number of functions only.
 */
public final class DetectorModel implements Aggregator<DetectorModel> {
    private static final long serialVersionUID = 1L;
    private final TreeMap<String, FunctionModel> functions = new TreeMap<>();

    /** The model of one function, created on first use. */
    public FunctionModel function(String id) { return functions.computeIfAbsent(id, k -> new FunctionModel()); }

    public Map<String, FunctionModel> functions() { return Collections.unmodifiableMap(functions); }

    @Override public void accept(VectorSchemaRoot batch) {
        FieldVector id = Columns.require(batch, "funcID"), time = Columns.require(batch, "time");
        FieldVector[] cols = new FieldVector[Metric.ALL.size()];
        for (Metric m : Metric.ALL) cols[m.ordinal()] = Columns.find(batch, m.huawei2025Folder);
        double[] v = new double[cols.length];
        String lastId = null;
        FunctionModel model = null;
        for (int r = 0; r < batch.getRowCount(); r++) {
            String f = Columns.text(id, r);
            if (!f.equals(lastId)) { model = function(f); lastId = f; }
            for (int c = 0; c < cols.length; c++) v[c] = cols[c] == null || cols[c].isNull(r) ? Double.NaN : Columns.num(cols[c], r);
            model.add(Math.floorDiv((long) Columns.num(time, r), 60), v);
        }
    }

    @Override public DetectorModel merge(DetectorModel other) {
        other.functions.forEach((k, m) -> functions.merge(k, m, FunctionModel::merge));
        return this;
    }

    /** Every function's fingerprint, in id order. */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder();
        functions.forEach((k, m) -> sb.append(k).append('\n').append(m.fingerprint()).append('\n'));
        return sb.toString();
    }
}
