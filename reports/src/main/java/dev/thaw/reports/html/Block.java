package dev.thaw.reports.html;

import dev.thaw.reports.chart.Figure;
import dev.thaw.reports.table.Table;
import java.util.List;

/** The pieces a report section is made of, in the order they were added. */
sealed interface Block {
    record Paragraph(String text) implements Block {}

    record Cards(List<KeyFigure> figures) implements Block {}

    record Chart(Figure figure, boolean wide) implements Block {}

    record TableBlock(String id, String title, Table table, String caption, int maxRows) implements Block {}

    /** A highlighted remark: "info" for context, "warn" for a result to treat with care. */
    record Note(String text, String level) implements Block {}
}
