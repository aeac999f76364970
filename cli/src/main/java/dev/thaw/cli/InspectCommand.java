package dev.thaw.cli;

import dev.thaw.ingest.BadInputException;
import dev.thaw.ingest.TraceReader;
import dev.thaw.ingest.Traces;
import dev.thaw.ingest.schema.ColumnSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Describe trace files: detected format, schema, row count, time span and the first rows.")
public final class InspectCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Trace file, .gz, .zip, folder, glob, or thaw Parquet/Arrow output.")
    List<String> paths;

    @Option(names = "--format", paramLabel = "F", description = "Force a format instead of detecting it from the header.")
    String format;

    @Option(names = {"-n", "--head"}, paramLabel = "N", defaultValue = "5", description = "Rows to show (default: ${DEFAULT-VALUE}).")
    int head;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override public Integer call() {
        Checks.range("--head", head, 0, 100_000, null);
        List<Map<String, Object>> all = new ArrayList<>();
        for (String p : paths) {
            Traces.Plan plan = Traces.plan(p, format);
            // A path with no trace at all is bad input (exit 2, one line on stderr); a folder that also holds files
            // which are not traces (profiles, summaries) is fine, as for ingest: they are listed with a null format.
            if (plan.groups().isEmpty())
                throw BadInputException.ofFile(plan.unrecognised().isEmpty() ? p : plan.unrecognised().get(0).file().displayName(),
                        plan.unrecognised().isEmpty() ? "no trace file found" : "not a known trace: " + plan.unrecognised().get(0).why(), null);
            for (Traces.Group g : plan.groups()) all.add(describe(p, g));
            for (Traces.Unrecognised u : plan.unrecognised()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", u.file().displayName());
                m.put("format", null);
                m.put("error", u.why());
                all.add(m);
            }
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>(all.get(0));
            if (all.size() > 1) out.put("inputs", all);
            JsonOut.print(out);
        } else {
            for (Map<String, Object> m : all) printText(m);
        }
        return ThawCommand.OK;
    }

    private Map<String, Object> describe(String path, Traces.Group g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("format", g.format().id());
        m.put("description", g.format().description());
        m.put("files", g.files().size());
        List<Map<String, String>> schema = new ArrayList<>();
        for (ColumnSpec c : g.format().schema().columns()) {
            Map<String, String> col = new java.util.LinkedHashMap<>(); // insertion order: the same bytes on every run
            col.put("name", c.name());
            col.put("type", c.type().name().toLowerCase(java.util.Locale.ROOT));
            col.put("description", c.description());
            schema.add(col);
        }
        long rows = 0;
        double first = Double.NaN, last = Double.NaN, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        List<List<String>> sample = new ArrayList<>();
        String timeCol = g.format().timeColumn();
        try (TraceReader r = Traces.open(g, dev.thaw.ingest.OnError.FAIL)) {
            while (r.next()) {
                VectorSchemaRoot root = r.root();
                if (timeCol != null && root.getVector(timeCol) instanceof Float8Vector t) {
                    for (int i = 0; i < root.getRowCount(); i++) {
                        if (t.isNull(i)) continue;
                        double v = t.get(i);
                        if (Double.isNaN(first)) first = v;
                        last = v;
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                for (int i = 0; i < root.getRowCount() && sample.size() < head; i++) {
                    List<String> row = new ArrayList<>();
                    for (FieldVector v : root.getFieldVectors()) row.add(v.isNull(i) ? "" : String.valueOf(v.getObject(i)));
                    sample.add(row);
                }
                rows += root.getRowCount();
            }
            m.put("rows", rows);
            m.put("columns", g.format().schema().names());
            m.put("schema", schema);
            m.put("time_column", timeCol);
            m.put("time_span_s", Double.isNaN(first) ? null : List.of(min, max));
            m.put("head", sample);
            if (!r.stats().violations().isEmpty()) m.put("identity_violations", r.stats().violations());
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void printText(Map<String, Object> m) {
        System.out.println(m.get("path"));
        if (m.get("format") == null) {
            System.out.println("  not a known trace: " + m.get("error"));
            return;
        }
        System.out.printf("  format   %s  (%s)%n", m.get("format"), m.get("description"));
        System.out.printf("  files    %s%n  rows     %,d%n", m.get("files"), (Long) m.get("rows"));
        if (m.get("time_span_s") != null) {
            List<Double> span = (List<Double>) m.get("time_span_s");
            System.out.printf("  span     %s in [%.3f, %.3f] s (%.1f h)%n", m.get("time_column"), span.get(0), span.get(1), (span.get(1) - span.get(0)) / 3600);
        }
        System.out.println("  schema");
        for (Map<String, String> c : (List<Map<String, String>>) m.get("schema"))
            System.out.printf("    %-28s %-8s %s%n", c.get("name"), c.get("type"), c.get("description"));
        if (m.containsKey("identity_violations")) System.out.println("  identity violations " + m.get("identity_violations"));
        List<String> cols = (List<String>) m.get("columns");
        List<List<String>> head = (List<List<String>>) m.get("head");
        if (!head.isEmpty()) {
            System.out.println("  first rows");
            System.out.println("    " + String.join(" | ", cols));
            for (List<String> row : head) System.out.println("    " + String.join(" | ", row));
        }
        System.out.println();
    }
}
