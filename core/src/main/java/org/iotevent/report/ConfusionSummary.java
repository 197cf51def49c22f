package org.iotevent.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The confusion matrix of many classes, summarised: a heat map of n classes has n^2 cells (a
 * million for 1 000 events, hundreds of MB of SVG no browser renders), so beyond
 * {@link #MAX_MATRIX_CLASSES} the report lists the largest confusions instead.
 */
final class ConfusionSummary {
    /** Most classes drawn as a full matrix. */
    static final int MAX_MATRIX_CLASSES = 40;
    /** Confusions listed when the matrix is summarised. */
    static final int TOP = 50;

    private ConfusionSummary() {}

    /** True when {@code v} is drawn as a matrix, false when summarised. */
    static boolean drawn(EvaluationView v) {
        return v.labels().size() <= MAX_MATRIX_CLASSES;
    }

    /** The largest off-diagonal cells as an HTML table, with each row's share. */
    static String topConfusions(EvaluationView v) {
        record Cell(int actual, int predicted, long count, double share) {}
        List<String> labels = v.labels();
        int n = labels.size();
        List<Cell> cells = new ArrayList<>();
        long right = 0;
        long all = 0;
        for (int a = 0; a < n; a++) {
            long row = 0;
            for (int p = 0; p < n; p++) {
                row += v.count(a, p);
            }
            all += row;
            right += v.count(a, a);
            for (int p = 0; p < n; p++) {
                if (p != a && v.count(a, p) > 0) {
                    cells.add(new Cell(a, p, v.count(a, p), (double) v.count(a, p) / row));
                }
            }
        }
        cells.sort(Comparator.comparingLong(Cell::count).reversed().thenComparing(Cell::actual).thenComparing(Cell::predicted));
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"note\">").append(n).append(" classes: too many for a matrix (at most ")
                .append(MAX_MATRIX_CLASSES).append("). ").append(Html.percent(all == 0 ? 0 : (double) right / all))
                .append(" of the tested bursts are on the diagonal; the ").append(Math.min(TOP, cells.size())).append(" largest of ")
                .append(cells.size()).append(" confusions:</p><table><thead><tr><th>actual</th><th>taken for</th>")
                .append("<th>bursts</th><th>share of the actual class</th></tr></thead><tbody>");
        for (Cell c : cells.subList(0, Math.min(TOP, cells.size()))) {
            b.append("<tr><td>").append(Html.shortEscaped(labels.get(c.actual()), 40)).append("</td><td>")
                    .append(Html.shortEscaped(labels.get(c.predicted()), 40)).append("</td><td>").append(c.count())
                    .append("</td><td>").append(Html.percent(c.share())).append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
