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

    /**
     * Colours from Okabe and Ito's palette, told apart with every common colour-vision deficiency;
     * what must not be missed (a distinguishing packet, a trigger, a false alarm) also differs in
     * shape or weight, and the print rules give each device its own pages without cutting a chart.
     */
    private static final String CSS = """
            :root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--in:#0072b2;--out:#e69f00;--key:#000;\
            --privacy:#d55e00;--bg:#f5f7fa}
            *{box-sizing:border-box}
            body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);\
            background:var(--bg)}
            header{background:#102a43;color:#fff;padding:24px 40px}
            header h1{margin:0 0 4px;font-size:26px;font-weight:600;overflow-wrap:anywhere}
            header p{margin:0;color:#bcccdc;font-size:14px;overflow-wrap:anywhere}
            nav{padding:10px 40px;background:#fff;border-bottom:1px solid var(--line);font-size:14px;display:flex;\
            flex-wrap:wrap;gap:2px 18px}
            nav a{color:var(--in);text-decoration:none;overflow-wrap:anywhere}
            main{padding:8px 40px 40px;max-width:1280px}
            section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:18px 24px;margin:20px 0}
            h2{margin:0 0 12px;font-size:20px;overflow-wrap:anywhere}
            h3{margin:22px 0 8px;font-size:16px;color:#334e68}
            table{border-collapse:collapse;margin:8px 0;font-size:14px;max-width:100%}
            th,td{border-bottom:1px solid var(--line);padding:6px 10px;text-align:left;vertical-align:top;\
            overflow-wrap:anywhere}
            th{background:#f0f4f8;font-weight:600;overflow-wrap:normal}
            th.group{text-align:center;border-bottom:none}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            td.num{white-space:nowrap}
            table.devices,table.measured{width:100%}
            table.counts{font-size:11px}table.counts th,table.counts td{padding:2px 4px}
            code{font-size:12px;overflow-wrap:anywhere;word-break:break-all}
            .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap}
            .badge.readable{background:#fbe3d6;color:#8a3300}.badge.partly{background:#fdf1cc;color:#6b4e00}
            .badge.hidden{background:#d6eaf8;color:#004c77}.badge.unknown{background:#e4e7eb;color:#52606d}
            .badge.privacy{background:#8a3300;color:#fff}
            .note{color:var(--muted);font-size:13px}
            p.leaks{font-size:16px;border-left:4px solid var(--privacy);padding:4px 12px;margin:8px 0 12px}
            p.in-sample{border-left:4px solid var(--privacy);padding:4px 12px;margin:8px 0;font-weight:600}
            figure{margin:10px 0 18px;max-width:100%}
            figcaption{font-size:14px;margin-bottom:4px}
            figcaption b{font-weight:600}
            .legend span{margin-right:16px;font-size:13px;white-space:nowrap}
            .sw{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px}
            .sw.in{background:var(--in)}.sw.out{background:var(--out)}.sw.key{background:var(--key)}\
            .sw.privacy{background:var(--privacy)}.sw.event{background:var(--in)}.sw.other{background:#999}\
            .sw.fa{background:#fff;border:2px solid #000}
            svg.chart{display:block;font-size:11px;max-width:100%;height:auto}
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
            svg .arrow.key{stroke:var(--key);stroke-width:5}svg .head.key{fill:var(--key)}
            svg .len{font-size:10px;fill:#52606d}svg .len.key{fill:var(--key);font-weight:700;text-decoration:underline}
            svg .series{fill:none;stroke:var(--in);stroke-width:2}
            svg .point{fill:var(--in)}svg .chosen{fill:none;stroke:#000;stroke-width:2}
            svg .cell{stroke:#fff;stroke-width:1}svg .cell.diag{stroke:#9fb3c8}
            svg .count{font-size:11px;fill:#243b53}svg .count.dark{fill:#fff}
            svg .band{fill:#f8fafc}svg .band.odd{fill:#eef2f6}
            svg .mark.event{fill:var(--in)}svg .mark.privacy{fill:var(--privacy)}svg .mark.other{fill:#999}
            svg .mark.fa{stroke:#000;stroke-width:2}
            svg .trigger{fill:#000;stroke:#000;stroke-width:1}svg .trigger.missed{fill:#fff;stroke-width:1.5}
            svg .chance{stroke:#9aa5b1;stroke-dasharray:5 4}
            svg .possible{fill:#d9e2ec}svg .leaked{fill:var(--privacy)}svg .whisker{stroke:#102a43;stroke-width:1.5}
            svg .dot{stroke:#fff;stroke-width:1.5}
            svg .f0{fill:#000}svg .f1{fill:#0072b2}svg .f2{fill:#e69f00}svg .f3{fill:#009e73}svg .f4{fill:#d55e00}\
            svg .f5{fill:#cc79a7}svg .f6{fill:#56b4e9}svg .f7{fill:#f0e442}
            svg .ring{fill:#fff;stroke-width:2}svg .stem{stroke-width:1;stroke-dasharray:2 2}
            svg .ring.f0,svg .stem.f0{stroke:#000}svg .ring.f1,svg .stem.f1{stroke:#0072b2}\
            svg .ring.f2,svg .stem.f2{stroke:#e69f00}svg .ring.f3,svg .stem.f3{stroke:#009e73}\
            svg .ring.f4,svg .stem.f4{stroke:#d55e00}svg .ring.f5,svg .stem.f5{stroke:#cc79a7}\
            svg .ring.f6,svg .stem.f6{stroke:#56b4e9}svg .ring.f7,svg .stem.f7{stroke:#f0e442}
            .grid2{display:flex;flex-wrap:wrap;gap:8px 40px;align-items:flex-start}
            .grid2>*{min-width:0;max-width:100%}.grid2>div{flex:1 1 340px}
            .grid2 figure{margin:4px 0 12px}
            details{margin:8px 0}summary{cursor:pointer;color:var(--in);font-size:14px}
            footer{padding:0 40px 30px;color:var(--muted);font-size:12px}
            @page{size:A4;margin:14mm 12mm}
            @media print{
            *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
            body{background:#fff;font-size:10.5pt}
            header{background:none;color:#000;padding:0 0 8px;border-bottom:2px solid #000}
            header p{color:#333}
            nav{display:none}
            main{padding:0;max-width:none}
            section{border:none;border-radius:0;padding:0;margin:14px 0}
            section.device,section.timeline,section.defences,section.provenance{break-before:page}
            figure,svg.chart,tr,p.leaks,.legend,div.run{break-inside:avoid}
            h2,h3,figcaption{break-after:avoid}
            details::details-content{content-visibility:visible;display:block}
            details>summary{list-style:none;color:#000;font-weight:600}
            table{font-size:8.5pt}th,td{padding:3px 5px}
            footer{padding:12px 0 0}
            }
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
        b.append("<header><h1>").append(escape(report.title())).append("</h1><p>").append(escape(subtitle(report)))
                .append("</p></header>\n");
        nav(b, report);
        b.append("<main>");
        if (!report.devices().isEmpty()) {
            summary(b, report.devices());
        }
        List<Timeline> alone = new java.util.ArrayList<>(report.timelines());
        for (int i = 0; i < report.devices().size(); i++) {
            DeviceReport d = report.devices().get(i);
            List<Timeline> own = alone.stream().filter(t -> t.device().equals(d.device())).toList();
            alone.removeAll(own);
            device(b, d, i, own);
        }
        for (Timeline t : alone) {
            b.append("<section class=\"timeline\" id=\"timeline-").append(report.timelines().indexOf(t)).append("\">");
            timeline(b, t, "h2");
            b.append("</section>\n");
        }
        for (int i = 0; i < report.defences().size(); i++) {
            defences(b, report.defences().get(i), i);
        }
        provenance(b, report.sources());
        b.append("</main><footer>Made by iotevent. A static page: no scripts run but an error recorder, nothing is ")
                .append("fetched. Lengths are IP-layer bytes; direction + is towards the device.</footer></body></html>\n");
        return b.toString();
    }

    /** What the run covers, under its name: the devices, else the detection runs and defences. */
    private static String subtitle(Report r) {
        List<String> parts = new java.util.ArrayList<>();
        if (!r.devices().isEmpty()) {
            parts.add(r.devices().size() + (r.devices().size() == 1 ? " device: " : " devices: ")
                    + String.join(", ", r.devices().stream().map(DeviceReport::device).toList()));
        }
        long detections = r.timelines().stream().filter(t -> r.devices().stream().noneMatch(d -> d.device().equals(
                t.device()))).count();
        if (detections > 0) {
            parts.add(detections + (detections == 1 ? " detection run" : " detection runs"));
        }
        if (!r.defences().isEmpty()) {
            parts.add("defences of " + String.join(", ", r.defences().stream().map(DefenceEvaluation::device)
                    .distinct().toList()));
        }
        return String.join("; ", parts) + ". Inputs and their SHA-256 under Provenance.";
    }

    /** The input files with their SHA-256, folded: an auditor checks them, a reader skips them. */
    private static void provenance(StringBuilder b, List<org.iotevent.signature.Provenance.Input> sources) {
        b.append("<section class=\"provenance\" id=\"provenance\"><h2>Provenance</h2><details><summary>")
                .append(sources.size()).append(sources.size() == 1 ? " input file" : " input files")
                .append(" with their SHA-256</summary><table class=\"provenance\"><thead><tr><th>Role</th><th>File</th>")
                .append("<th>SHA-256</th></tr></thead><tbody>");
        for (var in : sources) {
            b.append("<tr><td>").append(escape(in.role())).append("</td><td><code>").append(escape(in.name()))
                    .append("</code></td><td><code>").append(in.sha256()).append("</code></td></tr>");
        }
        b.append("</tbody></table><p class=\"note\">The files the signatures were learnt from are those their own ")
                .append("provenance names (role \"training ...\"), digested when they were trained.</p></details></section>\n");
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
            Timeline t = r.timelines().get(i);
            if (r.devices().stream().noneMatch(d -> d.device().equals(t.device()))) {
                b.append("<a href=\"#timeline-").append(i).append("\">Timeline ").append(i + 1).append("</a>");
            }
        }
        for (int i = 0; i < r.defences().size(); i++) {
            b.append("<a href=\"#defences-").append(i).append("\">Defences ").append(i + 1).append("</a>");
        }
        b.append("<a href=\"#provenance\">Provenance</a></nav>\n");
    }

    /** The paper's Table 2: one row per device, events read and false alarms per vantage point when measured there. */
    private static void summary(StringBuilder b, List<DeviceReport> devices) {
        // one pair of columns per vantage point when some device was measured at several
        List<String> vantages = devices.stream().anyMatch(d -> d.measurements().size() > 1)
                ? devices.stream().flatMap(d -> d.measurements().stream()).map(Measurement::name).distinct().toList()
                : List.of();
        b.append("<section id=\"summary\"><h2>Devices</h2><table class=\"devices\"><thead>");
        if (!vantages.isEmpty()) {
            b.append("<tr><th colspan=\"4\"></th>");
            vantages.forEach(v -> b.append("<th colspan=\"2\" class=\"group\">").append(escape(v)).append("</th>"));
            b.append("<th colspan=\"3\"></th></tr>");
        }
        b.append("<tr><th>Device</th><th>Cloud</th><th>Protocol</th><th>Events (<b>privacy</b>)</th>");
        for (int i = 0; i < Math.max(1, vantages.size()); i++) {
            b.append("<th class=\"num\">Events read</th><th class=\"num\">False alarms</th>");
        }
        b.append("<th class=\"num\">Paper's accuracy</th><th class=\"num\">k</th><th>Events read well</th></tr></thead><tbody>");
        for (DeviceReport d : devices) {
            long readable = d.events().stream().filter(e -> e.leak() == EventReport.Leak.READABLE).count();
            b.append("<tr><td>").append(escape(d.device())).append("</td><td>").append(dash(d.cloud())).append("</td><td>")
                    .append(dash(d.protocol())).append("</td><td>")
                    .append(String.join(", ", d.events().stream().map(e -> e.privacy() ? "<b>" + escape(e.name()) + "</b>"
                            : escape(e.name())).toList()))
                    .append("</td>");
            if (vantages.isEmpty()) {
                headlineCells(b, d.verdicts(), null);
            }
            for (String v : vantages) {
                headlineCells(b, d.measurements().stream().filter(m -> m.name().equals(v)).map(Measurement::verdicts)
                        .findFirst().orElse(null), v);
            }
            b.append("<td class=\"num\">").append(percent(d.accuracy()))
                    .append(d.evaluation() == null && !Double.isNaN(d.accuracy()) ? "<sup>*</sup>" : "")
                    .append("</td><td class=\"num\">")
                    .append(d.evaluation() == null ? "\u2013" : Integer.toString(d.evaluation().k())).append("</td><td>")
                    .append(d.evaluation() == null ? "not evaluated" : readable + " of " + d.events().size())
                    .append("</td></tr>");
        }
        b.append("</tbody></table><p class=\"note\">Privacy events (as marked when trained) in bold. ")
                .append("Events read: the mean over the device's events of the share of ")
                .append("their triggers the attack names right. False alarms: the share of the device's own bursts it ")
                .append("names an event. Both from one out-of-fold prediction per sample (or from a signature scored on ")
                .append("another session). The paper's accuracy is its formula (4), (TP + TN) / (TP + TN + FP + FN), ")
                .append("over held-out bursts, the device's own traffic (<i>other</i>) included: it can read high while ")
                .append("no event is recognised")
                .append(devices.stream().anyMatch(d -> d.measurements().size() > 1) ? "; it and the columns after it are "
                        + "those of the first vantage point of each device" : "")
                .append(". Events read well: recall and precision at least ").append(percent(EventReport.READABLE))
                .append(".")
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

    private static void device(StringBuilder b, DeviceReport d, int index, List<Timeline> timelines) {
        b.append("<section class=\"device\" id=\"device-").append(index).append("\"><h2>").append(escape(d.device()))
                .append("</h2><p class=\"note\">Classifier ").append(escape(d.classifier()))
                .append(String.format(Locale.ROOT, ", burst gap a = %.3g s, pairing window b = %.3g s.", d.aSeconds(),
                        d.bSeconds())).append("</p>");
        List<String> names = d.events().stream().map(EventReport::name).toList();
        if (!d.measurements().isEmpty()) {
            for (Measurement m : d.measurements()) {
                b.append("<p class=\"leaks\" data-vantage=\"").append(escape(m.name())).append("\">")
                        .append(escape(WhatLeaks.sentence(m.vantage(), names, m.verdicts(), m.reads(), m.leakage())))
                        .append("</p>");
            }
            measured(b, d);
        } else if (d.verdicts() != null) {
            Verdicts v = d.verdicts();
            b.append("<p class=\"leaks\">").append(escape(WhatLeaks.sentence(null, names, v, java.util.Map.of(), null)))
                    .append(d.evaluation() == null ? " <span class=\"note\">(as measured when the signature was trained)</span>"
                            : "").append("</p>");
            b.append("<p><b>Events read ").append(percent(v.eventsRead())).append("</b>; <b>false alarms ")
                    .append(percent(v.falseAlarmRate())).append("</b> of the device's own bursts")
                    .append(Double.isNaN(v.falseAlarmsPerDay()) ? "" : String.format(Locale.ROOT, " (%.1f a day)",
                            v.falseAlarmsPerDay()))
                    .append(".</p>");
        }
        String on = d.measurements().isEmpty() || d.measurements().size() == 1 ? ""
                : " (" + escape(d.measurements().get(0).name()) + ")";
        b.append("<h3>What an eavesdropper learns").append(on).append("</h3><table class=\"events\"><thead><tr><th>Event</th><th>Privacy</th>")
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
                    .append("</td><td data-key=\"verdict\">").append(own == null ? "\u2013" : separation(own))
                    .append("</td></tr>");
        }
        b.append("</tbody></table><p class=\"note\">Readable: recall and precision at least ")
                .append(percent(EventReport.READABLE)).append("; partly readable: recall at least ")
                .append(percent(EventReport.PARTLY)).append(". Against own traffic: the share of the event's triggers ")
                .append("that raise an alert, its exact 95 % interval, and chance (how often as many of the device's own ")
                .append("bursts would raise one).</p>");
        if (d.verdicts() != null && !d.verdicts().pairs().isEmpty()) {
            b.append("<h3>Pairs of events").append(on).append("</h3><table class=\"pairs\"><thead><tr><th>Events</th><th>Told apart</th>")
                    .append("</tr></thead><tbody>");
            for (Separation x : d.verdicts().pairs()) {
                b.append("<tr><td>").append(escape(x.events().get(0) + " / " + x.events().get(1)))
                        .append("</td><td data-key=\"verdict\">").append(separation(x)).append("</td></tr>");
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
                b.append("<p class=\"note\">No k was swept (a signature scored on another session keeps its k = ")
                        .append(v.k()).append(").</p>");
            } else {
                b.append("<figure>").append(Charts.accuracyByK(d.device(), v)).append("<figcaption class=\"note\">")
                        .append("Formula (4) with k fixed; the ring marks the k chosen.</figcaption></figure>");
            }
            if (!ConfusionSummary.drawn(v)) {
                b.append("</div><div><h3>Confusions</h3>").append(ConfusionSummary.topConfusions(v)).append("</div></div>");
            } else {
                b.append("</div><div><h3>Confusion matrix</h3><figure>").append(Charts.confusion(d.device(), v))
                        .append("<figcaption class=\"note\">Rows: the true label; columns: the attack's label; each cell ")
                        .append("the share of the row in %, each sample counted once (hover for counts).<br>The diagonal ")
                        .append("is what the eavesdropper gets right.</figcaption></figure>")
                        .append("</div></div>").append(ConfusionSummary.counts(v));
            }
        }
        for (Timeline t : timelines) {
            timeline(b, t, "h3");
        }
        b.append("</section>\n");
    }

    /** One row per evaluation: where it was measured and its headline figures, each as the JSON has it. */
    private static void measured(StringBuilder b, DeviceReport d) {
        b.append("<table class=\"measured\"><thead><tr><th>Measured</th><th class=\"num\">Triggers</th>")
                .append("<th class=\"num\">Events read</th><th class=\"num\">False alarms</th>")
                .append("<th class=\"num\">Paper's accuracy</th><th class=\"num\">Bits leaked</th></tr></thead><tbody>");
        for (Measurement m : d.measurements()) {
            int triggers = m.reads().values().stream().mapToInt(Measurement.Reads::triggers).sum();
            Verdicts v = m.verdicts();
            b.append("<tr data-vantage=\"").append(escape(m.name())).append("\"><td><b>")
                    .append(escape(m.vantage() == null ? "" : m.vantage())).append("</b>")
                    .append(m.vantage() == null ? "" : " ").append("<span class=\"note\">")
                    .append(escape(m.method())).append(m.input().isEmpty() ? "" : ", ").append(escape(m.input()))
                    .append("</span></td><td class=\"num\">").append(triggers).append("</td><td class=\"num\" ")
                    .append("data-key=\"events_read\">").append(percent(v.eventsRead()))
                    .append("</td><td class=\"num\" data-key=\"false_alarm_rate\">").append(percent(v.falseAlarmRate()))
                    .append(Double.isNaN(v.falseAlarmsPerDay()) ? "" : String.format(Locale.ROOT,
                            "<span class=\"note\"> (%.1f a day)</span>", v.falseAlarmsPerDay()))
                    .append("</td><td class=\"num\" data-key=\"accuracy\">").append(percent(m.accuracy()))
                    .append("</td><td class=\"num\" data-key=\"leakage_bits\">").append(m.leakage() == null ? "\u2013"
                            : String.format(Locale.ROOT, "%.2f of %.2f", m.leakage().bits().value(),
                                    m.leakage().entropyBits()))
                    .append("</td></tr>");
        }
        b.append("</tbody></table><p class=\"note\">Events read: the mean over the events of the share of their ")
                .append("triggers named right. False alarms: the share of the device's own bursts named an event. ")
                .append("Bits leaked: what any attack on these bursts could learn of the labels' entropy.</p>");
    }

    private static void sequences(StringBuilder b, DeviceReport d) {
        b.append("<h3>Packet sequences</h3><p class=\"legend\"><span><i class=\"sw out\"></i>")
                .append("device \u2192 cloud</span><span><i class=\"sw in\"></i>cloud \u2192 device")
                .append("</span><span><i class=\"sw key\"></i>tells the event apart (thick, length underlined)</span></p>")
                .append("<p class=\"note\">Each event's typical exchange: the sample closest to all its others under the ")
                .append("alignment distance, weighted by their packets, so the exchange a trigger causes wins over stray ")
                .append("bursts paired with it. A packet is highlighted when no other event, nor the device's own traffic, ")
                .append("shows a length in its place (aligned to this exchange) within the range this event shows there.</p>");
        if (d.events().size() > 0 && d.events().stream().allMatch(e -> e.sequence().keys() == 0)) {
            b.append("<p class=\"note\"><b>No single packet tells these events apart</b>: each length in its place is ")
                    .append("also seen in another event or in the device's own traffic, so an attack must weigh whole ")
                    .append("sequences (the verdicts above say whether that succeeds).</p>");
        }
        int max = 1;
        for (EventReport e : d.events()) {
            for (int l : e.sequence().representative()) {
                max = Math.max(max, Math.abs(l));
            }
        }
        b.append("<div class=\"grid2\">");
        for (EventReport e : d.events()) {
            int n = e.sequence().representative().length;
            int keys = e.sequence().keys();
            b.append("<figure><figcaption><b>").append(escape(e.name())).append("</b>")
                    .append(e.privacy() ? " <span class=\"badge privacy\">privacy event</span>" : "").append(" \u2014 ")
                    .append(n).append(n == 1 ? " packet" : " packets").append(", ")
                    .append(keys == 0 ? "no packet alone tells it apart" : keys + (keys == 1 ? " tells" : " tell") + " it apart")
                    .append(e.sequence().countUnique() ? "; no other label has " + n + " packets" : "")
                    .append(n > Charts.MAX_PACKETS_DRAWN ? "; the first " + Charts.MAX_PACKETS_DRAWN + " are drawn" : "")
                    .append("</figcaption>");
            b.append(n == 0 ? "<p class=\"note\">No samples.</p>" : Charts.sequence(e, max)).append("</figure>");
        }
        b.append("</div>");
    }

    /** A detection run's timeline with its heading ({@code h2} alone, {@code h3} inside its device's section). */
    private static void timeline(StringBuilder b, Timeline t, String heading) {
        long privacy = t.entries().stream().filter(Timeline.Entry::privacy).count();
        long events = t.entries().stream().filter(e -> !Timeline.isOther(e.event())).count();
        b.append("<div class=\"run\"><").append(heading).append(">Detections: ").append(escape(t.device())).append("</").append(heading)
                .append("><p class=\"note\">From ").append(escape(t.source())).append(": ")
                .append(t.entries().size()).append(" bursts, ").append(events).append(" labelled with an event, ")
                .append(privacy).append(" privacy alerts.");
        // the detections against the event log, matched once for the caption, the chart and the list
        Timeline.Matching m = t.match();
        if (!t.triggers().isEmpty()) {
            b.append(" <span data-key=\"triggers\">Against the event log: <b>").append(m.hits()).append(" of ")
                    .append(t.triggers().size()).append(" triggers detected</b>, ").append(t.triggers().size() - m.hits())
                    .append(" missed, <b>").append(m.falseAlarms().size()).append(m.falseAlarms().size() == 1
                            ? " false alarm" : " false alarms").append("</b> (a detection of an event within ")
                    .append(String.format(Locale.ROOT, "%.3g", t.windowNanos() / 1e9))
                    .append(" s after a trigger of it is a hit).</span>");
        }
        b.append("</p>");
        if (t.inSample() != null) {
            b.append("<p class=\"in-sample\" data-key=\"in_sample\">").append(escape(t.inSample())).append("</p>");
        }
        if (t.entries().isEmpty() && t.triggers().isEmpty()) {
            b.append("<p class=\"note\">Nothing was detected.</p></div>");
            return;
        }
        b.append("<p class=\"legend\"><span><i class=\"sw privacy\"></i>privacy event</span>")
                .append("<span><i class=\"sw event\"></i>other event</span><span><i class=\"sw other\"></i>")
                .append("device's own traffic</span>");
        if (!t.triggers().isEmpty()) {
            b.append("<span>\u25bc triggered and detected</span><span>\u25bd triggered, missed</span>")
                    .append("<span><i class=\"sw fa\"></i>false alarm (outlined)</span>");
        }
        b.append("</p><figure>").append(Charts.timeline(t, m)).append("</figure></div>");
        misses(b, t, m);
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
    }

    /** The triggers missed and the false alarms, in time order, folded (the first 50). */
    private static void misses(StringBuilder b, Timeline t, Timeline.Matching m) {
        if (t.triggers().isEmpty()) {
            return;
        }
        record Row(long at, String event, String what) {}
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < t.triggers().size(); i++) {
            if (!m.hit()[i]) {
                rows.add(new Row(t.triggers().get(i).atNanos(), t.triggers().get(i).event(), "triggered, not detected"));
            }
        }
        m.falseAlarms().forEach(e -> rows.add(new Row(e.startNanos(), e.event(), "detected, not triggered")));
        if (rows.isEmpty()) {
            return;
        }
        rows.sort(java.util.Comparator.comparingLong(Row::at));
        b.append("<details><summary>Missed triggers and false alarms (").append(rows.size()).append(")</summary><table>")
                .append("<thead><tr><th>Time (UTC)</th><th>Event</th><th>What</th></tr></thead><tbody>");
        for (Row r : rows.subList(0, Math.min(50, rows.size()))) {
            b.append("<tr><td>").append(Charts.instant(r.at())).append("</td><td>").append(escape(r.event()))
                    .append("</td><td>").append(r.what()).append("</td></tr>");
        }
        b.append("</tbody></table>").append(rows.size() > 50 ? "<p class=\"note\">The first 50 are listed.</p>" : "")
                .append("</details>");
    }

    private static void defences(StringBuilder b, DefenceEvaluation d, int index) {
        b.append("<section class=\"defences\" id=\"defences-").append(index).append("\"><h2>Defences: ")
                .append(escape(d.device())).append(" <span class=\"note\">").append(escape(d.attack()))
                .append("</span></h2><p class=\"note\">Capture ").append(escape(d.capture()))
                .append(", events ").append(escape(d.events())).append(", seed ").append(d.seed())
                .append(". Each defence transforms the device's packets before the attack; the adversary retrains on ")
                .append("the defended traffic.</p><table><thead><tr><th>Defence</th><th>Setting</th>")
                .append("<th class=\"num\">Events read</th><th class=\"num\">False alarms</th>")
                .append("<th class=\"num\">Extra bytes</th><th class=\"num\">Extra packets</th>")
                .append("<th class=\"num\">Added latency</th><th class=\"num\">Bits leaked</th>")
                .append("<th class=\"num\">Accuracy (4)</th><th class=\"num\">Guessing</th><th class=\"num\">Bursts</th>")
                .append("</tr></thead><tbody>");
        defenceRow(b, d.baseline());
        d.results().forEach(r -> defenceRow(b, r));
        b.append("</tbody></table><figure>").append(Charts.defenceScatter(d)).append("<figcaption class=\"note\">")
                .append("Events read against overhead, one point per defence and setting: a good defence sits low and to the ")
                .append("left. Filled: events read, the mean share of each event's bursts the attack names right; ring: ")
                .append("the paper's accuracy (formula 4), which counts the device's own bursts and so stays high.")
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
                .append("</td><td class=\"num\">").append(percent(r.eventsRead())).append("</td><td class=\"num\">")
                .append(percent(r.falseAlarmRate())).append("</td><td class=\"num\">")
                .append(String.format(Locale.ROOT, "%.1f %%", r.extraBytesPercent())).append("</td><td class=\"num\">")
                .append(r.extraPackets()).append("</td><td class=\"num\">")
                .append(String.format(Locale.ROOT, "%.1f ms", r.addedLatencyMillis())).append("</td><td class=\"num\">")
                .append(r.leakage() == null ? "\u2013" : String.format(Locale.ROOT, "%.2f of %.2f", r.leakage().bits().value(),
                        r.leakage().entropyBits())).append("</td><td class=\"num\">").append(percent(r.accuracy()))
                .append("</td><td class=\"num\">").append(percent(r.majorityShare())).append("</td><td class=\"num\">")
                .append(r.bursts()).append("</td></tr>");
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

    /** Events read and false alarms; {@code vantage} (null: the only one) marks the cells for whoever checks them. */
    private static void headlineCells(StringBuilder b, Verdicts v, String vantage) {
        String at = vantage == null ? "" : " data-vantage=\"" + escape(vantage) + "\"";
        b.append("<td class=\"num\" data-key=\"events_read\"").append(at).append('>')
                .append(v == null ? "\u2013" : percent(v.eventsRead())).append("</td><td class=\"num\" data-key=\"false_alarm_rate\"")
                .append(at).append('>').append(v == null ? "\u2013" : percent(v.falseAlarmRate())).append("</td>");
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
