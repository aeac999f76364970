package dev.thaw.reports.html;

import dev.thaw.reports.table.Table;

/** A headline number on a card: label, formatted value, and an optional note (unit, comparison, source). */
public record KeyFigure(String label, String value, String note) {
    public KeyFigure {
        if (label == null || value == null) throw new IllegalArgumentException("a key figure needs a label and a value");
        if (note == null) note = "";
    }

    /** A number formatted for reading (3 significant digits, thousands separators) with a unit note. */
    public static KeyFigure of(String label, Number value, String note) {
        return new KeyFigure(label, Table.display(value), note);
    }
}
