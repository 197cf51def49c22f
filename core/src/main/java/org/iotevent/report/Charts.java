package org.iotevent.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.iotevent.evaluate.defence.DefenceEvaluation;
import org.iotevent.evaluate.defence.DefenceResult;

/** The report's charts, each a pure function from model to one static SVG element. */
final class Charts {
    /** Packets drawn of one sequence, at most; the rest is summarised in the caption. */
    static final int MAX_PACKETS_DRAWN = 60;
    /** Detected bursts drawn one mark each, at most; beyond, marks are binned by pixel column. */
    static final int MAX_TIMELINE_MARKS = 3000;

    private static final double SEQ_STEP = 32;
    private static final double SEQ_ARROW = 64;

    private Charts() {}

    /**
     * The paper's Figure 4: one arrow a packet, up from the axis for packets the device sends,
     * down for packets towards it, the arrow's length proportional to the packet's, the length in
     * bytes written at its tip; distinguishing packets drawn in the accent style.
     *
     * @param maxAbsLength the longest packet among the device's events, bytes, so the device's
     *     sequences share one scale
     */
    static String sequence(EventReport e, int maxAbsLength) {
        int[] seq = e.sequence().representative();
        boolean[] key = e.sequence().distinguishing();
        int shown = Math.min(seq.length, MAX_PACKETS_DRAWN);
        // long exchanges get narrower columns (a 4-digit length still fits), so they shrink less to fit the page
        double step = shown > 24 ? SEQ_STEP * 0.75 : SEQ_STEP;
        double left = 64;
        double width = left + shown * step + 16;
        double axis = 20 + SEQ_ARROW;
        Svg s = new Svg("sequence", width, 2 * SEQ_ARROW + 40, "Packet sequence of event " + e.name());
        s.text(left - 8, axis - SEQ_ARROW / 2, "to cloud", "end", "lane");
        s.text(left - 8, axis + SEQ_ARROW / 2 + 8, "to device", "end", "lane");
        s.line(left - 4, axis, width - 8, axis, "axis");
        for (int i = 0; i < shown; i++) {
            int len = Math.abs(seq[i]);
            double h = Math.max(14, SEQ_ARROW * len / Math.max(1, maxAbsLength));
            double x = left + i * step + step / 2;
            int sign = seq[i] > 0 ? 1 : -1;
            double tip = axis + sign * h;
            String cls = (seq[i] > 0 ? "in" : "out") + (key[i] ? " key" : "");
            String tooltip = "packet " + (i + 1) + ": " + len + " B " + (seq[i] > 0 ? "to the device" : "to the cloud")
                    + (key[i] ? ", tells this event apart" : "");
            s.rect(x - step / 2, 14, step, 2 * SEQ_ARROW + 16, "hit", null, tooltip);
            s.line(x, axis, x, tip - sign * 5, "arrow " + cls);
            s.polygon("head " + cls, x - 4, tip - sign * 6, x + 4, tip - sign * 6, x, tip);
            s.text(x, sign > 0 ? tip + 12 : tip - 4, Integer.toString(len), "middle", "len " + cls);
        }
        return s.end();
    }

