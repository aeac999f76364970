package dev.thaw.reports.html;

import dev.thaw.reports.chart.Figure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder of reports: {@code index.html} linking every report, one {@code <id>.html} per report, the figures'
 * data and PNGs in {@code <id>/}, and {@code summary.md}. Every file is written atomically; the index is
 * written last, so a folder with an index is complete.
 *
 * <pre>{@code
 * ReportSite.builder("thaw run: Huawei 2025 R2").provenance(prov)
 *     .add(analysisReport).add(simulationReport)
 *     .build().write(Path.of("out"));
 * }</pre>
 */
public final class ReportSite {
    private final String title;
    private final String lead;
    private final Provenance provenance;
    private final List<HtmlReport> reports;
    private final boolean pngs;
    private final double pngScale;

    private ReportSite(Builder b) {
        this.title = b.title;
        this.lead = b.lead;
        this.provenance = b.provenance != null ? b.provenance : Provenance.builder().build();
        this.reports = List.copyOf(b.reports);
        this.pngs = b.pngs;
        this.pngScale = b.pngScale;
    }

    public static Builder builder(String title) { return new Builder(title); }

    public String title() { return title; }
    public List<HtmlReport> reports() { return reports; }
    public Provenance provenance() { return provenance; }

    /** Writes the site into {@code dir} (created if needed; other files there are left alone). Returns index.html. */
    public Path write(Path dir) {
        for (HtmlReport r : reports) {
            Path data = dir.resolve(r.id());
            for (Figure f : r.figures()) {
                AtomicFiles.write(data.resolve(f.id() + ".csv"), f.data().toCsv());
                if (pngs) AtomicFiles.write(data.resolve(f.id() + ".png"), f.png(pngScale));
            }
            for (Block.TableBlock t : r.tables()) AtomicFiles.write(data.resolve(t.id() + ".csv"), t.table().toCsv());
            AtomicFiles.write(dir.resolve(r.id() + ".html"), reportHtml(r));
        }
        AtomicFiles.write(dir.resolve("summary.md"), MarkdownSummary.render(this));
        Path index = dir.resolve("index.html");
        AtomicFiles.write(index, indexHtml());
        return index;
    }

    Provenance provenanceOf(HtmlReport r) { return r.provenance() != null ? r.provenance() : provenance; }

    /** The report page as a string (what {@link #write} puts in {@code <id>.html}). */
    public String reportHtml(HtmlReport r) {
        Page p = new Page();
        p.open(r.title() + " · " + title, title, reports, r.id());
        p.hero(r.kind(), r.title(), r.lead(), r.keyFigures());
        p.toc(r.sections());
        for (HtmlReport.Section s : r.sections()) p.section(s, r.id());
        p.provenance(provenanceOf(r), "How this report was made");
        p.close();
        return p.toString();
    }

    /** The index page as a string. */
    public String indexHtml() {
        Page p = new Page();
        p.open(title, title, reports, "index");
        p.hero("thaw report", title, lead, List.of());
        p.a("<div class=\"reports\">\n");
        for (HtmlReport r : reports) {
            p.a("<a class=\"report-card\" href=\"").a(r.id()).a(".html\"><div class=\"kind\">").t(r.kind())
                    .a("</div><h2>").t(r.title()).a("</h2>");
            if (!r.lead().isBlank()) p.a("<p>").a(Xml.inline(r.lead())).a("</p>");
            List<KeyFigure> k = r.keyFigures().subList(0, Math.min(3, r.keyFigures().size()));
            if (!k.isEmpty()) p.cards(k, "cards mini");
            if (!r.figures().isEmpty()) p.a("<div class=\"preview\">").a(r.figures().get(0).svg(r.id() + "-")).a("</div>");
            p.a("<div class=\"more\">").t(count(r.figures().size(), "figure") + " · " + count(r.tables().size(), "table"))
                    .a(" <span class=\"go\">Open report &#8594;</span></div></a>\n");
        }
        p.a("</div>\n<p class=\"downloads\"><a href=\"summary.md\">Markdown summary</a></p>\n");
        p.provenance(provenance, "How these reports were made");
        p.close();
        return p.toString();
    }

    private static String count(int n, String noun) { return n + " " + noun + (n == 1 ? "" : "s"); }

    public static final class Builder {
        private final String title;
        private String lead = "";
        private Provenance provenance;
        private final List<HtmlReport> reports = new ArrayList<>();
        private boolean pngs = true;
        private double pngScale = 2;

        private Builder(String title) {
            if (title == null || title.isBlank()) throw new IllegalArgumentException("a report site needs a title");
            this.title = title;
        }

        public Builder lead(String lead) { this.lead = lead == null ? "" : lead; return this; }

        /** Provenance of the whole run; reports without their own use it. */
        public Builder provenance(Provenance p) { this.provenance = p; return this; }

        public Builder add(HtmlReport r) {
            for (HtmlReport o : reports)
                if (o.id().equals(r.id())) throw new IllegalArgumentException("two reports with id '" + r.id() + "'");
            if (r.id().equals("index") || r.id().equals("summary"))
                throw new IllegalArgumentException("report id '" + r.id() + "' is reserved");
            reports.add(r);
            return this;
        }

        /** Skips the PNG copies of the figures (the HTML inlines SVG and does not need them). */
        public Builder withoutPngs() { this.pngs = false; return this; }

        /** Pixels per nominal pixel in the PNG copies (default 2, sharp on high-density screens; 1 is 4x faster). */
        public Builder pngScale(double scale) {
            if (!(scale >= 0.5 && scale <= 4)) throw new IllegalArgumentException("PNG scale must be in 0.5..4, got " + scale);
            this.pngScale = scale;
            return this;
        }

        public ReportSite build() { return new ReportSite(this); }
    }
}
