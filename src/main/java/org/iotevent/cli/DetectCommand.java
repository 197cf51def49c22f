package org.iotevent.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.detect.DetectedEvent;
import org.iotevent.detect.DetectionFormat;
import org.iotevent.detect.DetectionSink;
import org.iotevent.detect.Detector;
import org.iotevent.signature.AtomicFileOutput;
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
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Detect a device's events in sniffed traffic with its signature: one record per burst of the "
                + "device (start, end, packets, event or 'other', privacy flag, distance to the nearest sample). A "
                + "privacy event also prints an ALERT line on stderr.")
public final class DetectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--read"}, required = true, paramLabel = "CAPTURE",
            description = "Capture to search (pcap or pcapng), or - for standard input (e.g. tcpdump -U -w -).")
    String capture;

    @Option(names = {"-s", "--signature"}, required = true, paramLabel = "SIGNATURE.json",
            description = "The signature written by train.")
    Path signaturePath;

    @Option(names = "--device", paramLabel = "ADDR",
            description = "Select the device otherwise than the signature does (another vantage point). "
                    + DeviceOptions.DEVICE_HELP)
    String device;

    @Mixin
    DeviceOptions deviceOptions = new DeviceOptions();

    @Option(names = "--format", paramLabel = "table|jsonl|csv", defaultValue = "table",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the detections to FILE (temporary file, then renamed) instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        DetectionFormat fmt = parseFormat(format);
        if (output != null) {
            AtomicFileOutput.requireWritableDirectory(output);
        }
        PrintWriter err = spec.commandLine().getErr();
        Signature signature = SignatureFile.read(CaptureInput.existingFile(signaturePath.toString(), "signature"));
        DeviceSelector selector = device != null ? deviceOptions.selector(device) : signature.device();
        if (device == null && !deviceOptions.cloud.isEmpty()) {
            throw new UserInputException("--cloud needs --device wan[:ROUTER_IP]");
        }
        Detector detector = Detector.of(signature);
        Map<String, Integer> counts = new TreeMap<>();
        TrafficStats stats;
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            stats = run(detector, selector, signature, fmt.open(out), counts, err);
            out.flush();
        } else {
            try (AtomicFileOutput file = new AtomicFileOutput(output)) {
                Writer w = new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8);
                stats = run(detector, selector, signature, fmt.open(w), counts, err);
                w.flush();
                file.commit();
            }
        }
        CaptureInput.requireDevicePackets(capture, stats, selector);
        err.println("iotevent: " + stats.packets() + " packets, " + stats.devicePackets() + " of the device ("
                + selector.describe() + "), " + counts.values().stream().mapToInt(Integer::intValue).sum() + " bursts: "
                + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                        .collect(java.util.stream.Collectors.joining(", ")));
        err.flush();
        return 0;
    }

    private TrafficStats run(Detector detector, DeviceSelector selector, Signature signature, DetectionSink sink,
            Map<String, Integer> counts, PrintWriter err) throws IOException {
        IOException[] failure = new IOException[1];
        BurstSegmenter segmenter = new BurstSegmenter(Math.round(signature.aSeconds() * 1e9),
                BurstSegmenter.DEFAULT_MAX_PACKETS, burst -> {
                    DetectedEvent e = detector.detect(burst);
                    counts.merge(e.event(), 1, Integer::sum);
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
                });
        TrafficStats stats;
        try (PacketSource source = CaptureInput.open(capture)) {
            stats = DeviceTraffic.run(source, new LinkDecoder(), new DeviceView(selector), segmenter);
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
