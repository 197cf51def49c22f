package org.iotevent.report;

import java.util.Locale;

/** Escaping and number formatting for HTML and inline SVG. */
final class Html {
    private Html() {}

    /**
     * Escapes text for element content and quoted attribute values: {@code & < > " '} become
     * character references, and characters HTML forbids (C0 controls other than tab and newline,
     * lone surrogates, U+FFFE/U+FFFF) become U+FFFD.
     */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f || Character.isSurrogate(c)
                            || c == 0xfffe || c == 0xffff) {
                        b.append('\ufffd');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** The text shortened to {@code max} characters with an ellipsis, then escaped. */
    static String shortEscaped(String s, int max) {
        return escape(s.length() <= max ? s : s.substring(0, max - 1) + "\u2026");
    }

    /** A number for an SVG coordinate: at most one decimal, never a locale's comma. */
    static String num(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A fraction in [0, 1] as a percentage with one decimal, or an en dash for NaN. */
    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "\u2013" : String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }
}
