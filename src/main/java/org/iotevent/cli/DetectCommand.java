package org.iotevent.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.iotevent.capture.CaptureFormatException;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.detect.DetectedEvent;
import org.iotevent.detect.DetectionFormat;
import org.iotevent.detect.DetectionSink;
import org.iotevent.detect.Detector;
import org.iotevent.io.AtomicFileOutput;
import org.iotevent.signature.Signature;
import org.iotevent.signature.SignatureFile;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.DeviceTraffic;
import org.iotevent.traffic.DeviceView;
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
        footer = {"  iotevent detect -r sniffed.pcapng -s plug.json --format jsonl"},
        mixinStandardHelpOptions = true,
        description = "Detect a device's events in sniffed traffic with its signature: one record per burst of the "
                + "device (start, end, packets, event or 'other', privacy flag, distance to the nearest sample). A "
                + "privacy event also prints an ALERT line on stderr.")
public final class DetectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--read"}, paramLabel = "CAPTURE",
            description = "Capture to search (pcap or pcapng), a directory of rotated capture files read in name order, "
                    + "or - for standard input (e.g. tcpdump -U -w -).")
    String capture;

    @Option(names = {"-s", "--signature"}, required = true, paramLabel = "SIGNATURE.json|DIR", split = ",",
            arity = "1..*", description = "The signature written by train; several (files, or directories whose *.json "
                    + "are signatures) watch a whole home in one pass, each device segmented separately, each "
                    + "detection's event then named DEVICE/EVENT after the signature file's name.")
    List<Path> signaturePaths;

    @Option(names = "--device", paramLabel = "ADDR",
            description = "Select the device otherwise than the signature does (another vantage point). "
                    + DeviceOptions.DEVICE_HELP)
    String device;

    @Mixin
    DeviceOptions deviceOptions = new DeviceOptions();

    @Mixin
    LiveOptions live = new LiveOptions();

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
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = signatureFiles(signaturePaths);
        if (output != null) {
            List<Path> inputs = new ArrayList<>(files);
            inputs.addAll(List.of(CaptureInput.paths(capture)));
            AtomicFileOutput.requireWritable(output, inputs.toArray(Path[]::new));
        }
        if (files.size() > 1 && device != null) {
            throw new UserInputException("--device selects one device: give it with a single signature, not "
                    + files.size());
        }
        if (device == null && !deviceOptions.cloud.isEmpty()) {
            throw new UserInputException("--cloud needs --device wan[:ROUTER_IP]");
        }
        List<Watched> watched = new ArrayList<>();
        for (Path f : files) {
            Signature signature = SignatureFile.read(CaptureInput.existingFile(f.toString(), "signature"));
            DeviceSelector selector = device != null ? deviceOptions.selector(device) : signature.device();
            String prefix = files.size() > 1 ? stem(f) + "/" : "";
            watched.add(new Watched(prefix, selector, signature, Detector.of(signature), new TreeMap<>()));
        }
        // Ctrl-C or SIGTERM ends the reading; what was found is written, committed and summed up
        return StopOnSignal.run(interruption::request, 10, () -> detect(watched, fmt, err));
    }

    private int detect(List<Watched> watched, DetectionFormat fmt, PrintWriter err) throws IOException {
        List<TrafficStats> stats;
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            stats = run(watched, fmt.open(out), err);
            if (interruption.requested()) {
                Interruption.note(out, fmt, stats.get(0).packets());
            }
            out.flush();
        } else {
            try (AtomicFileOutput file = new AtomicFileOutput(output)) {
                Writer w = new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8);
                try {
                    stats = run(watched, fmt.open(w), err);
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
                CaptureInput.requireDevicePackets(capture != null ? capture : "-", stats.get(d), wd.selector());
            }
            String who = wd.prefix().isEmpty() ? "" : wd.prefix().substring(0, wd.prefix().length() - 1) + ": ";
            err.println("iotevent: " + (interruption.requested() ? "interrupted: " : "") + who + stats.get(d).packets()
                    + " packets, " + stats.get(d).devicePackets() + " of the device (" + wd.selector().describe() + "), "
                    + wd.counts().values().stream().mapToInt(Integer::intValue).sum() + " bursts: "
                    + wd.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                            .collect(java.util.stream.Collectors.joining(", ")));
        }
        err.flush();
        return 0;
    }

    /** One device being watched: its name prefix (empty when alone), selection, signature and counts. */
    private record Watched(String prefix, DeviceSelector selector, Signature signature, Detector detector,
            Map<String, Integer> counts) {}

    /** The signature files: each path itself, or a directory's *.json files in name order. */
    static List<Path> signatureFiles(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> list = Files.list(p)) {
                    List<Path> json = list.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                            .sorted().toList();
                    if (json.isEmpty()) {
                        throw new UserInputException(p + ": no signature (*.json) in this directory");
                    }
                    out.addAll(json);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    private List<TrafficStats> run(List<Watched> watched, DetectionSink sink, PrintWriter err) throws IOException {
        IOException[] failure = new IOException[1];
        List<DeviceView> views = new ArrayList<>();
        List<BurstSegmenter> segmenters = new ArrayList<>();
        for (Watched wd : watched) {
            views.add(new DeviceView(wd.selector()));
            segmenters.add(new BurstSegmenter(Math.round(wd.signature().aSeconds() * 1e9), BurstSegmenter.DEFAULT_MAX_PACKETS,
                    burst -> {
                        DetectedEvent d = wd.detector().detect(burst);
                        DetectedEvent e = wd.prefix().isEmpty() ? d : new DetectedEvent(d.startNanos(), d.endNanos(),
                                d.firstFrame(), d.lastFrame(), d.packets(), wd.prefix() + d.event(), d.privacy(), d.distance());
                        wd.counts().merge(d.event(), 1, Integer::sum);
                        if (e.privacy()) {
                            err.println("iotevent: ALERT " + e.event() + " at " + Format.time(e.startNanos()) + " (frames "
                                    + e.firstFrame() + "-" + e.lastFrame() + ", " + e.packets() + " packets, distance "
                                    + DetectionSink.distance(e.distance()) + ")");
                            err.flush();
                        }
                        if (failure[0] == null) {
                            try {
                                sink.accept(e);
                            } catch (IOException x) {
                                failure[0] = x;
                            }
                        }
                    }));
        }
        List<TrafficStats> stats;
        try {
            if (live.applies(capture)) {
                stats = live.run(views, segmenters, sink::finish, err, interruption);
            } else {
                try (PacketSource source = interruption.guard(CaptureInput.timeChecked(CaptureInput.open(capture), err))) {
                    stats = DeviceTraffic.runAll(source, new LinkDecoder(), views, segmenters);
                }
            }
        } finally {
            sink.finish();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return stats;
    }

    private static DetectionFormat parseFormat(String text) {
        try {
            return DetectionFormat.valueOf(text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--format " + text + ": expected table, jsonl or csv");
        }
    }
}
