package dev.thaw.analysis.utility;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thaw.analysis.coldstart.FunctionMeta;
import dev.thaw.analysis.table.ResultTable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class UtilityAggregatorTest {
    static Field f64(String n) { return new Field(n, FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null); }
    static Field str(String n) { return new Field(n, FieldType.nullable(ArrowType.Utf8.INSTANCE), null); }
    static Field i64(String n) { return new Field(n, FieldType.nullable(new ArrowType.Int(64, true)), null); }

    static VectorSchemaRoot coldStarts(BufferAllocator a, Object[][] rows) {
        VectorSchemaRoot r = VectorSchemaRoot.create(new Schema(List.of(f64("time"), f64("totalCost_cold_start"), str("podID"), str("funcID"),
                i64("cpuLimitMillicores"), i64("memLimitMb"))), a);
        r.allocateNew();
        for (int i = 0; i < rows.length; i++) {
            ((Float8Vector) r.getVector(0)).setSafe(i, (double) rows[i][0]);
            ((Float8Vector) r.getVector(1)).setSafe(i, (double) rows[i][1]);
            ((VarCharVector) r.getVector(2)).setSafe(i, ((String) rows[i][2]).getBytes(StandardCharsets.UTF_8));
            ((VarCharVector) r.getVector(3)).setSafe(i, ((String) rows[i][3]).getBytes(StandardCharsets.UTF_8));
            ((BigIntVector) r.getVector(4)).setSafe(i, (long) rows[i][4]);
            ((BigIntVector) r.getVector(5)).setSafe(i, (long) rows[i][5]);
        }
        r.setRowCount(rows.length);
        return r;
    }

    static VectorSchemaRoot requests(BufferAllocator a, Object[][] rows) {
        VectorSchemaRoot r = VectorSchemaRoot.create(new Schema(List.of(f64("time_worker"), f64("totalCost_worker"), str("podID"))), a);
        r.allocateNew();
        for (int i = 0; i < rows.length; i++) {
            ((Float8Vector) r.getVector(0)).setSafe(i, (double) rows[i][0]);
            ((Float8Vector) r.getVector(1)).setSafe(i, (double) rows[i][1]);
            ((VarCharVector) r.getVector(2)).setSafe(i, ((String) rows[i][2]).getBytes(StandardCharsets.UTF_8));
        }
        r.setRowCount(rows.length);
        return r;
    }

    @Test void handComputedRatiosWithBothEndpointChoices() {
        try (BufferAllocator a = new RootAllocator();
             VectorSchemaRoot cs = coldStarts(a, new Object[][] {
                     {100.0, 2.0, "podA", "f1", 300L, 128L},   // small, Python3
                     {200.0, 0.5, "podB", "f2", 600L, 512L},   // large, Java
                     {300.0, 1.0, "podC", "f1", 300L, 128L}}); // no requests
             VectorSchemaRoot rq1 = requests(a, new Object[][] {{101.0, 0.5, "podA"}, {200.6, 0.1, "podB"}, {150.0, 1.0, "podD"}});
             VectorSchemaRoot rq2 = requests(a, new Object[][] {{120.0, 2.0, "podA"}, {200.2, 0.05, "podB"}})) {
            FunctionMeta meta = new FunctionMeta(Map.of("f1", new String[] {"Python3", "TIMER-A"}, "f2", new String[] {"Java", "APIG-S"}));
            UtilityAggregator end = new UtilityAggregator(60, UtilityAggregator.ColdStartPoint.START, UtilityAggregator.RequestPoint.END, meta);
            UtilityAggregator part = new UtilityAggregator(60, UtilityAggregator.ColdStartPoint.START, UtilityAggregator.RequestPoint.END, meta);
            end.accept(cs);
            end.accept(rq1);
            part.accept(rq2);
            end.merge(part);
            // podA: (120 + 2 - 100) / 2 = 11; podB: (200.6 + 0.1 - 200) / 0.5 = 1.4
            ResultTable t = end.table();
            assertEquals(11.0, t.number(t.find("runtime", "Python3"), "utility_p50"), 11 * 0.01);
            assertEquals(1.4, t.number(t.find("runtime", "Java"), "utility_p50"), 1.4 * 0.01);
            assertEquals(1.0, t.number(t.find("size", "small"), "pods"));
            assertEquals(2, (long) t.number(t.find("all"), "pods"));
            assertEquals(0.0, t.number(t.find("all"), "share_below_1"));
            Map<String, Object> s = end.summary();
            assertEquals(1L, s.get("pods_without_cold_start"), "podD");
            assertEquals(1L, s.get("pods_without_requests"), "podC");

            UtilityAggregator start = new UtilityAggregator(60, UtilityAggregator.ColdStartPoint.READY, UtilityAggregator.RequestPoint.START, meta);
            start.accept(cs);
            start.accept(rq1);
            start.accept(rq2);
            // podA: (120 - 102) / 2 = 9; podB: (200.6 - 200.5) / 0.5 = 0.2 (below 1)
            ResultTable u = start.table();
            assertEquals(9.0, u.number(u.find("trigger", "TIMER-A"), "utility_p50"), 0.09);
            assertEquals(0.2, u.number(u.find("trigger", "APIG-S"), "utility_p50"), 0.002 + 0.001);
            assertEquals(0.5, u.number(u.find("all"), "share_below_1"));
            // lifetime = useful + keep-alive: podA 22 + 60 s
            assertEquals(82.0, t.number(t.find("runtime", "Python3"), "lifetime_p50_s"), 82 * 0.01);
        }
    }

    /**
     * Pods still alive when the request log ends are counted with the life seen so far and reported as censored;
     * a region column on the cold starts adds a per-region row.
     */
    @Test void censoredPodsAreCountedAndRegionsGetTheirOwnRows() {
        try (BufferAllocator a = new RootAllocator();
             VectorSchemaRoot cs = VectorSchemaRoot.create(new Schema(List.of(f64("time"), f64("totalCost_cold_start"), str("podID"), str("region"))), a);
             VectorSchemaRoot rq = requests(a, new Object[][] {{101.0, 1.0, "podA"}, {500.0, 1.0, "podB"}, {530.0, 0.5, "podB"}})) {
            cs.allocateNew();
            Object[][] rows = {{100.0, 2.0, "podA", "R1"}, {499.0, 0.5, "podB", "R2"}};
            for (int i = 0; i < rows.length; i++) {
                ((Float8Vector) cs.getVector(0)).setSafe(i, (double) rows[i][0]);
                ((Float8Vector) cs.getVector(1)).setSafe(i, (double) rows[i][1]);
                ((VarCharVector) cs.getVector(2)).setSafe(i, ((String) rows[i][2]).getBytes(StandardCharsets.UTF_8));
                ((VarCharVector) cs.getVector(3)).setSafe(i, ((String) rows[i][3]).getBytes(StandardCharsets.UTF_8));
            }
            cs.setRowCount(rows.length);
            UtilityAggregator u = new UtilityAggregator();
            u.accept(cs);
            u.accept(rq);
            ResultTable t = u.table();
            // podA ended at 102, its keep-alive at 162, long before the log's last request (530.5): finished, (102 - 100) / 2 = 1
            assertEquals(1.0, t.number(t.find("region", "R1"), "utility_p50"), 0.01);
            // podB's last request ends at 530.5, inside the log's end: still alive, counted with (530.5 - 499) / 0.5 = 63 so far
            assertEquals(63.0, t.number(t.find("region", "R2"), "utility_p50"), 0.63);
            assertEquals(1L, u.summary().get("pods_censored"));
        }
    }
}
