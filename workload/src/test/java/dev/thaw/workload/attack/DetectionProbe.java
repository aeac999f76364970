package dev.thaw.workload.attack;

import java.nio.file.Path;
import java.util.List;

/** Ad-hoc: prints the evaluation on a folder. */
public final class DetectionProbe {
    public static void main(String[] args) throws Exception {
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        var r = DetectionRun.run(List.of(Path.of(args[0])), new DetectionRun.Options(2, List.of(AttackScenario.values()), seed), System.err::println);
        System.out.println(r.evaluation());
        r.alerts().forEach(a -> System.out.println((r.injections().stream().anyMatch(i -> i.function.equals(a.function())) ? "ATTACKED " : "CLEAN ") + a));
        r.injections().forEach(i -> System.out.println(i.csvRow()));
        for (var t : r.timelines()) {
            if (r.evaluation().detection(t.injection) != null || t.injection.scenario != AttackScenario.valueOf(System.getProperty("scn", "CRYPTOJACKING"))) continue;
            System.out.println("TIMELINE " + t.function + " " + t.injection.csvRow());
            for (double[] row : t.rows) if (row[1] > 0 && row[0] >= t.injection.startMinute() - 60 && row[0] <= t.injection.endMinute() + 5) System.out.println("  " + java.util.Arrays.toString(row));
        }
    }
}
