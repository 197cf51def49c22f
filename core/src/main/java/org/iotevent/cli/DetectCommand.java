package org.iotevent.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.iotevent.capture.CaptureFormatException;
import org.iotevent.capture.PacketSource;
import org.iotevent.detect.AlertLine;
import org.iotevent.detect.DetectedEvent;
import org.iotevent.detect.DetectionFormat;
import org.iotevent.detect.DetectionPipeline;
import org.iotevent.detect.DetectionSink;
import org.iotevent.detect.Detector;
import org.iotevent.io.AtomicFileOutput;
import org.iotevent.signature.Signature;
import org.iotevent.signature.SignatureFile;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.TrafficStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iotevent detect}: label every burst of the device in a capture with a signature. */
@Command(name = "detect",
        header = "Detect a device's events in sniffed traffic (a file, standard input or an interface).",
        footerHeading = "%nExample:%n",
        footer = {"  iotevent detect -r sniffed.pcapng -s plug.json --format jsonl 'not port 53'"},
        mixinStandardHelpOptions = true,
        description = "Detect a device's events in sniffed traffic with its signature: one record per burst of the "
                + "device (start, end, packets, event or 'other', privacy flag, distance to the nearest sample). A "
                + "privacy event also prints an ALERT line on stderr.")
public final class DetectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ReadOptions read = new ReadOptions();

    @Option(names = {"-s", "--signature"}, required = true, paramLabel = "SIGNATURE.json|DIR", split = ",",
            arity = "1", description = "The signature written by train; several (-s A -s B, -s A,B, or directories whose "
                    + "*.json are signatures) watch a whole home in one pass, each device segmented separately, each "
                    + "detection's device then named after the signature file's name.")
    List<Path> signaturePaths;

    @Option(names = "--annotate", paramLabel = "OUT.pcapng",
            description = "Also write the capture as pcapng with a packet comment on every packet of each detected burst "
                    + "(device, event, privacy, distance, burst uid): in Wireshark, filter frame.comment contains \"on\".")
    Path annotate;

    @Option(names = {"-q", "--quiet"}, description = "No ALERT lines, no summary, no progress: only the detections.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Also say what is read: the inputs, the filter, each signature.")
    boolean verbose;

    @Option(names = "--device", paramLabel = "ADDR",
            description = "Select the device otherwise than the signature does (another vantage point). "
                    + DeviceOptions.DEVICE_HELP)
    String device;

    @Mixin
    DeviceOptions deviceOptions = new DeviceOptions();

    @Mixin
    LiveOptions live = new LiveOptions();

    @Option(names = "--match",
            description = "Apply each signature to every device of the capture whose evidence (the names, MAC block and "
                    + "ports train recorded as its identity) fits it, not to the address it was trained on; say which "
                    + "devices fit no signature. On the WAN side each long-lived connection is a device. Reads the "
                    + "capture files twice.")
    boolean match;

    @Option(names = "--format", paramLabel = "table|jsonl|csv", defaultValue = "table",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the detections to FILE (temporary file, then renamed) instead of standard output.")
    Path output;

    private final Interruption interruption = new Interruption();

    @Override
    public Integer call() throws IOException {
        DetectionFormat fmt = parseFormat(format);
        if (annotate != null && (live.interfaceName != null || read.stdin())) {
            throw new UserInputException("--annotate copies a capture read from files (-r FILE or DIR), not a live one");
        }
        if (live.interfaceName != null && read.count != null) {
            throw new UserInputException("-c counts the packets read with -r; it does not apply to a live capture (-i)");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = SignatureFile.files(signaturePaths);
        List<Path> inputs = new ArrayList<>(files);
        inputs.addAll(List.of(CaptureInput.paths(read.inputs.toArray(String[]::new))));
        if (output != null) {
            AtomicFileOutput.requireWritable(output, inputs.toArray(Path[]::new));
        }
        if (annotate != null) {
            if (output != null) {
                inputs.add(output);
            }
            AtomicFileOutput.requireWritable(annotate, inputs.toArray(Path[]::new));
        }
        if (files.size() > 1 && device != null) {
            throw new UserInputException("--device selects one device: give it with a single signature, not "
                    + files.size());
        }
        if (device == null && !deviceOptions.cloud.isEmpty()) {
            throw new UserInputException("--cloud needs --device wan[:ROUTER_IP]");
        }
        if (match && (device != null || live.interfaceName != null || read.stdin())) {
            throw new UserInputException("--match finds the devices in a first pass over capture files: not with "
                    + (device != null ? "--device" : "a live capture or standard input"));
        }
        List<Watched> given = new ArrayList<>();
        List<Signature> loaded = readAll(files);
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            Signature signature = loaded.get(i);
            DeviceSelector selector = device != null ? deviceOptions.selector(device) : signature.device();
            Watched wd = new Watched(SignatureFile.deviceName(f), files.size() > 1, selector, signature);
            for (String e : new java.util.TreeSet<>(wd.detector().silenced())) {
                err.println("iotevent: " + (wd.several() ? wd.name() + "/" : "") + e + " raises no alert: its signature "
                        + "says it cannot be told from the device's own traffic ("
                        + ReadingText.againstOwnTraffic(signature.verdicts().events().get(e)).replaceFirst("^.*?: ", "") + ")");
            }
            given.add(wd);
        }
        List<Watched> watched = match ? matched(files, given, err) : given;
        if (verbose) {
            err.println("iotevent: reading " + (live.interfaceName != null ? "interface " + live.interfaceName : read.name())
                    + (read.filterExpression() == null ? "" : " with filter '" + read.filterExpression() + "'")
                    + (read.count == null ? "" : ", at most " + read.count + " packets"));
            for (int d = 0; d < watched.size(); d++) {
                Watched wd = watched.get(d);
                err.println("iotevent: watching " + wd.name() + " (" + wd.selector().describe() + ")" + (match ? "" : " with " + files.get(d))
                        + ": classifier " + wd.signature().classifier().name() + ", a = "
                        + Format.nanosAsSeconds(wd.signature().gapNanos()));
            }
            err.flush();
        }
        // Ctrl-C or SIGTERM ends the reading; what was found is written, committed and summed up
        return StopOnSignal.run(interruption::request, 10, () -> detect(watched, fmt, err));
    }

    private int detect(List<Watched> watched, DetectionFormat fmt, PrintWriter err) throws IOException {
        List<TrafficStats> stats;
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.flush();
            // on the real standard output the lines go as bytes, without the writer's conversion
            stats = run(watched, out instanceof StandardOutput.Console c ? fmt.open(c.bytes(), c.charset()) : fmt.open(out),
                    err);
            if (interruption.requested()) {
                Interruption.note(out, fmt, stats.get(0).packets());
            }
            out.flush();
        } else {
            try (AtomicFileOutput file = new AtomicFileOutput(output)) {
                Writer w = new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8);
                try {
                    stats = run(watched, fmt.open(file.stream(), StandardCharsets.UTF_8), err);
                } catch (CaptureFormatException damaged) {
                    // the bursts closed before the fault are sound: keep them, then report the fault
                    w.flush();
                    file.commit();
                    throw damaged;
                }
                if (interruption.requested()) {
                    Interruption.note(w, fmt, stats.get(0).packets());
                }
                w.flush();
                file.commit();
            }
        }
        for (int d = 0; d < watched.size(); d++) {
            Watched wd = watched.get(d);
            if (watched.size() == 1 && !interruption.requested()) {
                CaptureInput.requireDevicePackets(read.name(), stats.get(d), wd.selector(),
                        read.single() == null || read.stdin() || read.filterExpression() != null ? null
                                : () -> CaptureInput.open(read.single()));
            }
            if (quiet) {
                continue;
            }
            String who = wd.several() ? wd.name() + ": " : "";
            err.println("iotevent: " + (interruption.requested() ? "interrupted: " : "") + who + stats.get(d).packets()
                    + " packets, " + stats.get(d).devicePackets() + " of the device (" + wd.selector().describe() + "), "
                    + wd.counts().values().stream().mapToInt(Integer::intValue).sum() + " bursts: "
                    + new TreeMap<>(wd.counts()).entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                            .collect(java.util.stream.Collectors.joining(", ")));
        }
        err.flush();
        return 0;
    }

    /**
     * The signatures in {@code files}: those read ahead while the command line was read ({@link
     * SignatureReadAhead}), else several read on every core (parsed and checked in the interpreter at
     * start-up: about 6 ms a file); the first file in order that fails is the one reported, as when
     * they are read one by one.
     */
    private static List<Signature> readAll(List<Path> files) throws IOException {
        List<Object> read = SignatureReadAhead.take(files);
        if (read == null) {
            read = readEach(files, files.size() > 1);
        }
        List<Signature> signatures = new ArrayList<>();
        for (Object r : read) {
            if (r instanceof IOException e) {
                throw e;
            }
            if (r instanceof RuntimeException e) {
                throw e;
            }
            signatures.add((Signature) r);
        }
        return signatures;
    }

    /** Each file's signature, or the exception reading it threw; {@code parallel}: on every core. */
    static List<Object> readEach(List<Path> files, boolean parallel) {
        return (parallel ? files.parallelStream() : files.stream()).map(f -> {
            try {
                return (Object) SignatureFile.read(CaptureInput.existingFile(f.toString(), "signature"));
            } catch (IOException | RuntimeException e) {
                return e;
            }
        }).toList();
    }

    /**
     * One device being watched: its name (the signature file's), whether several are, the pipeline's
     * device (selection, detector, gap, length layer), its signature and counts.
     */
    private record Watched(String name, boolean several, DetectionPipeline.Device device, Signature signature,
            LabelCounts counts) {
        Watched(String name, boolean several, DeviceSelector selector, Signature signature) {
            this(name, several, DetectionPipeline.Device.of(name, selector, signature), signature, new LabelCounts());
        }

        DeviceSelector selector() {
            return device.selector();
        }

        Detector detector() {
            return device.detector();
        }

        /**
         * The same signature watching another device, named {@code name}: its detector (and so its
         * classifier, built once) shared with this one's.
         */
        Watched appliedTo(String name, DeviceSelector selector) {
            return new Watched(name, true, new DetectionPipeline.Device(name, selector, detector(), device.gapNanos(),
                    device.layer()), signature, new LabelCounts());
        }
    }

    /**
     * {@code --match}: each signature applied to the devices whose evidence fits it, named
     * {@code SIGNATURE@DEVICE}; the devices that fit none are said.
     */
    private List<Watched> matched(List<Path> files, List<Watched> given, PrintWriter err) throws IOException {
        List<String> names = files.stream().map(SignatureFile::deviceName).toList();
        List<Signature> signatures = given.stream().map(Watched::signature).toList();
        for (int i = 0; i < signatures.size(); i++) {
            if (signatures.get(i).identity() == null) {
                err.println("iotevent: warning: " + files.get(i) + " records no identity of its device (trained before "
                        + "issue 16, or on standard input): --match cannot apply it; train it again");
            }
        }
        List<String> unmatched = new ArrayList<>();
        List<DevicesCommand.Match> matches;
        try (PacketSource source = read.open(err)) {
            matches = DevicesCommand.match(source, signatures, names, unmatched);
        }
        List<Watched> out = new ArrayList<>();
        for (DevicesCommand.Match m : matches) {
            out.add(given.get(m.signature()).appliedTo(names.get(m.signature()) + "@" + m.selector().text(), m.selector()));
            if (!quiet) {
                err.println("iotevent: " + names.get(m.signature()) + " applies to " + m.selector().text() + ": "
                        + String.join("; ", m.evidence().evidence()));
            }
        }
        if (!quiet) {
            for (String u : unmatched) {
                err.println("iotevent: no signature fits " + u);
            }
        }
        if (out.isEmpty()) {
            throw new UserInputException("--match: no device of " + read.name() + " fits any of the " + files.size()
                    + " signatures' identities");
        }
        return out;
    }

    private List<TrafficStats> run(List<Watched> watched, DetectionSink sink, PrintWriter err) throws IOException {
        // progress only over files: a live source has no end to show
        Progress progress = Progress.of("detect", read.inputs, quiet || live.interfaceName != null || read.stdin(), err);
        AlertLine alert = progress.alertLine();
        boolean[] cautioned = new boolean[watched.size()];
        DetectionPipeline pipeline = new DetectionPipeline(watched.stream().map(Watched::device).toList(), sink)
                .listener((device, detection) -> {
                    Watched wd = watched.get(device);
                    DetectedEvent e = detection.event();
                    wd.counts().add(e.event());
                    if (e.privacy() && !quiet) {
                        if (!cautioned[device]) {
                            // before a device's first alert: what its alerts may be, where training did not settle it
                            cautioned[device] = true;
                            for (String caveat : ReadingText.alertCaveats(wd.signature().verdicts(), wd.detector().alerting())) {
                                progress.println("iotevent: " + (wd.several() ? wd.name() + ": " : "") + caveat);
                            }
                        }
                        progress.println(alert.of(wd.several() ? wd.name() : null, e));
                    }
                });
        AtomicFileOutput annotatedFile = annotate == null ? null : new AtomicFileOutput(annotate);
        try {
            if (annotatedFile != null) {
                pipeline.annotate(annotatedFile.stream());
            }
            if (live.applies(read.single() == null && !read.none() ? "several" : read.single(), read.filterExpression())) {
                return live.run(pipeline, watched.stream().map(Watched::selector).toList(), err, () -> read.open(err),
                        interruption);
            }
            try (progress; PacketSource source = interruption.guard(
                    CaptureInput.timeChecked(progress.wrap(read.open(err)), err))) {
                return pipeline.run(source);
            }
        } finally {
            if (annotatedFile != null) {
                // also after a damaged capture: every packet read, the closed bursts annotated
                try (annotatedFile) {
                    annotatedFile.commit();
                }
            }
        }
    }

    private static DetectionFormat parseFormat(String text) {
        try {
            return DetectionFormat.valueOf(text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--format " + text + ": expected table, jsonl or csv");
        }
    }
}
