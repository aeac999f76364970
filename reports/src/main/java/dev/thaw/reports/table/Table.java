package dev.thaw.reports.table;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A small immutable table of named columns: the data behind a figure or a ranked list in a report. Cells are
 * {@link Number}s or strings; numbers keep full precision in CSV and are rounded only for display.
 */
public final class Table {
    private final List<String> columns;
    private final List<List<Object>> rows;

    private Table(List<String> columns, List<List<Object>> rows) {
        this.columns = List.copyOf(columns);
        this.rows = Collections.unmodifiableList(rows);
    }

    public static Builder of(String... columns) { return new Builder(Arrays.asList(columns)); }

    public static Builder of(List<String> columns) { return new Builder(columns); }

    public List<String> columns() { return columns; }

    public List<List<Object>> rows() { return rows; }

    public int rowCount() { return rows.size(); }

    public Object cell(int row, int column) { return rows.get(row).get(column); }

    /** RFC 4180 CSV with a header line; numbers in plain (locale-free) notation at full precision. */
    public String toCsv() {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            p.printRecord(columns);
            for (List<Object> row : rows) {
                List<String> cells = new ArrayList<>(row.size());
                for (Object c : row) cells.add(csvCell(c));
                p.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String csvCell(Object c) {
        if (c == null) return "";
        if (c instanceof Double d) return Double.isFinite(d) ? stripZeros(Double.toString(d)) : d.toString();
        if (c instanceof Float f) return stripZeros(Float.toString(f));
        return c.toString();
    }

    private static String stripZeros(String s) { return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s; }

    /** Human-readable number: 3 significant digits in the usual range, thousands separated, scientific beyond. */
    public static String display(Object c) {
        if (c == null) return "";
        if (!(c instanceof Number n)) return c.toString();
        if (c instanceof Integer || c instanceof Long) return String.format(Locale.ROOT, "%,d", n.longValue());
        double v = n.doubleValue();
        if (!Double.isFinite(v)) return Double.toString(v);
        double a = Math.abs(v);
        if (a == 0) return "0";
        // counts held as doubles (655 cold starts, 8 GPUs) read as integers, not 655.0 or 8.000
        if (v == Math.rint(v) && a < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        if (a >= 1e9 || a < 1e-3) return String.format(Locale.ROOT, "%.3g", v);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        // four significant digits at most, without trailing zeros (a MAPE of 3.1 reads 3.1, not 3.100)
        if (a >= 100) return trimZeros(String.format(Locale.ROOT, "%.1f", v));
        if (a >= 10) return trimZeros(String.format(Locale.ROOT, "%.2f", v));
        return trimZeros(String.format(Locale.ROOT, "%.3f", v));
    }

    private static String trimZeros(String s) {
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        return s.substring(0, end);
    }

    public static final class Builder {
        private final List<String> columns;
        private final List<List<Object>> rows = new ArrayList<>();

        private Builder(List<String> columns) {
            if (columns.isEmpty()) throw new IllegalArgumentException("a table needs at least one column");
            this.columns = List.copyOf(columns);
        }

        public Builder row(Object... cells) {
            if (cells.length != columns.size())
                throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + columns.size()
                        + " columns " + columns);
            rows.add(Collections.unmodifiableList(new ArrayList<>(Arrays.asList(cells))));
            return this;
        }

        public Table build() { return new Table(columns, new ArrayList<>(rows)); }
    }
}
