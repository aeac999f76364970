package dev.thaw.reports;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/** Strict checks of the pages: they parse as XML, and nothing in them points outside the report folder. */
final class Xhtml {
    private static final Pattern EXTERNAL = Pattern.compile("(?i)^\\s*(https?:|ftp:|//|file:)");
    private static final Pattern URL_FN = Pattern.compile("(?i)url\\(\\s*['\"]?(?!#)([^)'\"]*)");

    private Xhtml() {}

    /** Parses as namespace-aware XML without fetching anything; throws on any well-formedness error. */
    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setExpandEntityReferences(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException { throw e; }
            @Override public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException { throw e; }
        });
        return b.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every reference (src, href, xlink:href, CSS url()) in the page that leaves the page's folder. */
    static List<String> externalReferences(Document doc, String rawHtml) {
        List<String> bad = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            NamedNodeMap attrs = e.getAttributes();
            for (int a = 0; a < attrs.getLength(); a++) {
                Attr at = (Attr) attrs.item(a);
                String name = at.getLocalName() == null ? at.getName() : at.getLocalName();
                if (at.getName().startsWith("xmlns")) continue; // namespace names are identifiers, never fetched
                if (List.of("src", "href", "action", "data", "poster", "srcset", "formaction", "background").contains(name)
                        && EXTERNAL.matcher(at.getValue()).find())
                    bad.add("<" + e.getLocalName() + " " + at.getName() + "=" + at.getValue() + ">");
                if (name.equals("style")) cssUrls(at.getValue(), bad);
            }
            if ("style".equals(e.getLocalName())) {
                cssUrls(e.getTextContent(), bad);
                if (e.getTextContent().contains("@import")) bad.add("@import in <style>");
            }
        }
        // belt and braces: once namespace declarations are removed, no absolute URL may remain anywhere
        String stripped = rawHtml.replaceAll("xmlns(:\\w+)?=['\"][^'\"]*['\"]", "");
        var m = Pattern.compile("(?i)(https?:|ftp:)//[^\\s'\"<)]*").matcher(stripped);
        while (m.find()) bad.add("absolute URL in text: " + m.group());
        return bad;
    }

    private static void cssUrls(String css, List<String> bad) {
        var m = URL_FN.matcher(css);
        while (m.find()) if (!m.group(1).startsWith("data:")) bad.add("css url(" + m.group(1) + ")");
    }

    /** Values of every href/src attribute that is a relative link to a file (not an anchor or data: URI). */
    static List<String> localLinks(Document doc) {
        List<String> out = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            for (String name : List.of("href", "src")) {
                String v = e.getAttribute(name);
                if (!v.isEmpty() && !v.startsWith("#") && !v.startsWith("data:")) out.add(v);
            }
        }
        return out;
    }

    static List<Element> elements(Document doc, String localName) {
        List<Element> out = new ArrayList<>();
        NodeList l = doc.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < l.getLength(); i++) out.add((Element) l.item(i));
        return out;
    }
}
