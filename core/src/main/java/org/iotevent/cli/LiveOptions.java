package org.iotevent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.iotevent.capture.CaptureTool;
import org.iotevent.capture.LiveCapture;
import org.iotevent.capture.PacketSource;
import org.iotevent.detect.DetectionPipeline;
import org.iotevent.detect.Ticker;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.TrafficStats;
import picocli.CommandLine.Option;

/**
 * Live detection options of {@code detect}: {@code -i IFACE} captures through tcpdump or
 * dumpcap (restarted when it dies, the gap reported on stderr) until Ctrl-C or SIGTERM; and
 * {@code -r -} reads a pcap or pcapng stream on standard input. Either way each burst is reported
 * as soon as it closes, within {@code a} + {@value Ticker#TICK_MILLIS} ms of its last packet.
 */
final class LiveOptions {
    @Option(names = {"-i", "--interface"}, paramLabel = "IFACE",
            description = "Capture live on IFACE with tcpdump (or dumpcap) until Ctrl-C; not with -r.")
    String interfaceName;

    @Option(names = "--capture-filter", paramLabel = "FILTER",
            description = "With -i: pcap-filter expression (default: the device's address or MAC; everything for wan).")
    String captureFilter;

    @Option(names = "--capture-tool", paramLabel = "auto|tcpdump|dumpcap", defaultValue = "auto",
            description = "With -i: the capture program (default: ${DEFAULT-VALUE}, tcpdump when installed).")
    String captureTool;

    /**
     * True when detection runs on a live stream: {@code -i}, or {@code -r -}. With {@code -i}, a
     * trailing filter expression is the capture filter, as tcpdump takes it.
     */
    boolean applies(String capture, String expression) {
        if (interfaceName != null && capture != null) {
            throw new UserInputException("-i captures live and -r reads a capture: give one of them");
        }
        if (interfaceName == null && capture == null) {
            throw new UserInputException("give a capture to read (-r FILE, or -r - for standard input) or an interface (-i IFACE)");
        }
        if (interfaceName != null && expression != null) {
            if (captureFilter != null) {
                throw new UserInputException("give the capture filter once: --capture-filter or a trailing expression");
            }
            captureFilter = expression;
        }
        return interfaceName != null || "-".equals(capture);
    }

    /** Opens what {@code -r} names (standard input, filtered as asked). */
    interface Opener {
        PacketSource open() throws IOException;
    }

    /**
     * Runs live detection.
     *
     * @param pipeline the detection of the watched devices
     * @param selectors each watched device's selection, for the default capture filter
     * @return each device's statistics
     */
    List<TrafficStats> run(DetectionPipeline pipeline, List<DeviceSelector> selectors, PrintWriter err, Opener stdin,
            Interruption interruption) throws IOException {
        if (interfaceName == null) {
            try (PacketSource source = interruption.guard(stdin.open())) {
                return pipeline.runLive(source, Ticker.system());
            }
        }
        CaptureTool.Kind kind;
        try {
            kind = CaptureTool.Kind.valueOf(captureTool.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--capture-tool " + captureTool + ": expected auto, tcpdump or dumpcap");
        }
        CaptureTool tool = CaptureTool.find(kind);
        String filter = captureFilter != null ? captureFilter : defaultFilter(selectors);
        try (LiveCapture capture = LiveCapture.start(tool, interfaceName, filter, reporter(tool, filter, err))) {
            interruption.alsoOnRequest(capture::stop);
            return pipeline.runLive(capture, Ticker.system());
        }
    }

    /** Reports the capture's start, gaps and restarts on stderr. */
    private LiveCapture.Listener reporter(CaptureTool tool, String filter, PrintWriter err) {
        return new LiveCapture.Listener() {
            @Override
            public void captureStarted(List<String> command) {
                err.println("iotevent: capturing on " + interfaceName + " with " + tool.name()
                        + (filter.isEmpty() ? "" : " (filter '" + filter + "')") + "; Ctrl-C stops");
                err.flush();
            }

            @Override
            public void captureStopped(String reason, long lastPacketNanos) {
                err.println("iotevent: capture gap: " + reason + "; last packet before it at "
                        + (lastPacketNanos == Long.MIN_VALUE ? "none" : Format.time(lastPacketNanos)) + "; restarting");
                err.flush();
            }

            @Override
            public void captureRestarted(java.time.Duration downtime) {
                err.println("iotevent: capture restarted after " + downtime.toMillis() + " ms without packets");
                err.flush();
            }
        };
    }

    /**
     * Only the watched devices' packets when each is known by address or MAC; everything when one
     * is watched from the WAN side (its cloud addresses come from DNS answers).
     */
    static String defaultFilter(List<DeviceSelector> selectors) {
        StringBuilder f = new StringBuilder();
        for (DeviceSelector s : selectors) {
            String one = switch (s.kind()) {
                case IP -> "host " + s.text();
                case MAC -> "ether host " + s.text();
                case WAN -> "";
            };
            if (one.isEmpty()) {
                return "";
            }
            f.append(f.length() == 0 ? "" : " or ").append(one);
        }
        return f.toString();
    }
}
