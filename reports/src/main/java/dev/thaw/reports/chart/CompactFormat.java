package dev.thaw.reports.chart;

import dev.thaw.reports.table.Table;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/** Tick labels such as 0.01, 1, 250, 10,000 and 1e+06: short, locale-free, no trailing zeros. */
final class CompactFormat extends NumberFormat {
    /** Formats 10^v instead of v: for axes that carry log10 of the quantity. */
    private final boolean powerOfTen;

    CompactFormat(boolean powerOfTen) { this.powerOfTen = powerOfTen; }

    CompactFormat() { this(false); }

    @Override public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
        double v = powerOfTen ? Math.pow(10, number) : number;
        return to.append(label(v));
    }

    static String label(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e6) {
            // SI suffixes keep neighbouring ticks distinct: 1.8M, 2M, 2.2M rather than 2e6 three times
            String[] suffix = {"M", "G", "T", "P"};
            int k = Math.min(3, (int) Math.floor(Math.log10(a) / 3) - 2);
            return trim(String.format(java.util.Locale.ROOT, "%.3g", v / Math.pow(10, 6 + 3 * k))) + suffix[k];
        }
        if (a < 1e-3) {
            String s = String.format(java.util.Locale.ROOT, "%.2e", v);
            String[] parts = s.split("e");
            return trim(parts[0]) + "e" + Integer.parseInt(parts[1]);
        }
        if (Math.rint(v) == v) return Table.display((long) v);
        String s = Table.display(v);
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }

    private static String trim(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    @Override public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
        return format((double) number, to, pos);
    }

    @Override public Number parse(String source, ParsePosition pos) { throw new UnsupportedOperationException(); }
}
