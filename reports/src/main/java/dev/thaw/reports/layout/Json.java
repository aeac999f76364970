package dev.thaw.reports.layout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thaw.reports.table.Table;
import java.util.Iterator;
import java.util.Map;

/** Reading the dotted keys of a result JSON without a chain of null checks. */
final class Json {
    private Json() {}

    /** The node at a dotted path ("coldstarts.total_s.p99"), or a missing node. */
    static JsonNode at(JsonNode root, String dotted) {
        JsonNode n = root;
        for (String k : dotted.split("\\.")) n = n.path(k);
        return n;
    }

    static boolean has(JsonNode root, String dotted) { return at(root, dotted).isNumber(); }

    static double num(JsonNode root, String dotted) {
        JsonNode n = at(root, dotted);
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    /** Every scalar leaf as key path -> value, in document order: the fallback view of any result. */
    static Table leaves(JsonNode root) {
        Table.Builder t = Table.of("key", "value");
        walk(root, "", t);
        return t.build();
    }

    private static void walk(JsonNode n, String prefix, Table.Builder t) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                walk(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), t);
            }
        } else if (n.isArray()) {
            if (n.size() <= 20 && n.size() > 0 && !n.get(0).isContainerNode()) t.row(prefix, n.toString());
            else if (n.size() > 0) t.row(prefix, "[" + n.size() + " entries]");
        } else if (n.isNumber()) {
            t.row(prefix, n.isIntegralNumber() ? (Object) n.asLong() : (Object) n.asDouble());
        } else {
            t.row(prefix, n.asText());
        }
    }
}
