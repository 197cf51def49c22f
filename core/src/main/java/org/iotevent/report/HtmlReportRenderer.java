package org.iotevent.report;

import static org.iotevent.report.Html.escape;
import static org.iotevent.report.Html.percent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.iotevent.evaluate.defence.DefenceEvaluation;
import org.iotevent.evaluate.defence.DefenceResult;
import org.iotevent.signature.Separation;
import org.iotevent.signature.Verdicts;

/**
 * Renders a {@link Report} to one self-contained HTML document: inline CSS, static inline SVG
 * charts, no external resource of any kind. A Content-Security-Policy forbids every fetch and every
 * script except one inline line that records script errors on the root element (attribute
 * {@code data-script-errors}), so a browser test can prove the page ran clean. Every string that
 * comes from user input (devices, events, file names, title) is escaped.
 */
public final class HtmlReportRenderer implements ReportRenderer {
    /**
     * Records script errors and Content-Security-Policy violations (a blocked fetch or script) into
     * the DOM; the only script, allowed by its hash.
     */
    static final String ERROR_HOOK = "(function(){function note(m){var r=document.documentElement;"
            + "r.setAttribute('data-script-errors',(r.getAttribute('data-script-errors')||'')+m+';');}"
            + "window.addEventListener('error',function(e){note(e.message);});"
            + "document.addEventListener('securitypolicyviolation',function(e){note('blocked '+e.violatedDirective);});})();";

    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-"
            + sha256Base64(ERROR_HOOK) + "'";

    private static final String CSS = """
            :root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--in:#2f6fb0;--out:#d9822b;--key:#c81e5a;\
            --privacy:#c81e1e;--ok:#2d7d46;--bg:#f5f7fa}
            *{box-sizing:border-box}
            body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);\
            background:var(--bg)}
            header{background:#102a43;color:#fff;padding:24px 40px}
            header h1{margin:0 0 4px;font-size:26px;font-weight:600}
            header p{margin:0;color:#bcccdc;font-size:13px}
            nav{padding:10px 40px;background:#fff;border-bottom:1px solid var(--line);font-size:14px}
            nav a{margin-right:18px;color:var(--in);text-decoration:none}
            main{padding:8px 40px 40px;max-width:1280px}
            section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:18px 24px;margin:20px 0}
            h2{margin:0 0 12px;font-size:20px}
            h3{margin:22px 0 8px;font-size:16px;color:#334e68}
            table{border-collapse:collapse;margin:8px 0;font-size:14px}
            th,td{border-bottom:1px solid var(--line);padding:6px 12px;text-align:left;vertical-align:top}
            th{background:#f0f4f8;font-weight:600}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            table.devices td:first-child{white-space:nowrap}
            .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap}
            .badge.readable{background:#fde2e2;color:#9b1c1c}.badge.partly{background:#fef3c7;color:#92400e}
            .badge.hidden{background:#def7ec;color:#03543f}.badge.unknown{background:#e4e7eb;color:#52606d}
            .badge.privacy{background:#9b1c1c;color:#fff}
            .note{color:var(--muted);font-size:13px}
            figure{margin:10px 0 18px;overflow-x:auto}
            figcaption{font-size:14px;margin-bottom:4px}
            figcaption b{font-weight:600}
            .legend span{margin-right:16px;font-size:13px}
            .sw{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px}
            svg.chart{display:block;font-size:11px}
            svg .axis{stroke:#7b8794;stroke-width:1}
            svg .grid{stroke:#e4e7eb;stroke-width:1}
            svg .tick{fill:#52606d;font-size:11px}
            svg .axis-label{fill:#334e68;font-size:12px}
            svg .lane{fill:#7b8794;font-size:11px}
            svg .note{fill:#7b8794;font-size:11px}
            svg .hit{fill:transparent}
            svg .hit:hover{fill:#f0f4f8}
            svg .arrow{stroke-width:3}
            svg .arrow.in{stroke:var(--in)}svg .arrow.out{stroke:var(--out)}
            svg .head.in{fill:var(--in)}svg .head.out{fill:var(--out)}
            svg .arrow.key{stroke:var(--key);stroke-width:4}svg .head.key{fill:var(--key)}
            svg .len{font-size:10px;fill:#52606d}svg .len.key{fill:var(--key);font-weight:700}
            svg .series{fill:none;stroke:var(--in);stroke-width:2}
            svg .point{fill:var(--in)}svg .chosen{fill:none;stroke:var(--key);stroke-width:2}
            svg .cell{stroke:#fff;stroke-width:1}svg .cell.diag{stroke:#9fb3c8}
            svg .count{font-size:11px;fill:#243b53}svg .count.dark{fill:#fff}
            svg .band{fill:#f8fafc}svg .band.odd{fill:#eef2f6}
            svg .mark.event{fill:var(--in)}svg .mark.privacy{fill:var(--privacy)}svg .mark.other{fill:#9aa5b1}
            svg .chance{stroke:#9aa5b1;stroke-dasharray:5 4}
            svg .possible{fill:#d9e2ec}svg .leaked{fill:#9b1c1c}svg .whisker{stroke:#102a43;stroke-width:1.5}
            svg .dot{stroke:#fff;stroke-width:1.5}
            svg .f0{fill:#102a43}svg .f1{fill:#2f6fb0}svg .f2{fill:#d9822b}svg .f3{fill:#2d7d46}svg .f4{fill:#c81e5a}\
            svg .f5{fill:#7c5cbf}svg .f6{fill:#0f9b9b}svg .f7{fill:#8d6e63}
            svg .ring{fill:#fff;stroke-width:2}svg .stem{stroke-width:1;stroke-dasharray:2 2}
            svg .ring.f0,svg .stem.f0{stroke:#102a43}svg .ring.f1,svg .stem.f1{stroke:#2f6fb0}\
            svg .ring.f2,svg .stem.f2{stroke:#d9822b}svg .ring.f3,svg .stem.f3{stroke:#2d7d46}\
            svg .ring.f4,svg .stem.f4{stroke:#c81e5a}svg .ring.f5,svg .stem.f5{stroke:#7c5cbf}\
            svg .ring.f6,svg .stem.f6{stroke:#0f9b9b}svg .ring.f7,svg .stem.f7{stroke:#8d6e63}
            .grid2{display:flex;flex-wrap:wrap;gap:8px 40px;align-items:flex-start}
            .grid2 figure{margin:4px 0 12px}
            details{margin:8px 0}summary{cursor:pointer;color:var(--in);font-size:14px}
            footer{padding:0 40px 30px;color:var(--muted);font-size:12px}
            """;