    /** The paper's Figure 5: formula (4) accuracy against k, the chosen k ringed. */
    static String accuracyByK(String device, EvaluationView v) {
        List<Integer> ks = new ArrayList<>(v.accuracyByK().keySet());
        double min = v.accuracyByK().values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double lo = Math.max(0, Math.floor(min * 10 - 1) / 10);
        double left = 52;
        double top = 16;
        double plotW = Math.max(240, ks.size() * 44.0);
        double plotH = 180;
        Svg s = new Svg("accuracy-by-k", left + plotW + 24, top + plotH + 44, "Accuracy against k for " + device);
        for (double g = lo; g <= 1.0001; g += 0.1) {
            double y = top + plotH * (1 - (g - lo) / (1 - lo));
            s.line(left, y, left + plotW, y, "grid");
            s.text(left - 6, y + 4, Html.percent(g).replace(".0 ", " "), "end", "tick");
        }
        double[] xs = new double[ks.size()];
        double[] ys = new double[ks.size()];
        for (int i = 0; i < ks.size(); i++) {
            xs[i] = left + (ks.size() == 1 ? plotW / 2 : 12 + (plotW - 24) * i / (ks.size() - 1));
            ys[i] = top + plotH * (1 - (v.accuracyByK().get(ks.get(i)) - lo) / (1 - lo));
            s.text(xs[i], top + plotH + 16, Integer.toString(ks.get(i)), "middle", "tick");
        }
        s.line(left, top + plotH, left + plotW, top + plotH, "axis");
        s.polyline("series", xs, ys);
        for (int i = 0; i < ks.size(); i++) {
            String tip = "k = " + ks.get(i) + ": " + Html.percent(v.accuracyByK().get(ks.get(i)));
            if (ks.get(i) == v.k()) {
                s.circle(xs[i], ys[i], 8, "chosen", null);
            }
            s.circle(xs[i], ys[i], 4, "point", tip);
        }
        s.text(left + plotW / 2, top + plotH + 36, "k (neighbours in the vote)", "middle", "axis-label");
        return s.end();
    }

    /**
     * The confusion matrix as a heat map: rows actual, columns predicted, shade = share of the row,
     * written in each cell as a whole percentage (up to 20 classes), the count in the tooltip; three
     * characters at most, so every number stays inside its cell whatever the counts.
     */
    static String confusion(String device, EvaluationView v) {
        List<String> labels = v.labels();
        int n = labels.size();
        double cell = n > 20 ? 20 : 34;
        int longest = labels.stream().mapToInt(l -> Math.min(24, l.length())).max().orElse(1);
        double margin = 16 + longest * 6.6;
        Svg s = new Svg("confusion", margin + n * cell + 24 + longest * 3.4, margin + n * cell + 24,
                "Confusion matrix of " + device);
        for (int i = 0; i < n; i++) {
            String name = labels.get(i);
            s.text(margin - 6, margin + i * cell + cell / 2 + 4, shortLabel(name), "end", "tick");
            s.rotatedText(margin + i * cell + cell / 2 + 4, margin - 6, -60, shortLabel(name), "start", "tick");
        }
        for (int a = 0; a < n; a++) {
            long row = 0;
            for (int p = 0; p < n; p++) {
                row += v.count(a, p);
            }
            for (int p = 0; p < n; p++) {
                long c = v.count(a, p);
                double share = row == 0 ? 0 : (double) c / row;
                String tip = "actual " + labels.get(a) + ", predicted " + labels.get(p) + ": " + c + " ("
                        + Html.percent(share) + " of the row)";
                s.rect(margin + p * cell, margin + a * cell, cell, cell, a == p ? "cell diag" : "cell", shade(share), tip);
                if (c > 0 && cell >= 24) {
                    long pct = Math.round(share * 100);
                    s.text(margin + p * cell + cell / 2, margin + a * cell + cell / 2 + 4, pct == 0 ? "<1" : Long.toString(pct),
                            "middle", share > 0.5 ? "count dark" : "count");
                }
            }
        }
        s.text(margin + n * cell / 2, margin + n * cell + 16, "predicted \u2192  (rows: actual)", "middle", "axis-label");
        return s.end();
    }

