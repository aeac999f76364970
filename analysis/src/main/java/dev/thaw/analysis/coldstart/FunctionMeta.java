package dev.thaw.analysis.coldstart;

import dev.thaw.analysis.agg.BatchSource;
import dev.thaw.analysis.agg.Columns;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Runtime and trigger per funcID (Huawei 2025 function metadata, Region 2), for joining onto cold starts. */
public record FunctionMeta(Map<String, String[]> byFuncId) implements Serializable {
    public static final FunctionMeta NONE = new FunctionMeta(Map.of());
    public static final String TRIGGER_COLUMN = "triggerType-invocationType";

    public String runtime(String funcId) {
        String[] v = funcId == null ? null : byFuncId.get(funcId);
        return v == null ? null : v[0];
    }

    public String trigger(String funcId) {
        String[] v = funcId == null ? null : byFuncId.get(funcId);
        return v == null ? null : v[1];
    }

    public boolean isEmpty() { return byFuncId.isEmpty(); }

    /** Reads the metadata table (columns funcID, runtime, triggerType-invocationType). */
    public static FunctionMeta read(BatchSource src) throws Exception {
        Map<String, String[]> m = new TreeMap<>();
        try (src) {
            while (src.next()) {
                VectorSchemaRoot b = src.root();
                FieldVector id = Columns.require(b, "funcID"), rt = Columns.require(b, "runtime"), tr = Columns.require(b, TRIGGER_COLUMN);
                for (int i = 0; i < b.getRowCount(); i++) {
                    String f = Columns.text(id, i);
                    if (f != null) m.put(f, new String[] {Columns.text(rt, i), Columns.text(tr, i)});
                }
            }
        }
        return new FunctionMeta(m);
    }
}
