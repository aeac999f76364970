package dev.thaw.reports.html;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Escaping and small helpers for the XHTML the reports emit (parseable as XML and as HTML5). */
final class Xml {
    private Xml() {}

    static String text(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    // XML 1.0 forbids most control characters: drop them rather than emit an unparseable page
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** Text with `code` spans rendered as {@code <code>}. */
    static String inline(String s) {
        String[] parts = text(s).split("`", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 1 && i < parts.length - 1) b.append("<code>").append(parts[i]).append("</code>");
            else b.append(i % 2 == 1 ? "`" : "").append(parts[i]);
        }
        return b.toString();
    }

    /** A lower-case slug for ids and file names, unique within {@code taken}. */
    static String slug(String title, Set<String> taken) {
        String base = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (base.isEmpty()) base = "section";
        String s = base;
        for (int i = 2; taken.contains(s); i++) s = base + "-" + i;
        taken.add(s);
        return s;
    }

    static Set<String> newSet() { return new TreeSet<>(); }
}
