package org.iotevent.report;

import static org.iotevent.report.Html.escape;
import static org.iotevent.report.Html.num;

/**
 * A small builder of static inline SVG: every chart of the report is one {@code <svg>} element with
 * {@code class="chart"} and a {@code data-chart} name, so a browser test can find each one. Text
 * passed in is escaped here; class names and the chart name are the renderer's own constants.
 */
final class Svg {
    private final StringBuilder b = new StringBuilder(4096);

    /**
     * Opens a chart.
     *
     * @param chart the chart's kind, e.g. {@code sequence}
     * @param width width in CSS pixels
     * @param height height in CSS pixels
     * @param label what the chart shows, for screen readers and the tooltip (user-derived, escaped)
     */
    Svg(String chart, double width, double height, String label) {
        b.append("<svg class=\"chart\" data-chart=\"").append(chart).append("\" xmlns=\"http://www.w3.org/2000/svg\"")
                .append(" width=\"").append(num(width)).append("\" height=\"").append(num(height))
                .append("\" viewBox=\"0 0 ").append(num(width)).append(' ').append(num(height))
                .append("\" role=\"img\" aria-label=\"").append(escape(label)).append("\"><title>")
                .append(escape(label)).append("</title>");
    }

    Svg line(double x1, double y1, double x2, double y2, String cls) {
        b.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"").append(num(x2))
                .append("\" y2=\"").append(num(y2)).append("\" class=\"").append(cls).append("\"/>");
        return this;
    }

    /** A rectangle with an optional fill colour (null: from the class) and tooltip (null: none). */
    Svg rect(double x, double y, double w, double h, String cls, String fill, String tooltip) {
        b.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(num(h)).append("\" class=\"").append(cls).append('"');
        if (fill != null) {
            b.append(" fill=\"").append(fill).append('"');
        }
        return closeWithTooltip("rect", tooltip);
    }

    Svg circle(double cx, double cy, double r, String cls, String tooltip) {
        b.append("<circle cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy)).append("\" r=\"").append(num(r))
                .append("\" class=\"").append(cls).append('"');
        return closeWithTooltip("circle", tooltip);
    }

    Svg polygon(String cls, double... xy) {
        b.append("<polygon class=\"").append(cls).append("\" points=\"");
        for (int i = 0; i < xy.length; i += 2) {
            b.append(i == 0 ? "" : " ").append(num(xy[i])).append(',').append(num(xy[i + 1]));
        }
        b.append("\"/>");
        return this;
    }

    Svg polyline(String cls, double[] xs, double[] ys) {
        b.append("<polyline class=\"").append(cls).append("\" points=\"");
        for (int i = 0; i < xs.length; i++) {
            b.append(i == 0 ? "" : " ").append(num(xs[i])).append(',').append(num(ys[i]));
        }
        b.append("\"/>");
        return this;
    }

    /** Text (escaped) with an anchor ({@code start}, {@code middle}, {@code end}) and class. */
    Svg text(double x, double y, String text, String anchor, String cls) {
        return rotatedText(x, y, 0, text, anchor, cls);
    }

    /** Text rotated by {@code degrees} about its anchor point. */
    Svg rotatedText(double x, double y, double degrees, String text, String anchor, String cls) {
        b.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" text-anchor=\"").append(anchor)
                .append("\" class=\"").append(cls).append('"');
        if (degrees != 0) {
            b.append(" transform=\"rotate(").append(num(degrees)).append(' ').append(num(x)).append(' ').append(num(y))
                    .append(")\"");
        }
        b.append('>').append(escape(text)).append("</text>");
        return this;
    }

    private Svg closeWithTooltip(String element, String tooltip) {
        if (tooltip == null) {
            b.append("/>");
        } else {
            b.append("><title>").append(escape(tooltip)).append("</title></").append(element).append('>');
        }
        return this;
    }

    /** Closes the chart and returns its markup. */
    String end() {
        return b.append("</svg>").toString();
    }
}
