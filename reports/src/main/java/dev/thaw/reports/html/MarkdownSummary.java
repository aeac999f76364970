package dev.thaw.reports.html;

import dev.thaw.reports.chart.Figure;
import java.util.Map;

/** The site as Markdown: key figures, figure links and provenance, for a README, a PR or a terminal. */
final class MarkdownSummary {
    private MarkdownSummary() {}

    static String render(ReportSite site) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(site.title()).append("\n\n");
        for (HtmlReport r : site.reports()) {
            b.append("## ").append(r.title()).append(" ([HTML](").append(r.id()).append(".html))\n\n");
            if (!r.lead().isBlank()) b.append(r.lead()).append("\n\n");
            if (!r.keyFigures().isEmpty()) {
                b.append("| key figure | value | note |\n|---|---:|---|\n");
                for (KeyFigure k : r.keyFigures())
                    b.append("| ").append(cell(k.label())).append(" | ").append(cell(k.value())).append(" | ")
                            .append(cell(k.note())).append(" |\n");
                b.append('\n');
            }
            for (Figure f : r.figures())
                b.append("- ").append(f.title()).append(": [PNG](").append(r.id()).append('/').append(f.id())
                        .append(".png), [data](").append(r.id()).append('/').append(f.id()).append(".csv)\n");
            if (!r.figures().isEmpty()) b.append('\n');
        }
        b.append("## Provenance\n\n| | |\n|---|---|\n");
        for (String in : site.provenance().inputs()) b.append("| input | `").append(cell(in)).append("` |\n");
        for (Map.Entry<String, String> e : site.provenance().asMap().entrySet())
            b.append("| ").append(cell(e.getKey())).append(" | ").append(cell(e.getValue())).append(" |\n");
        return b.toString();
    }

    private static String cell(String s) { return s.replace("|", "\\|").replace("\n", " "); }
}