    /**
     * What happened in the home: one row per event, one bar per detected burst, privacy events red.
     * With the run's event log, each trigger is a triangle above its event's row (filled when a
     * detection of the event followed it, hollow when missed) and a detection that followed no
     * trigger of its event is outlined (a false alarm); {@code matching} is {@code t.match()}.
     */
    static String timeline(Timeline t, Timeline.Matching matching) {
        List<Timeline.Entry> entries = t.entries();
        List<Timeline.Trigger> triggers = t.triggers();
        TreeSet<String> names = new TreeSet<>();
        entries.forEach(e -> names.add(e.event()));
        triggers.forEach(e -> names.add(e.event()));
        List<String> rows = new ArrayList<>(names.stream().filter(n -> !Timeline.isOther(n)).toList());
        rows.addAll(names.stream().filter(Timeline::isOther).toList());
        long first = Math.min(entries.stream().mapToLong(Timeline.Entry::startNanos).min().orElse(Long.MAX_VALUE),
                triggers.stream().mapToLong(Timeline.Trigger::atNanos).min().orElse(Long.MAX_VALUE));
        long last = Math.max(first + 1_000_000_000L, Math.max(entries.stream().mapToLong(Timeline.Entry::endNanos).max()
                .orElse(0), triggers.stream().mapToLong(Timeline.Trigger::atNanos).max().orElse(0)));
        int longest = rows.stream().mapToInt(l -> Math.min(24, l.length())).max().orElse(1);
        double left = 16 + longest * 6.6;
        double plotW = 720;
        boolean overlay = !triggers.isEmpty() && triggers.size() <= MAX_TIMELINE_MARKS;
        double rowH = overlay ? 28 : 22;
        double barTop = overlay ? 10 : 4;
        double top = 8;
        Svg s = new Svg("timeline", left + plotW + 24, top + rows.size() * rowH + 44, "Timeline of " + t.device());
        for (int r = 0; r < rows.size(); r++) {
            double y = top + r * rowH;
            s.rect(left, y, plotW, rowH, r % 2 == 0 ? "band" : "band odd", null, null);
            s.text(left - 6, y + rowH / 2 + 4, shortLabel(rows.get(r)), "end", "tick");
        }
        double span = last - first;
        for (int i = 0; i <= 4; i++) {
            double x = left + plotW * i / 4;
            long at = first + (long) (span * i / 4);
            s.line(x, top, x, top + rows.size() * rowH + 4, "grid");
            s.text(x, top + rows.size() * rowH + 18, clock(at, span), i == 0 ? "start" : i == 4 ? "end" : "middle", "tick");
        }
        if (entries.size() <= MAX_TIMELINE_MARKS) {
            java.util.Set<Timeline.Entry> falseAlarms = new java.util.HashSet<>(matching.falseAlarms());
            for (Timeline.Entry e : entries) {
                int r = rows.indexOf(e.event());
                double x = left + plotW * (e.startNanos() - first) / span;
                double w = Math.max(3, plotW * (e.endNanos() - e.startNanos()) / span);
                boolean fa = overlay && falseAlarms.contains(e);
                String tip = e.event() + (e.privacy() ? " (privacy event)" : "") + " at " + instant(e.startNanos()) + ", "
                        + e.packets() + " packets" + (fa ? ": a false alarm, no trigger of it before" : "");
                s.rect(x, top + r * rowH + barTop, w, rowH - barTop - 4, markClass(e.event(), e.privacy())
                        + (fa ? " fa" : ""), null, tip);
            }
        } else {
            binnedMarks(s, entries, rows, first, span, left, plotW, top, rowH, barTop);
        }
        if (overlay) {
            for (int i = 0; i < triggers.size(); i++) {
                Timeline.Trigger g = triggers.get(i);
                double x = left + plotW * (g.atNanos() - first) / span;
                double y = top + rows.indexOf(g.event()) * rowH + 1;
                boolean hit = matching.hit()[i];
                s.polygonWithTooltip(hit ? "trigger" : "trigger missed", g.event() + " triggered at " + instant(g.atNanos())
                        + (hit ? ", detected" : ", missed"), x - 4, y, x + 4, y, x, y + 7);
            }
        }
        s.text(left + plotW / 2, top + rows.size() * rowH + 36, "packet time (UTC)", "middle", "axis-label");
        return s.end();
    }

