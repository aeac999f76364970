package dev.thaw.analysis.table;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small result table (group rows, series, correlation matrices): named columns of strings and numbers. Numbers
 * print with 9 significant digits; NaN and null print empty. Written as CSV (temp file, then rename); the CLI
 * also writes Parquet through the ingest writer.
 */
public final class ResultTable {
    private final String name;
    private final List<String> columns;
    private final List<Object[]> rows = new ArrayList<>();

    public ResultTable(String name, String... columns) {
        this.name = name;
        this.columns = List.of(columns);
    }

    public ResultTable(String name, List<String> columns) {
        this.name = name;
        this.columns = List.copyOf(columns);
    }

    public String name() { return name; }

    public List<String> columns() { return columns; }

    public List<Object[]> rows() { return rows; }

    public ResultTable add(Object... row) {
        if (row.length != columns.size()) throw new IllegalArgumentException(name + ": row has " + row.length + " values for " + columns.size() + " columns");
        rows.add(row.clone());
        return this;
    }

    public int size() { return rows.size(); }

    /** Cell as double (NaN when missing or not numeric). */
    public double number(int row, String column) {
        Object o = rows.get(row)[index(column)];
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    public Object cell(int row, String column) { return rows.get(row)[index(column)]; }

    public int index(String column) {
        int i = columns.indexOf(column);
        if (i < 0) throw new IllegalArgumentException(name + " has no column " + column + " (" + columns + ")");
        return i;
    }

    /** First row whose leading cells equal {@code key} (as strings), or -1. */
    public int find(Object... key) {
        outer:
        for (int r = 0; r < rows.size(); r++) {
            for (int k = 0; k < key.length; k++) if (!format(rows.get(r)[k]).equals(format(key[k]))) continue outer;
            return r;
        }
        return -1;
    }

    public static String format(Object o) {
        if (o == null) return "";
        if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            if (Double.isNaN(d)) return "";
            if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
            if (d == 0) return "0";
            BigDecimal b = new BigDecimal(d).round(new MathContext(9)).stripTrailingZeros();
            // plain digits in the usual range (60, not 6E+1); exponent form only where plain would run long
            double a = Math.abs(d);
            return a >= 1e-6 && a < 1e15 ? b.toPlainString() : b.toString();
        }
        return o.toString();
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        for (Object[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                if (i > 0) sb.append(',');
                String s = format(r[i]);
                sb.append(s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public void writeCsv(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = dev.thaw.ingest.write.TempFiles.register(Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp"));
        try {
            Files.writeString(tmp, toCsv());
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
            dev.thaw.ingest.write.TempFiles.release(tmp);
        }
    }

    /** Fixed-width text for the console, at most {@code maxRows} rows. */
    public String toText(int maxRows) {
        int n = Math.min(maxRows, rows.size());
        String[][] cells = new String[n + 1][columns.size()];
        int[] width = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) { cells[0][c] = columns.get(c); width[c] = columns.get(c).length(); }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < columns.size(); c++) {
                Object o = rows.get(r)[c];
                String s = o instanceof Double d && !d.isNaN() && !d.isInfinite() ? String.format("%.4g", d) : format(o);
                cells[r + 1][c] = s;
                width[c] = Math.max(width[c], s.length());
            }
        }
        StringBuilder sb = new StringBuilder(name).append('\n');
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                sb.append(c == 0 ? "  " : "  ");
                sb.append(" ".repeat(width[c] - row[c].length())).append(row[c]);
            }
            sb.append('\n');
        }
        if (rows.size() > n) sb.append("  ... ").append(rows.size() - n).append(" more rows\n");
        return sb.toString();
    }

    @Override public String toString() { return name + Arrays.toString(columns.toArray()) + " x " + rows.size(); }
}
