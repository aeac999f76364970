package dev.thaw.reports.html;

import dev.thaw.reports.chart.Figure;
import dev.thaw.reports.table.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One report page (analysis, calibration, simulation, search, serverless policies): a title, a lead paragraph,
 * headline key figures, then sections of text, key-figure cards, figures and tables. Build it with
 * {@link #builder(String, String)} and write it with {@link ReportSite}.
 *
 * <pre>{@code
 * HtmlReport r = HtmlReport.builder("analysis", "Trace analysis").kind("analysis")
 *     .lead("Cold starts and arrivals of Huawei 2025, region R2.")
 *     .keyFigure(KeyFigure.of("cold starts", 1_234_567, "31 days"))
 *     .section("Cold-start time").paragraph("...").figure(cdf).table("Fits", fits)
 *     .build();
 * }</pre>
 */
public final class HtmlReport {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public record Section(String id, String title, List<Block> blocks) {}

    private final String id;
    private final String title;
    private final String kind;
    private final String lead;
    private final List<KeyFigure> keyFigures;
    private final List<Section> sections;
    private final Provenance provenance;

    private HtmlReport(Builder b) {
        this.id = b.id;
        this.title = b.title;
        this.kind = b.kind;
        this.lead = b.lead;
        this.keyFigures = List.copyOf(b.keyFigures);
        List<Section> s = new ArrayList<>();
        for (Builder.OpenSection o : b.sections) s.add(new Section(o.id, o.title, List.copyOf(o.blocks)));
        this.sections = Collections.unmodifiableList(s);
        this.provenance = b.provenance;
    }

    /** {@code id} names the page ({@code id.html}) and its data folder; lower-case letters, digits and '-'. */
    public static Builder builder(String id, String title) { return new Builder(id, title); }

    public String id() { return id; }
    public String title() { return title; }
    /** A short tag such as "analysis" or "simulation", shown on the index card. */
    public String kind() { return kind; }
    public String lead() { return lead; }
    public List<KeyFigure> keyFigures() { return keyFigures; }
    public List<Section> sections() { return sections; }
    /** Provenance of this report, or null to use the site's. */
    public Provenance provenance() { return provenance; }

    /** Every figure of the report, in page order. */
    public List<Figure> figures() {
        List<Figure> out = new ArrayList<>();
        for (Section s : sections)
            for (Block b : s.blocks()) if (b instanceof Block.Chart c) out.add(c.figure());
        return out;
    }

    /** Every table of the report, in page order. */
    List<Block.TableBlock> tables() {
        List<Block.TableBlock> out = new ArrayList<>();
        for (Section s : sections)
            for (Block b : s.blocks()) if (b instanceof Block.TableBlock t) out.add(t);
        return out;
    }

    public static final class Builder {
        private final String id;
        private final String title;
        private String kind = "report";
        private String lead = "";
        private final List<KeyFigure> keyFigures = new ArrayList<>();
        private final List<OpenSection> sections = new ArrayList<>();
        private final Set<String> ids = Xml.newSet();
        private Provenance provenance;

        private static final class OpenSection {
            final String id, title;
            final List<Block> blocks = new ArrayList<>();
            OpenSection(String id, String title) { this.id = id; this.title = title; }
        }

        private Builder(String id, String title) {
            if (id == null || !ID.matcher(id).matches())
                throw new IllegalArgumentException("report id '" + id + "' must be lower-case letters, digits and '-'");
            if (title == null || title.isBlank()) throw new IllegalArgumentException("report '" + id + "' needs a title");
            this.id = id;
            this.title = title;
        }

        public Builder kind(String kind) { this.kind = kind; return this; }

        /** The paragraph under the title: what was analysed and the main finding. */
        public Builder lead(String lead) { this.lead = lead == null ? "" : lead; return this; }

        /** A headline number shown under the title (and on the index page: the first three). */
        public Builder keyFigure(KeyFigure f) { keyFigures.add(f); return this; }

        public Builder keyFigure(String label, String value, String note) { return keyFigure(new KeyFigure(label, value, note)); }

        public Builder provenance(Provenance p) { this.provenance = p; return this; }

        /** Starts a new section; the blocks added next go into it. */
        public Builder section(String title) {
            if (title == null || title.isBlank()) throw new IllegalArgumentException("a section needs a title");
            sections.add(new OpenSection(Xml.slug(title, ids), title));
            return this;
        }

        private OpenSection current() {
            if (sections.isEmpty()) throw new IllegalStateException("call section(title) before adding content");
            return sections.get(sections.size() - 1);
        }

        /** Text; `backticks` become code. */
        public Builder paragraph(String text) { current().blocks.add(new Block.Paragraph(text)); return this; }

        public Builder cards(KeyFigure... figures) { current().blocks.add(new Block.Cards(List.of(figures))); return this; }

        public Builder cards(List<KeyFigure> figures) { current().blocks.add(new Block.Cards(List.copyOf(figures))); return this; }

        /** A figure; consecutive figures share a row on wide screens. */
        public Builder figure(Figure f) { return addFigure(f, false); }

        /** A figure spanning the full width (wide heat maps, long time series). */
        public Builder wideFigure(Figure f) { return addFigure(f, true); }

        private Builder addFigure(Figure f, boolean wide) {
            for (OpenSection s : sections)
                for (Block b : s.blocks)
                    if (b instanceof Block.Chart c && c.figure().id().equals(f.id()))
                        throw new IllegalArgumentException("report '" + id + "' already has a figure with id '" + f.id() + "'");
            current().blocks.add(new Block.Chart(f, wide));
            return this;
        }

        /** A sortable table; all rows go to its CSV, the page shows the first 100. */
        public Builder table(String title, Table table) { return table(title, table, "", 100); }

        public Builder table(String title, Table table, String caption, int maxRows) {
            String tid = "table-" + Xml.slug(title, ids);
            current().blocks.add(new Block.TableBlock(tid, title, table, caption == null ? "" : caption, maxRows));
            return this;
        }

        public Builder note(String text) { current().blocks.add(new Block.Note(text, "info")); return this; }

        /** A caveat the reader must see (e.g. a fit rejected by the KS test, a stage that was skipped). */
        public Builder warning(String text) { current().blocks.add(new Block.Note(text, "warn")); return this; }

        public HtmlReport build() { return new HtmlReport(this); }
    }
}
