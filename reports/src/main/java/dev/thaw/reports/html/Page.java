package dev.thaw.reports.html;

import dev.thaw.reports.chart.Figure;
import dev.thaw.reports.table.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Renders report and index pages as polyglot XHTML: well-formed XML that browsers read as HTML5. Everything is
 * inline (CSS, SVG, the table-sorting script): the page needs no network and references no URL outside its folder.
 */
final class Page {
    static final String CSS = resource("report.css");
    static final String JS = resource("report.js");

    private final StringBuilder out = new StringBuilder(1 << 16);

    private static String resource(String name) {
        try (InputStream in = Page.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Page a(String s) { out.append(s); return this; }

    Page t(String s) { out.append(Xml.text(s)); return this; }

    @Override public String toString() { return out.toString(); }

    void open(String pageTitle, String siteTitle, List<HtmlReport> nav, String currentId) {
        a("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n<head>\n")
                .a("<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .a("<meta name=\"generator\" content=\"thaw ").t(Provenance.thawVersion()).a("\"/>\n")
                .a("<title>").t(pageTitle).a("</title>\n<link rel=\"icon\" href=\"data:,\"/>\n<style>\n")
                .a(CSS).a("</style>\n</head>\n<body>\n<header class=\"top\"><div class=\"wrap\">")
                .a("<a class=\"brand\" href=\"index.html\"><span class=\"logo\">&#10052;</span> thaw</a>")
                .a("<nav aria-label=\"reports\"><a href=\"index.html\"")
                .a("index".equals(currentId) ? " class=\"current\"" : "").a(">Overview</a>");
        for (HtmlReport r : nav)
            a("<a href=\"").a(r.id()).a(".html\"").a(r.id().equals(currentId) ? " class=\"current\"" : "").a(">")
                    .t(navLabel(r, nav)).a("</a>");
        a("</nav><span class=\"site\">").t(siteTitle).a("</span></div></header>\n");
    }

    /** The kind ("Analysis") when it is unique among the reports, else the title, which tells them apart. */
    static String navLabel(HtmlReport r, List<HtmlReport> all) {
        String k = r.kind();
        long same = all.stream().filter(o -> java.util.Objects.equals(o.kind(), k)).count();
        if (k == null || k.isBlank() || k.equals("report") || same > 1) return r.title();
        return Character.toUpperCase(k.charAt(0)) + k.substring(1);
    }

    void hero(String kind, String title, String lead, List<KeyFigure> figures) {
        a("<div class=\"hero\"><div class=\"wrap\">");
        if (kind != null && !kind.isBlank()) a("<div class=\"kind\">").t(kind).a("</div>");
        a("<h1>").t(title).a("</h1>");
        if (lead != null && !lead.isBlank()) a("<p class=\"lead\">").a(Xml.inline(lead)).a("</p>");
        a("</div></div>\n<main class=\"wrap\">\n");
        if (!figures.isEmpty()) cards(figures, "cards headline");
    }

    void cards(List<KeyFigure> figures, String cls) {
        a("<div class=\"").a(cls).a("\">");
        for (KeyFigure f : figures) {
            // a long text value (a plan such as dp=1,tp=8,pp=1) gets a smaller font and may wrap after its commas
            boolean longText = f.value().length() > 9;
            a("<div class=\"card\"><div class=\"label\">").t(f.label()).a("</div><div class=\"value")
                    .a(longText ? " long" : "").a("\">");
            String[] parts = f.value().split("(?<=,)");
            for (int i = 0; i < parts.length; i++) { if (i > 0) a("<wbr/>"); t(parts[i]); }
            a("</div>");
            if (!f.note().isBlank()) a("<div class=\"note\">").t(f.note()).a("</div>");
            a("</div>");
        }
        a("</div>\n");
    }

    void toc(List<HtmlReport.Section> sections) {
        if (sections.size() < 2) return;
        a("<nav class=\"toc\" aria-label=\"sections\">");
        for (HtmlReport.Section s : sections) a("<a href=\"#").a(s.id()).a("\">").t(s.title()).a("</a>");
        a("</nav>\n");
    }

    void section(HtmlReport.Section s, String dataDir) {
        a("<section id=\"").a(s.id()).a("\">\n<h2>").t(s.title()).a("</h2>\n");
        boolean inFigs = false;
        for (Block b : s.blocks()) {
            boolean chart = b instanceof Block.Chart;
            if (chart && !inFigs) { a("<div class=\"figs\">\n"); inFigs = true; }
            if (!chart && inFigs) { a("</div>\n"); inFigs = false; }
            if (b instanceof Block.Paragraph p) a("<p>").a(Xml.inline(p.text())).a("</p>\n");
            else if (b instanceof Block.Cards c) cards(c.figures(), "cards");
            else if (b instanceof Block.Note n) a("<p class=\"callout ").a(n.level()).a("\">").a(Xml.inline(n.text())).a("</p>\n");
            else if (b instanceof Block.Chart c) figure(c.figure(), c.wide(), dataDir);
            else if (b instanceof Block.TableBlock t) table(t, dataDir);
        }
        if (inFigs) a("</div>\n");
        a("</section>\n");
    }

    void figure(Figure f, boolean wide, String dataDir) {
        a("<figure id=\"").a("figure-" + f.id()).a("\"").a(wide ? " class=\"wide\"" : "").a(">\n<h3>").t(f.title())
                .a("</h3>\n<div class=\"chart-box\" style=\"max-width:").a(Integer.toString(f.width())).a("px\">")
                .a(f.svg()).a("</div>\n<figcaption>");
        if (!f.caption().isBlank()) a(Xml.inline(f.caption())).a(" ");
        a("<span class=\"links\"><a href=\"").a(dataDir).a("/").a(f.id()).a(".csv\">data (CSV)</a> <a href=\"")
                .a(dataDir).a("/").a(f.id()).a(".png\">PNG</a></span></figcaption>\n</figure>\n");
    }

    void table(Block.TableBlock tb, String dataDir) {
        Table t = tb.table();
        // two or three columns read better at their natural width than stretched across the page
        a("<div class=\"table-block").a(t.columns().size() <= 3 ? " narrow" : "").a("\" id=\"").a(tb.id()).a("\"><h3>").t(tb.title()).a("</h3>\n")
                .a("<div class=\"table-wrap\"><table class=\"sortable\">\n<thead><tr>");
        for (String c : t.columns()) a("<th scope=\"col\">").t(c).a("</th>");
        a("</tr></thead>\n<tbody>\n");
        int shown = Math.min(t.rowCount(), tb.maxRows());
        for (int r = 0; r < shown; r++) {
            a("<tr>");
            for (Object c : t.rows().get(r)) {
                if (c instanceof Number n) {
                    a("<td class=\"num\" data-v=\"").a(Double.toString(n.doubleValue())).a("\">").t(Table.display(c)).a("</td>");
                } else if (c instanceof Boolean bo) {
                    a("<td class=\"flag\">").a(bo ? "&#10003;" : "").a("</td>");
                } else {
                    a("<td>").t(c == null ? "" : c.toString()).a("</td>");
                }
            }
            a("</tr>\n");
        }
        a("</tbody></table></div>\n<p class=\"table-caption\">");
        if (!tb.caption().isBlank()) a(Xml.inline(tb.caption())).a(" ");
        if (shown < t.rowCount())
            a("Showing the first ").t(Table.display((long) shown)).a(" of ").t(Table.display((long) t.rowCount())).a(" rows. ");
        a("<span class=\"links\"><a href=\"").a(dataDir).a("/").a(tb.id()).a(".csv\">all rows (CSV)</a></span></p></div>\n");
    }

    void provenance(Provenance p, String heading) {
        a("<section class=\"provenance\" id=\"provenance\">\n<h2>").t(heading).a("</h2>\n<div class=\"prov-grid\"><div>")
                .a("<h3>Inputs</h3><ul class=\"inputs\">");
        if (p.inputs().isEmpty()) a("<li>none recorded</li>");
        for (String i : p.inputs()) a("<li><code>").t(i).a("</code></li>");
        a("</ul></div><div><h3>Run and environment</h3><table class=\"kv\"><tbody>\n");
        for (Map.Entry<String, String> e : p.asMap().entrySet())
            a("<tr><th scope=\"row\">").t(e.getKey()).a("</th><td>").t(e.getValue()).a("</td></tr>\n");
        a("</tbody></table></div></div>\n</section>\n");
    }

    void close() {
        a("</main>\n<footer class=\"wrap\">Made with thaw ").t(Provenance.thawVersion())
                .a(". Self-contained page: figures are inline SVG; their data sits next to this page as CSV.</footer>\n")
                .a("<script>//<![CDATA[\n").a(JS).a("\n//]]></script>\n</body>\n</html>\n");
    }
}
