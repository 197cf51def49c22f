package org.iotevent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.iotevent.evaluate.Evaluation;
import org.iotevent.report.DeviceReport;
import org.iotevent.report.HtmlReportRenderer;
import org.iotevent.report.Report;
import org.iotevent.report.ReportInputs;
import org.iotevent.report.ReportWriter;
import org.iotevent.report.Timeline;
import org.iotevent.signature.GroupedKnn;
import org.iotevent.signature.Provenance;
import org.iotevent.signature.Signature;
import org.iotevent.signature.SignatureFile;
import org.iotevent.sim.DemoRun;
import org.iotevent.sim.Home;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iotevent demo}: the whole job on a simulated home, printed as the paper's Table 2. */
@Command(name = "demo",
        header = "Simulate a home of nine devices, learn their events, detect them from WiFi and the WAN.",
        footerHeading = "%nExample:%n",
        footer = {"  iotevent demo -o iotevent-demo"},
        mixinStandardHelpOptions = true,
        description = "The whole job on the embedded simulated home (the paper's nine devices), offline: simulate "
                + "a session and learn every device's signature from its LAN capture, simulate a second, independent "
                + "session and detect each device's events from the WiFi sniffer and from the WAN side of the "
                + "router; score each signature on that session as evaluate -s does and print per device, like the "
                + "paper's Table 2, the events read (mean recall over its events) and the false alarms (share of its "
                + "own bursts named an event) from each vantage point, then the paper's accuracy (formula 4).")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "iotevent-demo",
            description = "Where the sessions, signatures and detections go. Default: ${DEFAULT-VALUE}.")
    Path output;

    @Mixin
    HomeOptions homeOptions = new HomeOptions();

    @Option(names = "--train-repetitions", paramLabel = "N", defaultValue = "20",
            description = "Triggers of each event in the training session. Default: ${DEFAULT-VALUE}.")
    int trainRepetitions;

    @Option(names = "--test-repetitions", paramLabel = "N", defaultValue = "10",
            description = "Triggers of each event in the detection session. Default: ${DEFAULT-VALUE}.")
    int testRepetitions;

    @Option(names = "--spacing", paramLabel = "SEC", defaultValue = "20",
            description = "Seconds between two triggers of one device. Default: ${DEFAULT-VALUE}.")
    double spacing;

    @Override
    public Integer call() throws IOException {
        if (trainRepetitions < 2 || trainRepetitions > 10_000 || testRepetitions < 1 || testRepetitions > 10_000) {
            throw new UserInputException("--train-repetitions must be in [2, 10000] and --test-repetitions in "
                    + "[1, 10000], found " + trainRepetitions + " and " + testRepetitions);
        }
        if (!(spacing >= 5 && spacing <= 3600)) {
            throw new UserInputException("--spacing must be in [5, 3600] seconds, found " + spacing);
        }
        homeOptions.checkNoise();
        Home h = homeOptions.resolve();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "simulating home %s (%d devices), learning from one session, detecting in another...%n",
                h.name(), h.devices().size());
        out.flush();
        DemoRun.Result r = DemoRun.run(h, new DemoRun.Options(output, homeOptions.seed, trainRepetitions, testRepetitions,
                spacing, homeOptions.noise, Main.toolVersion(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        printTable(out, r);
        out.println();
        out.println("read: events read, the mean over the device's events of the share of their triggers named right; "
                + "f.a.: false alarms, the share of the device's own bursts named an event (each signature scored on the "
                + "detection session as evaluate -s scores it, truth from its event log)");
        out.println();
        printAccuracy(out, r);
        out.println();
        printVerdicts(out, r);
        out.println("signatures:  " + r.signatures() + "/DEVICE.json (one per device: detect -s " + r.signatures()
                + " watches the home), the paper method's in " + r.signatures() + "-paper/");
        out.println("detections:  " + r.detections() + "/{wifi,wan}/DEVICE.jsonl (paper), DEVICE-align.jsonl (align)");
        out.println("evaluations: " + r.evaluations() + "/{wifi,wan}/DEVICE.json, DEVICE-align.json (as evaluate -s --json "
                + "writes them, with the bits leaked)");
        out.println("sessions:    " + r.train().directory() + " (training, LAN), " + r.test().directory()
                + " (detection, WiFi and WAN), each with events.csv and truth.json");
        out.println("report:      " + writeReport(r, h) + " (open it in a browser; no network needed)");
        out.flush();
        return 0;
    }

    /**
     * The HTML report of the run: each device's signature of the default classifier (the last
     * one the demo trains) with its cloud and protocol, what it read on the detection session from
     * the WAN side (drawn in detail) and from WiFi, as the evaluation files the demo wrote, and its
     * WAN detections as a timeline under the session's event log.
     */
    private Path writeReport(DemoRun.Result r, Home h) throws IOException {
        String classifier = r.classifiers().get(r.classifiers().size() - 1);
        String suffix = classifier.equals(GroupedKnn.NAME) ? "" : "-" + classifier;
        List<DeviceReport> devices = new ArrayList<>();
        List<Timeline> timelines = new ArrayList<>();
        List<Provenance.Input> given = new ArrayList<>();
        List<Signature> signatures = new ArrayList<>();
        for (DemoRun.Row row : r.rows()) {
            Path signature = r.signatures().resolve(row.device() + ".json");
            Signature s = SignatureFile.read(signature);
            signatures.add(s);
            given.add(Provenance.Input.of("signature", signature));
            List<ReportInputs.EvaluationInput> measured = new ArrayList<>();
            for (String via : List.of("wan", "wifi")) {
                Path e = r.evaluations().resolve(via).resolve(row.device() + suffix + ".json");
                if (java.nio.file.Files.exists(e)) {
                    measured.add(ReportInputs.readEvaluation(e));
                    given.add(Provenance.Input.of("evaluation, detection session", e));
                }
            }
            DeviceReport learnt = ReportInputs.device(s, measured, row.model().cloud(), row.model().protocol().label());
            DeviceReport device = learnt.named(row.model().label() + " (" + learnt.device() + ")");
            devices.add(device);
            Path detections = r.detections().resolve("wan").resolve(row.device() + suffix + ".jsonl");
            Path log = r.test().directory().resolve("events").resolve(row.device() + ".csv");
            timelines.add(ReportInputs.readDetections(detections, device.device()).withTriggers(
                    ReportInputs.readTriggers(log), s.windowNanos()));
            given.add(Provenance.Input.of("detections, WAN", detections));
            given.add(Provenance.Input.of("event log, detection session", log));
        }
        Path report = output.resolve("report.html");
        ReportWriter.write(new HtmlReportRenderer().render(new Report(String.format(Locale.ROOT,
                "iotevent demo: home %s, seed %d, classifier %s", h.name(), homeOptions.seed, classifier),
                ReportInputs.sources(given, signatures), devices, timelines, List.of())), report);
        return report;
    }

    private static final List<String> VIA = List.of("WiFi", "WAN");

    private static String head(DemoRun.Result r) {
        return String.format(Locale.ROOT, "%-16s %-22s %-18s %-44s", "cloud", "device", "protocol", "events");
    }

    private static String start(DemoRun.Row row) {
        String events = String.join(", ", row.model().events().stream().map(e -> e.name()).toList());
        return String.format(Locale.ROOT, "%-16s %-22s %-18s %-44s", row.model().cloud(), row.model().label(),
                row.model().protocol().label(), events.length() > 44 ? events.substring(0, 43) + "~" : events);
    }

    private static Evaluation score(DemoRun.Row row, String via, String classifier) {
        return (via.equals("WiFi") ? row.wifi() : row.wan()).get(classifier);
    }

    /** The headline table: events read and false alarms per vantage point and classifier. */
    private static void printTable(PrintWriter out, DemoRun.Result r) {
        StringBuilder group = new StringBuilder(" ".repeat(head(r).length()));
        StringBuilder head = new StringBuilder(head(r));
        for (String via : VIA) {
            for (String c : r.classifiers()) {
                group.append(String.format(Locale.ROOT, " %-15s", r.classifiers().size() == 1 ? via : via + " " + c));
                head.append(String.format(Locale.ROOT, " %8s %6s", "read", "f.a."));
            }
        }
        out.println(group);
        out.println(head);
        for (DemoRun.Row row : r.rows()) {
            StringBuilder line = new StringBuilder(start(row));
            for (String via : VIA) {
                for (String c : r.classifiers()) {
                    Evaluation e = score(row, via, c);
                    line.append(String.format(Locale.ROOT, " %8s %6s", e == null ? "n/a" : LearnOptions.percent(
                            e.reading().eventsRead()), e == null ? "n/a" : LearnOptions.percent(e.reading().falseAlarmRate())));
                }
            }
            out.println(line);
        }
    }

    /** The paper's Table 2 figure after the headline: formula (4) per vantage point and classifier. */
    private static void printAccuracy(PrintWriter out, DemoRun.Result r) {
        out.println("paper's accuracy (formula 4) over every burst of the device in the detection session:");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-22s", "device"));
        for (String via : VIA) {
            for (String c : r.classifiers()) {
                head.append(String.format(Locale.ROOT, " %11s", r.classifiers().size() == 1 ? via : via + " " + c));
            }
        }
        out.println(head);
        for (DemoRun.Row row : r.rows()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s", row.model().label()));
            for (String via : VIA) {
                for (String c : r.classifiers()) {
                    Evaluation e = score(row, via, c);
                    line.append(String.format(Locale.ROOT, " %11s", e == null ? "n/a" : LearnOptions.percent(e.accuracy())));
                }
            }
            out.println(line);
        }
    }

    /** The verdicts of the default classifier from the WAN side that are not "can be told apart". */
    private static void printVerdicts(PrintWriter out, DemoRun.Result r) {
        String c = r.classifiers().get(r.classifiers().size() - 1);
        List<String> lines = new ArrayList<>();
        for (DemoRun.Row row : r.rows()) {
            Evaluation e = row.wan().get(c);
            if (e == null) {
                continue;
            }
            e.reading().events().values().stream().map(f -> f.againstOwnTraffic())
                    .filter(x -> x.verdict() != org.iotevent.signature.Verdict.DISTINGUISHABLE)
                    .forEach(x -> lines.add(row.model().label() + ": " + ReadingText.againstOwnTraffic(x)));
            for (var x : e.reading().pairs()) {
                if (x.verdict() != org.iotevent.signature.Verdict.DISTINGUISHABLE) {
                    lines.add(row.model().label() + ": " + ReadingText.pair(x, ReadingText.eachAlerts(e.reading(), x)));
                }
            }
        }
        out.println(lines.isEmpty() ? "verdicts (" + c + ", WAN): every event and every pair of events can be told apart"
                : "verdicts (" + c + ", WAN) other than \"can be told apart\":");
        lines.forEach(l -> out.println("  " + l));
    }
}
