package org.iotevent.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.iotevent.evaluate.defence.DefenceEvaluation;
import org.iotevent.evaluate.defence.DefenceResult;
import org.iotevent.signature.Provenance;
import org.iotevent.signature.Separation;
import org.iotevent.signature.Verdict;
import org.iotevent.signature.Verdicts;

/** Report models for the tests, built the way the report command builds them, with hostile names. */
final class SampleReports {
    static final String XSS = "<script>alert(1)</script>";
    /** A vantage point named with markup. */
    static final String VANTAGE = "WAN <u>side</u>";

    private SampleReports() {}

    /** A plug with three events (one named as a script), its evaluation, a timeline and defences. */
    static Report plug() {
        Random rnd = new Random(7);
        Map<String, List<int[]>> samples = new LinkedHashMap<>();
        samples.put("on", noisy(rnd, 20, new int[] {-235, 139, -583, 1213, -91, 52}));
        samples.put("off", noisy(rnd, 20, new int[] {-235, 139, -571, 1181, -91, 52}));
        samples.put(XSS, noisy(rnd, 20, new int[] {-299, 139, -91}));
        samples.put("other", noisy(rnd, 40, new int[] {-91, 52}));
        var highlights = SequenceHighlighter.highlight(samples);
        String[] labels = {"off", "on", "other", XSS};
        long[][] confusion = {{18, 2, 0, 0}, {3, 17, 0, 0}, {0, 0, 40, 0}, {0, 0, 1, 19}};
        double[][] pr = {{0.857, 0.9}, {0.895, 0.85}, {0.976, 1.0}, {1.0, 0.95}};
        List<EventReport> events = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].equals("other")) {
                continue;
            }
            var h = highlights.get(labels[i]);
            events.add(new EventReport(labels[i], !labels[i].equals("off"), samples.get(labels[i]).size(),
                    h, pr[i][0], pr[i][1]));
        }
        TreeMap<Integer, Double> byK = new TreeMap<>(Map.of(1, 0.94, 3, 0.93, 5, 0.91, 7, 0.88, 9, 0.86, 11, 0.81));
        EvaluationView eval = new EvaluationView(0.94, 1, byK, List.of(labels), confusion);
        TreeMap<String, Separation> against = new TreeMap<>();
        against.put("on", new Separation(List.of("on"), 17, 20, 0.85, 0.0, 0.62, 0.97, 0, Verdict.DISTINGUISHABLE, 0));
        against.put("off", new Separation(List.of("off"), 18, 20, 0.9, 0.0, 0.68, 0.99, 0, Verdict.DISTINGUISHABLE, 0));
        against.put(XSS, new Separation(List.of(XSS), 19, 20, 0.95, 0.0, 0.75, 1.0, 0, Verdict.DISTINGUISHABLE, 0));
        Verdicts verdicts = new Verdicts(0.9, 0.025, 3.5, 0.15, against, List.of(
                new Separation(List.of("off", "on"), 21, 40, 0.525, 0.5, 0.36, 0.68, 0.44, Verdict.UNDECIDED, 130),
                new Separation(List.of("off", XSS), 37, 37, 1.0, 0.5, 0.9, 1, 0, Verdict.DISTINGUISHABLE, 0)));
        Measurement measured = new Measurement(VANTAGE, "cross-validation", "home <1>.pcap", verdicts, 0.94, null,
                new TreeMap<>(Map.of("on", new Measurement.Reads(20, 17), "off", new Measurement.Reads(20, 18), XSS,
                        new Measurement.Reads(20, 19))));
        DeviceReport plug = new DeviceReport("192.168.1.23 \"plug\" & <b>co</b>", "plug.example-cloud.com", "TCP/TLS",
                "paper-knn k=1", 1.0, 2.0, events, 0.97, eval, verdicts, List.of(measured));
        DeviceReport bare = new DeviceReport("aa:bb:cc:dd:ee:ff", "", "", "paper-knn k=3", 1.0, 2.0,
                List.of(new EventReport("motion", true, 5, new SequenceHighlighter.Highlight(
                        new int[] {-120, 80}, new boolean[] {true, false}, true), Double.NaN, Double.NaN)), 0.875, null);
        List<Timeline.Entry> entries = new ArrayList<>();
        long t0 = 1_700_000_000_000_000_000L;
        for (int i = 0; i < 60; i++) {
            String ev = i % 3 == 0 ? "other" : i % 3 == 1 ? "on" : XSS;
            long start = t0 + i * 37_000_000_000L;
            entries.add(new Timeline.Entry(start, start + 800_000_000L, ev, !ev.equals("other"), 6));
        }
        // the log: a trigger 0.5 s before each of the first ten "on" detections, and an "off" nobody detected;
        // the other ten "on" and every detection of the script-named event follow no trigger
        List<Timeline.Trigger> log = new ArrayList<>();
        for (int i = 1; i < 30; i += 3) {
            log.add(new Timeline.Trigger(t0 + i * 37_000_000_000L - 500_000_000L, "on"));
        }
        log.add(new Timeline.Trigger(t0 + 10_000_000_000L, "off"));
        Timeline timeline = new Timeline("192.168.1.23", "detections <1>.jsonl", entries).withTriggers(log, 3_000_000_000L);
        DefenceResult base = new DefenceResult("none", "", 0.94, 0.91, 0.05, 0.5, 100, 0, 0, 0);
        DefenceEvaluation defences = new DefenceEvaluation("192.168.1.23", "home.pcap", "events.csv", "paper <k>", 1, base, List.of(
                new DefenceResult("block-padding", "16 B", 0.93, 0.9, 0.05, 0.5, 100, 2.1, 0, 0),
                new DefenceResult("block-padding", "256 B", 0.80, 0.7, 0.05, 0.5, 100, 41.0, 0, 0),
                new DefenceResult("block-padding", "1500 B", 0.62, 0.4, 0.05, 0.5, 100, 380.0, 0, 0),
                new DefenceResult("random-padding", "0-255 B", 0.71, 0.55, 0.05, 0.5, 100, 36.0, 0, 0),
                new DefenceResult("constant-size", "direction max", 0.60, 0.4, 0.05, 0.5, 100, 290.0, 0, 0),
                new DefenceResult("shaping", "50 ms, 2 s", 0.50, 0.1, 0.05, 0.5, 180, 4200.0, 9000, 12.5),
                new DefenceResult("vpn", XSS, 0.55, 0.2, 0.05, 0.5, 90, 9.0, 0, 0)));
        String digest = "0123456789abcdef".repeat(4);
        return new Report("iotevent report: " + XSS, List.of(new Provenance.Input("signature", "plug.json", digest),
                new Provenance.Input("evaluation", "eval.json", digest), new Provenance.Input("detections", XSS + ".jsonl",
                        digest)),
                List.of(plug, bare), List.of(timeline), List.of(defences));
    }

    /**
     * Devices whose confusion matrices test every box: 20 classes with counts in the tens of
     * thousands (the biggest matrix that writes its numbers) and 40 classes with long names.
     */
    static Report crowded() {
        List<DeviceReport> devices = new ArrayList<>();
        for (int n : new int[] {20, 40}) {
            List<String> labels = new ArrayList<>();
            long[][] confusion = new long[n][n];
            List<EventReport> events = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = n == 20 ? "e" + i : "a_rather_long_event_name_number_" + i;
                labels.add(name);
                confusion[i][i] = 12_540 + i;
                confusion[i][(i + 1) % n] = 3 * i;
                events.add(new EventReport(name, i % 2 == 0, 100, new SequenceHighlighter.Highlight(
                        new int[] {-1500, 1500, -52}, new boolean[] {true, false, false}, false), 0.9, 0.95));
            }
            EvaluationView eval = new EvaluationView(0.9, 1, new TreeMap<>(Map.of(1, 0.9)), labels, confusion);
            devices.add(new DeviceReport("192.168.1." + n + " " + "x".repeat(80), "cloud.example.com", "TLS",
                    "align k=1", 1.0, 2.0, events, 0.9, eval));
        }
        return new Report("crowded", List.of(new Provenance.Input("signature", "/a/very/long/path/".repeat(12) + "s.json",
                "0123456789abcdef".repeat(4))), devices, List.of(), List.of());
    }

    private static List<int[]> noisy(Random rnd, int count, int[] base) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] s = base.clone();
            for (int j = 0; j < s.length; j++) {
                if (Math.abs(s[j]) > 400) {
                    s[j] += Integer.signum(s[j]) * rnd.nextInt(5);
                }
            }
            out.add(s);
        }
        return out;
    }
}
