package dev.thaw.analysis.coldstart;

import java.util.Comparator;
import java.util.List;

/** Orders group labels: numerically when both labels are numbers, else as text. */
final class Labels {
    private Labels() {}

    static final String NULL = "(null)";

    static final Comparator<List<String>> ORDER = new Order();

    /** A class, not a lambda, so the TreeMaps using it serialise. */
    private static final class Order implements Comparator<List<String>>, java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override public int compare(List<String> a, List<String> b) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                int c = Labels.compare(a.get(i), b.get(i));
                if (c != 0) return c;
            }
            return Integer.compare(a.size(), b.size());
        }
    }

    static int compare(String x, String y) {
        Double dx = number(x), dy = number(y);
        if (dx != null && dy != null) return Double.compare(dx, dy);
        if (dx != null) return -1;
        if (dy != null) return 1;
        return x.compareTo(y);
    }

    private static Double number(String s) {
        if (s.isEmpty() || !(Character.isDigit(s.charAt(0)) || s.charAt(0) == '-')) return null;
        try { return Double.parseDouble(s); } catch (NumberFormatException e) { return null; }
    }
}