    /**
     * What the attack reads against overhead: one point per defence and setting, x the extra bytes
     * on a log scale of 1 + overhead (0, 1, 10, 100 ... %), y the events read (filled: the figure a
     * failure cannot hide) and formula (4) accuracy (ring, joined by a stem: it counts the device's
     * own bursts, so it stays high when the events are no longer read); the baseline at x = 0 and
     * the share of the majority label (what guessing scores on formula (4)) as a dashed line. A
     * defence whose attack could not be measured (too few bursts) has no point; the table lists it.
     */
    static String defenceScatter(DefenceEvaluation d) {
        List<DefenceResult> all = new ArrayList<>();
        all.add(d.baseline());
        all.addAll(d.results());
        double left = 52;
        double top = 16;
        double plotW = 560;
        double plotH = 240;
        Svg s = new Svg("defences", left + plotW + 200, top + plotH + 48, "Events read against overhead for " + d.device());
        int decades = overheadAxis(s, all, left, top, plotW, plotH);
        for (int g = 0; g <= 10; g += 2) {
            double y = top + plotH * (1 - g / 10.0);
            s.line(left, y, left + plotW, y, "grid");
            s.text(left - 6, y + 4, (g * 10) + " %", "end", "tick");
        }
        double chance = top + plotH * (1 - d.baseline().majorityShare());
        s.line(left, chance, left + plotW, chance, "chance");
        s.text(left + plotW - 4, chance - 4, "guessing the commonest label", "end", "note");
        Map<String, Integer> families = families(s, all, left, top, plotW);
        for (DefenceResult r : all) {
            if (Double.isNaN(r.eventsRead())) {
                continue;
            }
            double x = left + plotW * Math.log10(1 + r.extraBytesPercent()) / decades;
            double y = top + plotH * (1 - r.eventsRead());
            String tip = r.label() + ": events read " + Html.percent(r.eventsRead()) + ", accuracy (4) "
                    + Html.percent(r.accuracy()) + ", +" + String.format(Locale.ROOT,
                    "%.1f", r.extraBytesPercent()) + " % bytes, +" + r.extraPackets() + " packets, +" + String.format(
                    Locale.ROOT, "%.1f", r.addedLatencyMillis()) + " ms";
            String family = " f" + (families.get(r.defence()) % 8);
            if (!Double.isNaN(r.accuracy())) {
                double yr = top + plotH * (1 - r.accuracy());
                s.line(x, y, x, yr, "stem" + family);
                s.circle(x, yr, 4.5, "ring" + family, tip);
            }
            s.circle(x, y, 5, "dot" + family, tip);
        }
        double key = top + 24 + families.size() * 18;
        s.circle(left + plotW + 24, key - 4, 5, "dot f0", null);
        s.text(left + plotW + 34, key, "events read", "start", "tick");
        s.circle(left + plotW + 24, key + 14, 4.5, "ring f0", null);
        s.text(left + plotW + 34, key + 18, "accuracy (4)", "start", "tick");
        s.text(left + plotW / 2, top + plotH + 36, "extra bytes (log scale)", "middle", "axis-label");
        s.rotatedText(14, top + plotH / 2, -90, "attack's score", "middle", "axis-label");
        return s.end();
    }

