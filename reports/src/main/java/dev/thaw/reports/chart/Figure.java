package dev.thaw.reports.chart;

import dev.thaw.reports.table.Table;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * A rendered chart with its identity, caption and the data it plots. Rendering is deterministic: the same input
 * gives the same SVG bytes (element ids derive from {@link #id()}, coordinates are rounded to 0.01 px), so
 * several figures can be inlined in one page without id clashes and reports can be diffed.
 */
public final class Figure {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        // The workaround draws rotated labels through TextLayout, which the SVG backend can only emit as glyph
        // outlines (large, unselectable); JDK 17 draws rotated strings correctly without it.
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private final String id;
    private final String title;
    private final String caption;
    private final JFreeChart chart;
    private final Table data;
    private final int width;
    private final int height;

    Figure(String id, String title, String caption, JFreeChart chart, Table data, int width, int height) {
        this.id = checkId(id);
        this.title = Objects.requireNonNull(title, "title");
        this.caption = caption == null ? "" : caption;
        this.chart = chart;
        this.data = data;
        this.width = width;
        this.height = height;
    }

    static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches())
            throw new IllegalArgumentException("figure id '" + id + "' must be lower-case letters, digits and '-'"
                    + " (it names files and SVG element ids)");
        return id;
    }

    public String id() { return id; }
    public String title() { return title; }
    public String caption() { return caption; }
    /** The data behind the chart, as written to {@code <id>.csv} next to the report. */
    public Table data() { return data; }
    public int width() { return width; }
    public int height() { return height; }
    /** The underlying JFreeChart, for callers that need a tweak the builders do not offer. */
    public JFreeChart chart() { return chart; }

    /** An {@code <svg>} element (no XML prolog) that scales to its container via its viewBox. */
    public String svg() { return svg(""); }

    /**
     * As {@link #svg()}, with every element id prefixed: for pages that inline figures of several reports,
     * whose figure ids may coincide.
     */
    public synchronized String svg(String idPrefix) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(idPrefix + id + "-");
        g.setGeomDoubleConverter(Figure::coordinate);
        g.setTransformDoubleConverter(Figure::coordinate);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        String svg = g.getSVGElement(idPrefix + "fig-" + id, false, new ViewBox(0, 0, width, height), null, null);
        // role and label make the chart readable to screen readers; the title element shows as a tooltip.
        return svg.replaceFirst("<svg ", "<svg role=\"img\" aria-label=\"" + escapeAttr(title) + "\" class=\"chart\" ");
    }

    /** PNG bytes at {@code scale} x the nominal size, with the title drawn in (a PNG travels without its page). */
    public synchronized byte[] png(double scale) {
        int w = (int) Math.round(width * scale), h = (int) Math.round(height * scale);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        TextTitle old = chart.getTitle();
        try {
            TextTitle t = new TextTitle(title);
            Theme.styleTitle(t);
            chart.setTitle(t);
            g.scale(scale, scale);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            chart.setTitle(old);
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String coordinate(double v) {
        long r = Math.round(v * 100);
        if (r == 0) return "0";
        String s = Long.toString(Math.abs(r));
        while (s.length() < 3) s = "0" + s;
        String whole = s.substring(0, s.length() - 2), frac = s.substring(s.length() - 2);
        if (frac.equals("00")) frac = "";
        else if (frac.endsWith("0")) frac = frac.substring(0, 1);
        return (r < 0 ? "-" : "") + whole + (frac.isEmpty() ? "" : "." + frac);
    }

    static String escapeAttr(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
