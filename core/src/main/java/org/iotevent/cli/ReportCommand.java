package org.iotevent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.iotevent.evaluate.defence.DefenceEvaluation;
import org.iotevent.evaluate.defence.DefenceFile;
import org.iotevent.io.AtomicFileOutput;
import org.iotevent.report.DeviceReport;
import org.iotevent.report.HtmlReportRenderer;
import org.iotevent.report.Report;
import org.iotevent.report.ReportInputs;
import org.iotevent.report.ReportWriter;
import org.iotevent.report.Timeline;
import org.iotevent.signature.Provenance;
import org.iotevent.signature.Signature;
import org.iotevent.signature.SignatureFile;
import org.iotevent.traffic.EventPairer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iotevent report}: one self-contained HTML file from signatures, evaluations, detections, defences. */
@Command(name = "report",
        header = "Write one self-contained HTML report of signatures, evaluations and detections.",
        footerHeading = "%nExample:%n",
        footer = {
            "  iotevent report -s plug.json --evaluation eval.json --defences defences.json \\",
            "      -o report.html"},
        mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML report (no network; inline CSS and SVG charts): per device a "
                + "table like the paper's Table 2, each event's packet sequence with the packets that tell it apart "
                + "highlighted (Figure 4), accuracy against k (Figure 5), the confusion matrix, which events an "
                + "eavesdropper reads and which are privacy events; a timeline per detection run; and for defences, "
                + "accuracy against overhead.",
            "The i-th --evaluation, --cloud, --protocol and --detections belong to the i-th -s; the i-th --events "
                + "to the i-th --detections. The header names the run (--title) and its devices; every input file "
                + "is listed with its SHA-256 under Provenance."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-s", "--signature"}, paramLabel = "SIGNATURE.json", description = "A signature (iotevent train -o).")
    List<String> signatures = new ArrayList<>();

    @Option(names = "--evaluation", paramLabel = "EVAL.json",
            description = "The evaluation of the signature at the same position (iotevent evaluate --json); several "
                    + "evaluations of it (e.g. one per vantage point or session) separated by commas (a file whose name holds a comma is "
                    + "read as one), the first drawn in detail, each one's events read, false alarms, verdicts and bits leaked shown.")
    List<String> evaluations = new ArrayList<>();

    @Option(names = "--events", paramLabel = "EVENTS.csv",
            description = "The event log of the detection run at the same position (timestamp,event as train "
                    + "--events takes it): its triggers are laid over the timeline, hits, misses and false alarms marked.")
    List<String> eventLogs = new ArrayList<>();

    @Option(names = "--detections", paramLabel = "DET.jsonl",
            description = "A detection run (iotevent detect --format jsonl); its device is the signature at the same "
                    + "position, if any.")
    List<String> detections = new ArrayList<>();

    @Option(names = "--defences", paramLabel = "DEF.json", description = "Defence results (iotevent defend --json).")
    List<String> defences = new ArrayList<>();

    @Option(names = "--cloud", paramLabel = "TEXT",
            description = "The cloud of the device at the same position, for the devices table (default: the "
                    + "signature's cloud endpoints).")
    List<String> clouds = new ArrayList<>();

    @Option(names = "--protocol", paramLabel = "TEXT",
            description = "The protocol of the device at the same position (e.g. TLS, MQTT over TLS), for the "
                    + "devices table.")
    List<String> protocols = new ArrayList<>();

    @Option(names = "--title", paramLabel = "TEXT", description = "The page title (default: the devices).")
    String title;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "report.html",
            description = "Where to write the report (written to a temporary file, then renamed).")
    Path output;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (signatures.isEmpty() && detections.isEmpty() && defences.isEmpty()) {
            throw new UserInputException("report needs at least one of -s SIGNATURE.json, --detections DET.jsonl, "
                    + "--defences DEF.json");
        }
        for (var e : java.util.Map.of("--evaluation", evaluations, "--cloud", clouds, "--protocol", protocols).entrySet()) {
            if (e.getValue().size() > signatures.size()) {
                throw new UserInputException(e.getValue().size() + " " + e.getKey() + " for " + signatures.size()
                        + " -s: each belongs to the signature at the same position");
            }
        }
        if (eventLogs.size() > detections.size()) {
            throw new UserInputException(eventLogs.size() + " --events for " + detections.size()
                    + " --detections: each belongs to the detection run at the same position");
        }
        List<List<String>> evaluated = evaluations.stream().map(ReportCommand::evaluationFiles).toList();
        List<String> inputs = new ArrayList<>(signatures);
        evaluated.forEach(inputs::addAll);
        inputs.addAll(detections);
        inputs.addAll(eventLogs);
        inputs.addAll(defences);
        AtomicFileOutput.requireWritable(output, CaptureInput.paths(inputs.toArray(String[]::new)));
        List<Provenance.Input> given = new ArrayList<>();
        List<Signature> read = new ArrayList<>();
        List<DeviceReport> devices = new ArrayList<>();
        for (int i = 0; i < signatures.size(); i++) {
            Signature s = read(signatures.get(i), "signature", SignatureFile::read, given);
            read.add(s);
            List<ReportInputs.EvaluationInput> measured = new ArrayList<>();
            if (i < evaluated.size()) {
                for (String e : evaluated.get(i)) {
                    measured.add(read(e, "evaluation", ReportInputs::readEvaluation, given));
                }
            }
            devices.add(ReportInputs.device(s, measured, i < clouds.size() ? clouds.get(i) : null,
                    i < protocols.size() ? protocols.get(i) : null));
        }
        List<Timeline> timelines = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            String device = i < devices.size() ? devices.get(i).device() : detections.get(i);
            Timeline t = read(detections.get(i), "detections", f -> ReportInputs.readDetections(f, device), given);
            if (i < eventLogs.size()) {
                long window = i < read.size() ? read.get(i).windowNanos() : EventPairer.DEFAULT_WINDOW_NANOS;
                t = t.withTriggers(read(eventLogs.get(i), "event log", ReportInputs::readTriggers, given), window);
                String logSha256 = given.get(given.size() - 1).sha256();
                String inSample = i < read.size() ? ReportInputs.inSample(read.get(i), logSha256) : null;
                if (inSample != null) {
                    t = t.inSample(inSample);
                    spec.commandLine().getErr().println("iotevent: warning: detections " + detections.get(i) + ": " + inSample);
                }
            }
            timelines.add(t);
        }
        List<DefenceEvaluation> defended = new ArrayList<>();
        for (String d : defences) {
            defended.add(read(d, "defence results", DefenceFile::read, given));
        }
        String heading = title != null ? title
                : ReportInputs.title(devices.isEmpty() ? defended.stream().map(DefenceEvaluation::device).toList()
                        : devices.stream().map(DeviceReport::device).toList());
        Report report = new Report(heading, ReportInputs.sources(given, read), devices, timelines, defended);
        ReportWriter.write(new HtmlReportRenderer().render(report), output);
        out.printf("report written to %s: %d devices, %d timelines, %d defence evaluations%n", output, devices.size(),
                timelines.size(), defended.size());
        out.flush();
        return 0;
    }

    /**
     * The evaluation files of one signature: split on commas, unless the whole text names a file
     * (a file whose name holds a comma is read as one).
     */
    static List<String> evaluationFiles(String given) {
        try {
            if (java.nio.file.Files.isRegularFile(Path.of(given))) {
                return List.of(given);
            }
        } catch (java.nio.file.InvalidPathException e) {
            // not a path as a whole: the parts are checked one by one
        }
        return List.of(given.split(","));
    }

    /** An input file that must exist, noted with its role for the provenance section. */
    /** Reads one input file. */
    private interface Reader<T> {
        T read(Path file) throws IOException;
    }

    /**
     * Reads the file {@code name} ({@code role}, e.g. {@code signature}) with {@code reader}, then lists
     * it with its SHA-256 among the report's inputs (the one place it is hashed).
     */
    private static <T> T read(String name, String role, Reader<T> reader, List<Provenance.Input> inputs)
            throws IOException {
        Path p = CaptureInput.existingFile(name, role);
        T value = reader.read(p);
        inputs.add(Provenance.Input.of(role, p));
        return value;
    }
}