    /**
     * Bits leaked of bits possible, one bar per device: the full bar is the entropy of its labels
     * (events and its own traffic), the dark part the bits any attack could learn, the whisker the
     * 95 % interval; all bars on one scale, so devices compare.
     *
     * @param devices (name, leakage) pairs, at least one
     */
    static String leakageBars(List<Map.Entry<String, LeakageView>> devices) {
        double left = 220;
        double top = 10;
        double plotW = 420;
        double rowH = 26;
        double max = devices.stream().mapToDouble(e -> e.getValue().entropyBits()).max().orElse(1);
        max = Math.max(1, Math.ceil(max));
        double height = top + rowH * devices.size() + 40;
        Svg s = new Svg("leakage", left + plotW + 300, height, "Bits leaked of bits possible, per device");
        for (int g = 0; g <= max; g++) {
            double x = left + plotW * g / max;
            s.line(x, top, x, top + rowH * devices.size(), "grid");
            s.text(x, top + rowH * devices.size() + 14, g + " bit" + (g == 1 ? "" : "s"), "middle", "tick");
        }
        for (int i = 0; i < devices.size(); i++) {
            String name = devices.get(i).getKey();
            LeakageView l = devices.get(i).getValue();
            double y = top + i * rowH + 5;
            double h = rowH - 10;
            String tip = String.format(Locale.ROOT, "%s: %.2f bits [%.2f, %.2f] of %.2f; best accuracy of any attack <= %s",
                    name, l.bits().value(), l.bits().low(), l.bits().high(), l.entropyBits(), Html.percent(l.bestAccuracy()));
            s.text(left - 8, y + h - 3, shortLabel(name), "end", "lane");
            s.rect(left, y, plotW * l.entropyBits() / max, h, "possible", null, tip);
            s.rect(left, y, plotW * l.bits().value() / max, h, "leaked", null, tip);
            if (!Double.isNaN(l.bits().low())) {
                double x0 = left + plotW * l.bits().low() / max;
                double x1 = left + plotW * l.bits().high() / max;
                s.line(x0, y + h / 2, x1, y + h / 2, "whisker");
                s.line(x0, y + 3, x0, y + h - 3, "whisker");
                s.line(x1, y + 3, x1, y + h - 3, "whisker");
            }
            s.text(left + plotW + 10, y + h - 3, String.format(Locale.ROOT, "%.2f of %.2f bits%s, best attack <= %s",
                    l.bits().value(), l.entropyBits(), l.entropyBits() > 0 ? String.format(Locale.ROOT, " (%.0f %%)",
                            100 * l.bits().value() / l.entropyBits()) : "", Html.percent(l.bestAccuracy())), "start", "tick");
        }
        s.text(left + plotW / 2, height - 6, "bits leaked (dark, with 95 % interval) of the labels' entropy (light)",
                "middle", "axis-label");
        return s.end();
    }

    /**
     * Bits leaked against overhead, the curve defence studies draw: one point per defence and
     * setting with its 95 % interval, x the extra bytes on the same log scale as
     * {@link #defenceScatter}, y the bits any attack could still learn; the dashed line is the
     * undefended labels' entropy (everything leaks). Results without leakage figures have no point.
     */
    static String defenceBits(DefenceEvaluation d) {
        List<DefenceResult> all = new ArrayList<>();
        all.add(d.baseline());
        all.addAll(d.results());
        all.removeIf(r -> r.leakage() == null);
        double maxY = Math.max(1, Math.ceil(all.stream().mapToDouble(r -> r.leakage().entropyBits()).max().orElse(1)));
        double left = 52;
        double top = 16;
        double plotW = 560;
        double plotH = 240;
        Svg s = new Svg("defence-bits", left + plotW + 200, top + plotH + 48, "Bits leaked against overhead for " + d.device());
        int decades = overheadAxis(s, all, left, top, plotW, plotH);
        for (int g = 0; g <= 4; g++) {
            double y = top + plotH * (1 - g / 4.0);
            s.line(left, y, left + plotW, y, "grid");
            s.text(left - 6, y + 4, String.format(Locale.ROOT, "%.2g", maxY * g / 4), "end", "tick");
        }
        if (d.baseline().leakage() != null) {
            double y = top + plotH * (1 - d.baseline().leakage().entropyBits() / maxY);
            s.line(left, y, left + plotW, y, "chance");
            s.text(left + plotW - 4, y - 4, "everything leaks (undefended entropy)", "end", "note");
        }
        Map<String, Integer> families = families(s, all, left, top, plotW);
        for (DefenceResult r : all) {
            DefenceResult.Leakage l = r.leakage();
            if (Double.isNaN(l.bits().value())) {
                continue;
            }
            double x = left + plotW * Math.log10(1 + r.extraBytesPercent()) / decades;
            String family = " f" + (families.get(r.defence()) % 8);
            if (!Double.isNaN(l.bits().low())) {
                s.line(x, top + plotH * (1 - l.bits().low() / maxY), x, top + plotH * (1 - l.bits().high() / maxY),
                        "stem" + family);
            }
            s.circle(x, top + plotH * (1 - l.bits().value() / maxY), 5, "dot" + family, String.format(Locale.ROOT,
                    "%s: %.2f bits [%.2f, %.2f] of %.2f, +%.1f %% bytes", r.label(), l.bits().value(), l.bits().low(),
                    l.bits().high(), l.entropyBits(), r.extraBytesPercent()));
        }
        s.text(left + plotW / 2, top + plotH + 36, "extra bytes (log scale)", "middle", "axis-label");
        s.rotatedText(14, top + plotH / 2, -90, "bits leaked", "middle", "axis-label");
        return s.end();
    }

