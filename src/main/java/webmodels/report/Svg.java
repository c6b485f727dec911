package webmodels.report;

import java.util.Locale;

/**
 * A minimal SVG writer: elements from name/value attribute pairs, every value and text escaped,
 * so that the output is always well-formed XML. Text widths are estimated (for layout) from
 * DejaVu Sans / Verdana metrics, the widest of the fonts the stylesheet names.
 */
final class Svg {

    static final String FONT = "'DejaVu Sans', Verdana, 'Helvetica Neue', Arial, sans-serif";

    private final StringBuilder body = new StringBuilder();

    /** {@code <name a="v" .../>}; attribute values may be strings or numbers. */
    Svg element(String name, Object... attributes) {
        body.append('<').append(name);
        attributes(attributes);
        body.append("/>\n");
        return this;
    }

    /** {@code <text ...>content</text>}. */
    Svg text(double x, double y, String content, Object... attributes) {
        body.append("<text x=\"").append(number(x)).append("\" y=\"").append(number(y)).append('"');
        attributes(attributes);
        body.append('>').append(escape(content)).append("</text>\n");
        return this;
    }

    Svg open(String name, Object... attributes) {
        body.append('<').append(name);
        attributes(attributes);
        body.append(">\n");
        return this;
    }

    Svg close(String name) {
        body.append("</").append(name).append(">\n");
        return this;
    }

    /** The whole document: white background, the font, a title element for screen readers. */
    String document(double width, double height, String title) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + number(width) + "\" height=\"" + number(height)
                + "\" viewBox=\"0 0 " + number(width) + " " + number(height) + "\" role=\"img\">\n"
                + "<title>" + escape(title) + "</title>\n"
                + "<rect x=\"0\" y=\"0\" width=\"" + number(width) + "\" height=\"" + number(height) + "\" fill=\"#ffffff\"/>\n"
                // inherited attributes, not a stylesheet: an element's own fill (red failures) must win
                + "<g font-family=\"" + escape(FONT) + "\" fill=\"#222222\">\n"
                + body
                + "</g>\n"
                + "</svg>\n";
    }

    /** Estimated width of bold {@code text}: DejaVu Sans Bold is about a tenth wider. */
    static double boldTextWidth(String text, double fontSize) {
        return textWidth(text, fontSize) * 1.12;
    }

    /** Estimated width of {@code text} in pixels at {@code fontSize}, erring on the wide side. */
    static double textWidth(String text, double fontSize) {
        double em = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("il.,:;|!'".indexOf(c) >= 0) {
                em += 0.32;
            } else if (c == ' ' || "ftjr()[]-".indexOf(c) >= 0) {
                em += 0.42;
            } else if (Character.isUpperCase(c) || "mw%@±".indexOf(c) >= 0) {
                em += 0.82;
            } else {
                em += 0.64;
            }
        }
        return em * fontSize;
    }

    private void attributes(Object... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            Object value = attributes[i + 1];
            String text = value instanceof Double || value instanceof Float
                    ? number(((Number) value).doubleValue()) : String.valueOf(value);
            body.append(' ').append(attributes[i]).append("=\"").append(escape(text)).append('"');
        }
    }

    /** Coordinates with at most one decimal: smaller files, no "1.0E-4" in attributes. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a coordinate: " + value);
        }
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded)
                ? Long.toString((long) rounded)
                : String.format(Locale.ROOT, "%.1f", rounded);
    }

    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    // XML 1.0 forbids most control characters even when escaped
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