    @Override
    public String render(Report report) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(escape(report.title())).append("</title>")
                .append("<script>").append(ERROR_HOOK).append("</script>")
                .append("<style>").append(CSS).append("</style></head>\n<body>");
        b.append("<header><h1>").append(escape(report.title())).append("</h1><p>Built from ")
                .append(escape(String.join(", ", report.sources()))).append("</p></header>\n");
        nav(b, report);
        b.append("<main>");
        if (!report.devices().isEmpty()) {
            summary(b, report.devices());
        }
        for (int i = 0; i < report.devices().size(); i++) {
            device(b, report.devices().get(i), i);
        }
        for (int i = 0; i < report.timelines().size(); i++) {
            timeline(b, report.timelines().get(i), i);
        }
        for (int i = 0; i < report.defences().size(); i++) {
            defences(b, report.defences().get(i), i);
        }
        b.append("</main><footer>Made by iotevent. A static page: no scripts run but an error recorder, nothing is ")
                .append("fetched. Lengths are IP-layer bytes; direction + is towards the device.</footer></body></html>\n");
        return b.toString();
    }

    private static void nav(StringBuilder b, Report r) {
        b.append("<nav>");
        if (!r.devices().isEmpty()) {
            b.append("<a href=\"#summary\">Devices</a>");
        }
        for (int i = 0; i < r.devices().size(); i++) {
            b.append("<a href=\"#device-").append(i).append("\">").append(Html.shortEscaped(r.devices().get(i).device(), 40))
                    .append("</a>");
        }
        for (int i = 0; i < r.timelines().size(); i++) {
            b.append("<a href=\"#timeline-").append(i).append("\">Timeline ").append(i + 1).append("</a>");
        }
        for (int i = 0; i < r.defences().size(); i++) {
            b.append("<a href=\"#defences-").append(i).append("\">Defences ").append(i + 1).append("</a>");
        }
        b.append("</nav>\n");
    }

    /** The paper's Table 2: one row per device. */
    private static void summary(StringBuilder b, List<DeviceReport> devices) {
        b.append("<section id=\"summary\"><h2>Devices</h2><table class=\"devices\"><thead><tr><th>Device</th><th>Cloud</th>")
                .append("<th>Protocol</th><th>Events</th><th>Privacy events</th><th class=\"num\">Events read</th>")
                .append("<th class=\"num\">False alarms</th><th class=\"num\">Paper's accuracy</th>")
                .append("<th class=\"num\">k</th><th>Events an eavesdropper reads</th></tr></thead><tbody>");
        for (DeviceReport d : devices) {
            long readable = d.events().stream().filter(e -> e.leak() == EventReport.Leak.READABLE).count();
            b.append("<tr><td>").append(escape(d.device())).append("</td><td>").append(dash(d.cloud())).append("</td><td>")
                    .append(dash(d.protocol())).append("</td><td>")
                    .append(escape(String.join(", ", d.events().stream().map(EventReport::name).toList())))
                    .append("</td><td>")
                    .append(escape(String.join(", ", d.events().stream().filter(EventReport::privacy)
                            .map(EventReport::name).toList())))
                    .append("</td><td class=\"num\">").append(d.verdicts() == null ? "\u2013" : percent(d.verdicts().eventsRead()))
                    .append("</td><td class=\"num\">").append(d.verdicts() == null ? "\u2013"
                            : percent(d.verdicts().falseAlarmRate()))
                    .append("</td><td class=\"num\">").append(percent(d.accuracy()))
                    .append(d.evaluation() == null && !Double.isNaN(d.accuracy()) ? "<sup>*</sup>" : "")
                    .append("</td><td class=\"num\">")
                    .append(d.evaluation() == null ? "\u2013" : Integer.toString(d.evaluation().k())).append("</td><td>")
                    .append(d.evaluation() == null ? "not evaluated" : readable + " of " + d.events().size())
                    .append("</td></tr>");
        }
        b.append("</tbody></table><p class=\"note\">Events read: the mean over the device's events of the share of ")
                .append("their triggers the attack names right. False alarms: the share of the device's own bursts it ")
                .append("names an event. Both from one out-of-fold prediction per sample (or from a signature scored on ")
                .append("another session). The paper's accuracy is its formula (4), (TP + TN) / (TP + TN + FP + FN), ")
                .append("over held-out bursts, the device's own traffic (<i>other</i>) included: it can read high while ")
                .append("no event is recognised.")
                .append(devices.stream().anyMatch(d -> d.evaluation() == null && !Double.isNaN(d.accuracy()))
                        ? " <sup>*</sup> No evaluation given: training's single held-out split." : "")
                .append("</p>");
        leakage(b, devices);
        b.append("</section>\n");
    }

    /** Bits leaked of bits possible, a bar per device whose evaluation measured them. */
    private static void leakage(StringBuilder b, List<DeviceReport> devices) {
        List<java.util.Map.Entry<String, LeakageView>> bars = devices.stream()
                .filter(d -> d.evaluation() != null && d.evaluation().leakage() != null)
                .map(d -> java.util.Map.entry(d.device(), d.evaluation().leakage())).toList();
        if (bars.isEmpty()) {
            return;
        }
        b.append("<h3>How much any eavesdropper can learn</h3><figure>").append(Charts.leakageBars(bars))
                .append("<figcaption class=\"note\">Mutual information between what happened (an event, or the device's ")
                .append("own traffic) and the burst, for any attack that sees what this tool sees: the device's packets, ")
                .append("their directions and IP-layer lengths, in order. The light bar is the most that can leak (the ")
                .append("labels' entropy, which depends on how much own traffic the capture holds); \"best attack\" is ")
                .append("the Cover-Hart bound on any classifier's accuracy from the nearest-neighbour error.</figcaption></figure>");
    }

    private static void device(StringBuilder b, DeviceReport d, int index) {
        b.append("<section class=\"device\" id=\"device-").append(index).append("\"><h2>").append(escape(d.device()))
                .append("</h2><p class=\"note\">Classifier ").append(escape(d.classifier()))
                .append(String.format(Locale.ROOT, ", burst gap a = %.3g s, pairing window b = %.3g s.", d.aSeconds(),
                        d.bSeconds())).append("</p>");
        if (d.verdicts() != null) {
            Verdicts v = d.verdicts();
            b.append("<p><b>Events read ").append(percent(v.eventsRead())).append("</b>; <b>false alarms ")
                    .append(percent(v.falseAlarmRate())).append("</b> of the device's own bursts")
                    .append(Double.isNaN(v.falseAlarmsPerDay()) ? "" : String.format(Locale.ROOT, " (%.1f a day)",
                            v.falseAlarmsPerDay()))
                    .append(d.evaluation() == null ? " <span class=\"note\">(measured when the signature was trained)</span>"
                            : "").append(".</p>");
        }
        b.append("<h3>What an eavesdropper learns</h3><table class=\"events\"><thead><tr><th>Event</th><th>Privacy</th>")
                .append("<th class=\"num\">Samples</th><th class=\"num\">Packets</th><th class=\"num\">Precision</th>")
                .append("<th class=\"num\">Recall</th><th>Eavesdropper</th><th>Against own traffic</th></tr></thead><tbody>");
        for (EventReport e : d.events()) {
            EventReport.Leak leak = e.leak();
            Separation own = d.verdicts() == null ? null : d.verdicts().events().get(e.name());
            b.append("<tr><td>").append(escape(e.name())).append("</td><td>")
                    .append(e.privacy() ? "<span class=\"badge privacy\">privacy event</span>" : "")
                    .append("</td><td class=\"num\">").append(e.samples()).append("</td><td class=\"num\">")
                    .append(e.sequence().representative().length).append("</td><td class=\"num\">").append(percent(e.precision()))
                    .append("</td><td class=\"num\">").append(percent(e.recall())).append("</td><td><span class=\"badge ")
                    .append(leak.name().toLowerCase(Locale.ROOT)).append("\">").append(leak.text()).append("</span>")
                    .append(e.privacy() && leak == EventReport.Leak.READABLE ? " <b>privacy leak</b>" : "")
                    .append("</td><td>").append(own == null ? "\u2013" : separation(own)).append("</td></tr>");
        }
        b.append("</tbody></table><p class=\"note\">Readable: recall and precision at least ")
                .append(percent(EventReport.READABLE)).append("; partly readable: recall at least ")
                .append(percent(EventReport.PARTLY)).append(". Against own traffic: the share of the event's triggers ")
                .append("that raise an alert, its exact 95 % interval, and chance (how often as many of the device's own ")
                .append("bursts would raise one).</p>");
        if (d.verdicts() != null && !d.verdicts().pairs().isEmpty()) {
            b.append("<h3>Pairs of events</h3><table class=\"pairs\"><thead><tr><th>Events</th><th>Told apart</th>")
                    .append("</tr></thead><tbody>");
            for (Separation x : d.verdicts().pairs()) {
                b.append("<tr><td>").append(escape(x.events().get(0) + " / " + x.events().get(1))).append("</td><td>")
                        .append(separation(x)).append("</td></tr>");
            }
            b.append("</tbody></table><p class=\"note\">Among the triggers of the two events read as one of them, the ")
                    .append("share read as the right one, its exact (Clopper-Pearson) 95 % interval and chance (the ")
                    .append("commoner event's share). Distinguishable: the interval lies above chance; indistinguishable: ")
                    .append("within ").append(percent(d.verdicts().margin())).append(" of chance; else undecided.</p>");
        }
        sequences(b, d);
        if (d.evaluation() == null) {
            b.append("<h3>Accuracy</h3><p class=\"note\">No evaluation was given: run <code>iotevent evaluate --json</code>")
                    .append(" and pass it with <code>--evaluation</code>.</p>");
        } else {
            EvaluationView v = d.evaluation();
            b.append("<div class=\"grid2\"><div><h3>Accuracy against k</h3>");
            if (v.accuracyByK().isEmpty()) {
                b.append("<p class=\"note\">The evaluation swept no k.</p>");
            } else {
                b.append("<figure>").append(Charts.accuracyByK(d.device(), v)).append("<figcaption class=\"note\">")
                        .append("Formula (4) with k fixed; the ring marks the k chosen.</figcaption></figure>");
            }
            if (!ConfusionSummary.drawn(v)) {
                b.append("</div><div><h3>Confusions</h3>").append(ConfusionSummary.topConfusions(v)).append("</div></div>");
            } else {
                b.append("</div><div><h3>Confusion matrix</h3><figure>").append(Charts.confusion(d.device(), v))
                        .append("<figcaption class=\"note\">Rows: the true label; columns: the attack's label; shade: share ")
                        .append("of the row.<br>The diagonal is what the eavesdropper gets right.</figcaption></figure></div>")
                        .append("</div>");
            }
        }
        b.append("</section>\n");
    }

    private static void sequences(StringBuilder b, DeviceReport d) {
        b.append("<h3>Packet sequences</h3><p class=\"legend\"><span><i class=\"sw\" style=\"background:#d9822b\"></i>")
                .append("device \u2192 cloud</span><span><i class=\"sw\" style=\"background:#2f6fb0\"></i>cloud \u2192 device")
                .append("</span><span><i class=\"sw\" style=\"background:#c81e5a\"></i>tells the event apart</span></p>")
                .append("<p class=\"note\">Each event's most typical sequence (the medoid of its commonest packet count). ")
                .append("A packet is highlighted when no other event, nor the device's own traffic, shows a length in its")
                .append(" place within the range this event shows there.</p>");
        int max = 1;
        for (EventReport e : d.events()) {
            for (int l : e.sequence().representative()) {
                max = Math.max(max, Math.abs(l));
            }
        }
        b.append("<div class=\"grid2\">");
        for (EventReport e : d.events()) {
            int n = e.sequence().representative().length;
            int keys = 0;
            for (boolean k : e.sequence().distinguishing()) {
                keys += k ? 1 : 0;
            }
            b.append("<figure><figcaption><b>").append(escape(e.name())).append("</b>")
                    .append(e.privacy() ? " <span class=\"badge privacy\">privacy event</span>" : "").append(" \u2014 ")
                    .append(n).append(n == 1 ? " packet" : " packets").append(", ").append(keys)
                    .append(keys == 1 ? " tells" : " tell").append(" it apart")
                    .append(e.sequence().countUnique() ? "; no other label has " + n + " packets" : "")
                    .append(n > Charts.MAX_PACKETS_DRAWN ? "; the first " + Charts.MAX_PACKETS_DRAWN + " are drawn" : "")
                    .append("</figcaption>");
            b.append(n == 0 ? "<p class=\"note\">No samples.</p>" : Charts.sequence(e, max)).append("</figure>");
        }
        b.append("</div>");
    }

    private static void timeline(StringBuilder b, Timeline t, int index) {
        long privacy = t.entries().stream().filter(Timeline.Entry::privacy).count();
        long events = t.entries().stream().filter(e -> !Timeline.isOther(e.event())).count();
        b.append("<section class=\"timeline\" id=\"timeline-").append(index).append("\"><h2>Timeline: ")
                .append(escape(t.device())).append("</h2><p class=\"note\">From ").append(escape(t.source())).append(": ")
                .append(t.entries().size()).append(" bursts, ").append(events).append(" labelled with an event, ")
                .append(privacy).append(" privacy alerts.</p>");
        if (t.entries().isEmpty()) {
            b.append("<p class=\"note\">Nothing was detected.</p></section>\n");
            return;
        }
        b.append("<p class=\"legend\"><span><i class=\"sw\" style=\"background:#c81e1e\"></i>privacy event</span>")
                .append("<span><i class=\"sw\" style=\"background:#2f6fb0\"></i>other event</span><span><i class=\"sw\" ")
                .append("style=\"background:#9aa5b1\"></i>device's own traffic</span></p><figure>")
                .append(Charts.timeline(t)).append("</figure>");
        List<Timeline.Entry> alerts = t.entries().stream().filter(Timeline.Entry::privacy).limit(50).toList();
        if (!alerts.isEmpty()) {
            b.append("<details><summary>Privacy alerts (").append(privacy).append(")</summary><table><thead><tr><th>")
                    .append("Time (UTC)</th><th>Event</th><th class=\"num\">Packets")
                    .append("</th></tr></thead><tbody>");
            for (Timeline.Entry e : alerts) {
                b.append("<tr><td>").append(Charts.instant(e.startNanos())).append("</td><td>").append(escape(e.event()))
                        .append("</td><td class=\"num\">").append(e.packets()).append("</td></tr>");
            }
            b.append("</tbody></table>").append(privacy > alerts.size() ? "<p class=\"note\">The first 50 are listed.</p>" : "")
                    .append("</details>");
        }
        b.append("</section>\n");
    }

    private static void defences(StringBuilder b, DefenceEvaluation d, int index) {
        b.append("<section class=\"defences\" id=\"defences-").append(index).append("\"><h2>Defences: ")
                .append(escape(d.device())).append(" <span class=\"note\">").append(escape(d.attack()))
                .append("</span></h2><p class=\"note\">Capture ").append(escape(d.capture()))
                .append(", events ").append(escape(d.events())).append(", seed ").append(d.seed())
                .append(". Each defence transforms the device's packets before the attack; the adversary retrains on ")
                .append("the defended traffic.</p><table><thead><tr><th>Defence</th><th>Setting</th>")
                .append("<th class=\"num\">Accuracy</th><th class=\"num\">Events read</th><th class=\"num\">Guessing</th>")
                .append("<th class=\"num\">Bursts</th><th class=\"num\">Extra bytes</th><th class=\"num\">Extra packets</th>")
                .append("<th class=\"num\">Added latency</th><th class=\"num\">Bits leaked</th></tr></thead><tbody>");
        defenceRow(b, d.baseline());
        d.results().forEach(r -> defenceRow(b, r));
        b.append("</tbody></table><figure>").append(Charts.defenceScatter(d)).append("<figcaption class=\"note\">")
                .append("Accuracy against overhead, one point per defence and setting: a good defence sits low and to the ")
                .append("left. Filled: accuracy (formula 4); ring: events read, the share of event bursts the attack names right.")
                .append("</figcaption></figure>");
        if (d.baseline().leakage() != null) {
            b.append("<figure>").append(Charts.defenceBits(d)).append("<figcaption class=\"note\">Bits any attack on the ")
                    .append("defended bursts could still learn against the overhead, with 95 % intervals: not only this ")
                    .append("tool's attack. A defence that hides the events sits at 0.</figcaption></figure>");
        }
        b.append("</section>\n");
    }

    private static void defenceRow(StringBuilder b, DefenceResult r) {
        b.append("<tr><td>").append(escape(r.defence())).append("</td><td>").append(escape(r.setting()))
                .append("</td><td class=\"num\">").append(percent(r.accuracy())).append("</td><td class=\"num\">")
                .append(percent(r.eventRecall())).append("</td><td class=\"num\">").append(percent(r.majorityShare()))
                .append("</td><td class=\"num\">").append(r.bursts()).append("</td><td class=\"num\">")
                .append(String.format(Locale.ROOT, "%.1f %%", r.extraBytesPercent())).append("</td><td class=\"num\">")
                .append(r.extraPackets()).append("</td><td class=\"num\">")
                .append(String.format(Locale.ROOT, "%.1f ms", r.addedLatencyMillis())).append("</td><td class=\"num\">")
                .append(r.leakage() == null ? "\u2013" : String.format(Locale.ROOT, "%.2f of %.2f", r.leakage().bits().value(),
                        r.leakage().entropyBits())).append("</td></tr>");
    }

    /** A verdict with its figures, e.g. "distinguishable: 83 % [36, 100] of 6, chance 0 %". */
    private static String separation(Separation x) {
        String badge = switch (x.verdict()) {
            case DISTINGUISHABLE -> "readable";
            case INDISTINGUISHABLE -> "hidden";
            case UNDECIDED -> "unknown";
        };
        return "<span class=\"badge " + badge + "\">" + x.verdict().text() + "</span> " + (Double.isNaN(x.accuracy()) ? "no trigger read as either"
                : String.format(Locale.ROOT, "%.0f %% [%.0f, %.0f] of %d, chance %.0f %%", 100 * x.accuracy(),
                        100 * x.low(), 100 * x.high(), x.units(), 100 * x.chance()))
                + (x.verdict() == org.iotevent.signature.Verdict.UNDECIDED && x.moreUnits() > 0
                        ? "; about " + x.moreUnits() + (x.moreUnits() == 1 ? " more trigger" : " more triggers") + " would decide" : "");
    }

    private static String dash(String s) {
        return s.isEmpty() ? "\u2013" : escape(s);
    }

    private static String sha256Base64(String s) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