    /**
     * The extra-bytes axis of the defence charts, log10(1 + x) with gridlines at 0, 1, 10, 100 ... %.
     *
     * @return the decades the axis spans
     */
    private static int overheadAxis(Svg s, List<DefenceResult> all, double left, double top, double plotW, double plotH) {
        double maxX = all.stream().mapToDouble(DefenceResult::extraBytesPercent).max().orElse(1);
        int decades = Math.max(2, (int) Math.ceil(Math.log10(1 + maxX)));
        for (double v = 0; Math.log10(1 + v) <= decades + 1e-9; v = v == 0 ? 1 : v * 10) {
            double x = left + plotW * Math.log10(1 + v) / decades;
            s.line(x, top, x, top + plotH, "grid");
            s.text(x, top + plotH + 16, String.format(Locale.ROOT, "%,.0f %%", v), "middle", "tick");
        }
        return decades;
    }

    /** A colour per defence, in order of first appearance, with its legend right of the plot. */
    private static Map<String, Integer> families(Svg s, List<DefenceResult> all, double left, double top, double plotW) {
        Map<String, Integer> families = new LinkedHashMap<>();
        for (DefenceResult r : all) {
            families.putIfAbsent(r.defence(), families.size());
        }
        int i = 0;
        for (String family : families.keySet()) {
            double y = top + 8 + i * 18;
            s.circle(left + plotW + 24, y - 4, 5, "dot f" + (i % 8), null);
            s.text(left + plotW + 34, y, family, "start", "tick");
            i++;
        }
        return families;
    }

    /**
     * Too many bursts for one mark each: one mark per row and 3-pixel column that holds any,
     * its tooltip counting them.
     */
    private static void binnedMarks(Svg s, List<Timeline.Entry> entries, List<String> rows, long first, double span,
            double left, double plotW, double top, double rowH, double barTop) {
        int columns = (int) (plotW / 3);
        int[][] counts = new int[rows.size()][columns];
        boolean[] privacy = new boolean[rows.size()];
        for (Timeline.Entry e : entries) {
            int r = rows.indexOf(e.event());
            counts[r][(int) Math.min(columns - 1, (e.startNanos() - first) / span * columns)]++;
            privacy[r] |= e.privacy();
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns; c++) {
                if (counts[r][c] > 0) {
                    long at = first + (long) (span * c / columns);
                    s.rect(left + c * 3.0, top + r * rowH + barTop, 3, rowH - barTop - 4, markClass(rows.get(r), privacy[r]), null,
                            counts[r][c] + " \u00d7 " + rows.get(r) + " from " + instant(at));
                }
            }
        }
    }

    private static String markClass(String event, boolean privacy) {
        return Timeline.isOther(event) ? "mark other" : privacy ? "mark privacy" : "mark event";
    }

    private static String shortLabel(String label) {
        return label.length() <= 24 ? label : label.substring(0, 23) + "\u2026";
    }

    /** A heat-map colour from white (share 0) to deep blue (share 1). */
    static String shade(double share) {
        int r = (int) Math.round(247 + (8 - 247) * share);
        int g = (int) Math.round(251 + (48 - 251) * share);
        int b = (int) Math.round(255 + (107 - 255) * share);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    private static String clock(long nanos, double spanNanos) {
        String pattern = spanNanos > 86_400e9 ? "MM-dd HH:mm" : "HH:mm:ss";
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochSecond(0, nanos));
    }

    /** An instant as ISO-8601 UTC with milliseconds. */
    static String instant(long nanos) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochSecond(0, nanos)) + " UTC";
    }
}
