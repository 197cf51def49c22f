package org.iotevent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.iotevent.capture.CaptureSequence;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.signature.AlignmentClassifier;
import org.iotevent.signature.AlignmentTrainer;
import org.iotevent.signature.Classifiers;
import org.iotevent.signature.GroupedKnn;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.PaperTrainer;
import org.iotevent.signature.Trainer;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.ClockOffsetEstimator;
import org.iotevent.traffic.DeviceCensus;
import org.iotevent.traffic.DevicePackets;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.DeviceView;
import org.iotevent.traffic.Event;
import org.iotevent.traffic.EventLogReader;
import org.iotevent.traffic.EventPairer;
import org.iotevent.traffic.LabeledBurst;
import org.iotevent.traffic.LabeledTraffic;
import org.iotevent.traffic.ParameterEstimator;
import org.iotevent.traffic.TrafficStats;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What train and evaluate share: a capture, its event log, the device, {@code a} and {@code b},
 * and the classifier options; and turning them into labelled samples.
 */
final class LearnOptions {
    @Option(names = {"-r", "--read"}, paramLabel = "CAPTURE",
            description = "Capture of the device while its events were triggered (pcap or pcapng), a directory whose capture "
                    + "files are read in name order as one (a campaign folder), or - for standard input.")
    String capture;

    @Option(names = "--events", paramLabel = "EVENTS.csv",
            description = "Event log: CSV 'timestamp,event', epoch seconds (fraction allowed) or ISO-8601 with a zone.")
    String events;

    @Option(names = "--device", paramLabel = "ADDR", description = DeviceOptions.DEVICE_HELP)
    String device;

    @Mixin
    DeviceOptions deviceOptions = new DeviceOptions();

    @Option(names = "--length-layer", paramLabel = "ip|transport", defaultValue = "ip",
            description = "The layer packet lengths are measured at: ip (default, the paper's: IPv4 total length, IPv6 "
                    + "payload + 40) or transport (the TCP/UDP segment: the same over IPv4 and IPv6, so a signature "
                    + "learnt on an IPv4 LAN detects on an IPv6 WAN).")
    String lengthLayerOption;

    /** The --length-layer chosen. */
    org.iotevent.traffic.LengthLayer lengthLayer() {
        org.iotevent.traffic.LengthLayer l = org.iotevent.traffic.LengthLayer.byKey(lengthLayerOption);
        if (l == null) {
            throw new UserInputException("--length-layer " + lengthLayerOption + ": expected ip or transport");
        }
        return l;
    }

    @Option(names = "-a", paramLabel = "SEC|auto", defaultValue = "auto",
            description = "Burst gap a: a new burst starts after a silence longer than this. Default: auto, chosen from "
                    + "the capture's gaps (" + BurstSegmenter.DEFAULT_GAP_NANOS / 1e9 + " s when the capture is read from "
                    + "standard input).")
    String gapOption;

    @Option(names = "-b", paramLabel = "SEC|auto", defaultValue = "auto",
            description = "Pairing window b: a burst starting within this after an event is that event's. Default: "
                    + "auto, chosen from the delays from the events to the bursts (" + EventPairer.DEFAULT_WINDOW_NANOS / 1e9
                    + " s when the capture is read from standard input).")
    String windowOption;

    @Option(names = "--events-offset", paramLabel = "OFFSET|auto",
            description = "Add this to every event time to put the log on the capture's clock: e.g. +5h, -3600s, 90m, "
                    + "1h30m, or auto (estimate it from the traffic, with a daylight-saving jump, and apply it). Default: "
                    + "estimate it and warn when the log looks off, without applying it.")
    String eventsOffset;

    /** The a used, nanoseconds: given, or estimated by {@link #collect}. */
    long gapNanos = BurstSegmenter.DEFAULT_GAP_NANOS;

    /** The b used, nanoseconds: given, or estimated by {@link #collect}. */
    long windowNanos = EventPairer.DEFAULT_WINDOW_NANOS;

    /** How a and b were chosen, for train to print. */
    String parameterNote = "";

    /** When set (by train), sees every packet of the one read, to record the device's identity. */
    DeviceCensus census;

    @Option(names = "--classifier", paramLabel = "NAME", defaultValue = AlignmentClassifier.NAME,
            description = "Classifier: align (alignment-distance kNN for bursts of any length, says 'unknown' for a "
                    + "burst unlike every sample) or paper (the paper's kNN grouped by packet count). "
                    + "Default: ${DEFAULT-VALUE}.")
    String classifier;

    @Option(names = "--k", split = ",", paramLabel = "K",
            description = "Candidate k for kNN, chosen by 5-fold cross-validation grouped by trigger "
                    + "(default: 1,3,5 for align, 1,3,5,7,9 for paper); one value fixes k.")
    int[] k;

    /** The candidate k: given, or the classifier's default. */
    int[] kCandidates() {
        if (k != null) {
            return k.clone();
        }
        return (GroupedKnn.NAME.equals(classifier) ? PaperTrainer.DEFAULT_K : AlignmentTrainer.DEFAULT_K).clone();
    }

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr (reading the capture, cross-validating and evaluating).")
    boolean quiet;

    /** Where warnings and progress go while the capture is read; set by {@link #collect}. */
    private PrintWriter err = new PrintWriter(java.io.Writer.nullWriter());

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the random splits (default: ${DEFAULT-VALUE}).")
    long seed;

    /** What {@link #collect} read. */
    record Collected(DeviceSelector device, List<Event> events, LabeledTraffic traffic, List<LabeledSample> samples) {
        /** Days from the capture's first to its last packet; NaN when unknown. */
        double spanDays() {
            TrafficStats t = traffic.stats();
            return t.firstNanos() < t.lastNanos() ? (t.lastNanos() - t.firstNanos()) / 86_400e9 : Double.NaN;
        }
    }

    /** Checks the options that every learning run needs. */
    void requireInputs(String command) {
        List<String> missing = new ArrayList<>();
        if (capture == null) {
            missing.add("-r CAPTURE");
        }
        if (events == null) {
            missing.add("--events EVENTS.csv");
        }
        if (device == null) {
            missing.add("--device ADDR");
        }
        if (!missing.isEmpty()) {
            throw new UserInputException(command + " needs " + String.join(", ", missing));
        }
        for (int candidate : kCandidates()) {
            if (candidate < 1 || candidate > Classifiers.MAX_K) {
                throw new UserInputException("--k " + candidate + ": k must be in [1, " + Classifiers.MAX_K + "]");
            }
        }
    }

    /** A trainer for the chosen classifier, with the k candidates and the seed. */
    Trainer trainer(int[] candidates) {
        try {
            return Classifiers.trainer(classifier, candidates, seed);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--classifier: " + e.getMessage());
        }
    }

    /** Reads the event log and the capture; prints what did not fit on {@code err}. */
    Collected collect(PrintWriter err) throws IOException {
        return collect(err, deviceOptions.selector(device));
    }

    /** As {@link #collect(PrintWriter)}, with the device selected by {@code selector}. */
    Collected collect(PrintWriter err, DeviceSelector selector) throws IOException {
        this.err = err;
        EventLogReader.Log read = EventLogReader.readLog(CaptureInput.existingFile(events, "event log"));
        List<Event> log = read.events();
        if (!read.duplicates().isEmpty()) {
            err.println("iotevent: warning: " + events + ": dropped " + read.duplicates().size()
                    + " rows that repeat an earlier row's time and event: " + Format.eventList(read.duplicates()));
        }
        if (log.isEmpty()) {
            throw new UserInputException(events + ": no events after the header");
        }
        // one pass: the device's packets are kept, a and b estimated from their times, then cut and paired
        DevicePackets packets;
        try (Progress progress = Progress.of("reading " + capture, List.of(capture), quiet, err);
                PacketSource source = CaptureInput.timeChecked(
                        progress.wrap(CaptureInput.open(capture, ReadOptions.warnings(err))), err)) {
            packets = DevicePackets.read(source, new LinkDecoder(), new DeviceView(selector, lengthLayer()), census);
        }
        long[] packetNanos = needsPacketTimes() ? packets.sortedTimes() : null;
        List<String> notes = new ArrayList<>();
        long[] starts = packetNanos == null || packetNanos.length < 3 ? null
                : ParameterEstimator.starts(packetNanos, ParameterEstimator.estimateGap(packetNanos));
        log = placeOnCaptureClock(log, starts, notes, err);
        reportScatter(log, starts, notes, err);
        chooseParameters(log, packetNanos, notes, err);
        parameterNote = String.join("\n  ", notes);
        LabeledTraffic traffic = LabeledTraffic.collect(packets, log, gapNanos, windowNanos);
        CaptureInput.requireDevicePackets(capture, traffic.stats(), selector);
        if (traffic.eventsOutside() > 0) {
            err.println("iotevent: warning: " + traffic.eventsOutside() + " of " + log.size()
                    + " events lie outside the capture's time span (" + Format.time(traffic.stats().firstNanos()) + " to "
                    + Format.time(traffic.stats().lastNanos()) + "): is the event log from this capture, on its clock?");
        }
        int unpaired = traffic.unpairedEvents().size();
        if (unpaired > 0) {
            err.println("iotevent: warning: no burst of the device began within b = " + Format.nanosAsSeconds(windowNanos)
                    + " after " + unpaired + " of " + log.size() + " events: " + Format.eventList(traffic.unpairedEvents()));
        }
        if (unpaired > 0 && unpaired * 4 > log.size() - traffic.eventsOutside()) {
            err.println("iotevent: warning: many events stay unpaired (" + unpaired + " of "
                    + (log.size() - traffic.eventsOutside()) + " in the capture's span): the log may be on another clock "
                    + "(--events-offset), the device may not answer every event, or b is too short (-b)");
        }
        List<LabeledSample> samples = new ArrayList<>();
        for (LabeledBurst b : traffic.bursts()) {
            samples.add(LabeledSample.of(b));
        }
        if (samples.stream().allMatch(s -> s.label().equals(EventPairer.OTHER))) {
            throw new UserInputException("no burst of the device began within b = " + Format.nanosAsSeconds(windowNanos)
                    + " after any of the " + log.size() + " events: check that the event log is on the capture's clock, "
                    + "or widen -b");
        }
        return new Collected(selector, log, traffic, samples);
    }

    /** a and b fixed by a signature (evaluate -s), in nanoseconds; b when no -b was given. */
    private long fixedGapNanos;
    private long fixedWindowNanos = -1;

    /** Uses the signature's a, and its b unless -b was given (evaluate -s). */
    void fixParameters(long gapNanos, long windowNanos) {
        fixedGapNanos = gapNanos;
        if (autoWindow()) {
            fixedWindowNanos = windowNanos;
        }
    }

    private boolean autoGap() {
        return fixedGapNanos == 0 && "auto".equalsIgnoreCase(gapOption);
    }

    private boolean autoWindow() {
        return fixedWindowNanos < 0 && "auto".equalsIgnoreCase(windowOption);
    }

    /** The packet times are needed to estimate a, b or the log's offset (never on standard input: defaults there). */
    private boolean needsPacketTimes() {
        boolean estimateOffset = eventsOffset == null || "auto".equalsIgnoreCase(eventsOffset);
        return !"-".equals(capture) && (autoGap() || autoWindow() || estimateOffset);
    }

    /**
     * Applies {@code --events-offset}: a given offset; or, estimated from the traffic
     * ({@link ClockOffsetEstimator}), applied with {@code auto} and only reported otherwise.
     */
    List<Event> placeOnCaptureClock(List<Event> log, long[] starts, List<String> notes, PrintWriter err) {
        if (eventsOffset != null && !"auto".equalsIgnoreCase(eventsOffset)) {
            long offset = parseOffset(eventsOffset);
            if (offset != 0) {
                notes.add("event times moved by " + signed(offset) + " (--events-offset)");
            }
            return shift(log, i -> offset);
        }
        if (starts == null) {
            if (eventsOffset != null) {
                notes.add("--events-offset auto: not estimated (" + ("-".equals(capture)
                        ? "the capture comes from standard input and is read once" : "too few of the device's packets")
                        + ")");
            }
            return log;
        }
        long[] eventNanos = log.stream().mapToLong(Event::timeNanos).toArray();
        ClockOffsetEstimator.Estimate e = ClockOffsetEstimator.estimate(starts, eventNanos);
        if (!e.found()) {
            return log;
        }
        boolean apply = eventsOffset != null;
        String seen = String.format(Locale.ROOT, "%d of %d events are followed by the device's traffic within %s with it, "
                + "%d without", e.explained(), e.events(), Format.seconds(e.windowNanos() / 1e9), e.explainedAtZero());
        String first = "the event log looks " + ClockOffsetEstimator.describe(e.offsetNanos())
                + (e.offsetNanos() > 0 ? " behind" : " ahead of") + " the capture" + (Math.abs(e.offsetNanos()) >= 900e9
                ? ": a time zone?" : ": a clock off?") + " (" + seen + ")";
        List<String> lines = new ArrayList<>(List.of(first));
        for (int i = 1; i < e.segments().size(); i++) {
            ClockOffsetEstimator.Segment s = e.segments().get(i);
            Event at = log.get(s.firstEvent());
            lines.add("the offset changes to " + signed(s.offsetNanos()) + " from line " + at.line() + " ("
                    + Format.time(at.timeNanos()) + " in the log): a daylight-saving switch?");
        }
        if (apply) {
            lines.forEach(l -> notes.add(l + "; applied (--events-offset auto)"));
            return shift(log, e::offsetOf);
        }
        lines.forEach(l -> err.println("iotevent: warning: " + l));
        err.println("iotevent: warning: not applied: give --events-offset auto (or --events-offset "
                + signed(e.offsetNanos()) + ") to apply it");
        return log;
    }

    private static List<Event> shift(List<Event> log, java.util.function.IntToLongFunction offset) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            Event e = log.get(i);
            long o = offset.applyAsLong(i);
            out.add(o == 0 ? e : new Event(e.timeNanos() + o, e.name(), e.line()));
        }
        out.sort(java.util.Comparator.comparingLong(Event::timeNanos));
        return out;
    }

    /** "+5h", "-3600s", "90m", "1h30m", "+2.5s", "0": nanoseconds. */
    static long parseOffset(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("([+-]?)((?:\\d+(?:\\.\\d+)?(?:h|min|m|s)?)+)").matcher(text.strip());
        if (!m.matches()) {
            throw new UserInputException("--events-offset " + text + ": expected auto or a duration such as +5h, -3600s, "
                    + "90m or 1h30m");
        }
        java.util.regex.Matcher part = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(h|min|m|s)?")
                .matcher(m.group(2));
        double seconds = 0;
        while (part.find()) {
            String unit = part.group(2) == null ? "s" : part.group(2);
            seconds += Double.parseDouble(part.group(1)) * switch (unit) {
                case "h" -> 3600;
                case "m", "min" -> 60;
                default -> 1;
            };
        }
        if (seconds > ClockOffsetEstimator.RANGE_NANOS / 1e9 * 2) {
            throw new UserInputException("--events-offset " + text + ": more than 30 h");
        }
        long nanos = Math.round(seconds * 1e9);
        return "-".equals(m.group(1)) ? -nanos : nanos;
    }

    private static String signed(long nanos) {
        long s = Math.round(Math.abs(nanos) / 1e9);
        String text = s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
        return (nanos < 0 ? "-" : "+") + text;
    }

    /**
     * Sets a and b: as given, or estimated from the device's packet times and the event log
     * ({@link ParameterEstimator}); adds the evidence to {@code notes} and warns on {@code err}.
     */
    void chooseParameters(List<Event> log, long[] packetNanos, List<String> notes, PrintWriter err) {
        boolean autoA = autoGap();
        boolean autoB = autoWindow();
        gapNanos = fixedGapNanos > 0 ? fixedGapNanos
                : autoA ? BurstSegmenter.DEFAULT_GAP_NANOS : CaptureInput.nanos(seconds(gapOption, "-a"), "-a", 1e-6);
        windowNanos = fixedWindowNanos >= 0 ? fixedWindowNanos
                : autoB ? EventPairer.DEFAULT_WINDOW_NANOS : CaptureInput.nanos(seconds(windowOption, "-b"), "-b", 0);
        if (!autoA && !autoB) {
            notes.add("a and b as given");
            return;
        }
        if (packetNanos == null) {
            notes.add("a and b not estimated (the capture comes from standard input and is read once): defaults");
            return;
        }
        long[] eventNanos = log.stream().mapToLong(Event::timeNanos).sorted().toArray();
        ParameterEstimator.Estimate e;
        try {
            e = ParameterEstimator.estimate(packetNanos, eventNanos,
                    autoA ? 0 : gapNanos);
        } catch (IllegalArgumentException x) {
            notes.add("a and b not estimated (" + x.getMessage() + "): defaults");
            return;
        }
        if (autoA) {
            gapNanos = e.gapNanos();
            notes.add(String.format(Locale.ROOT, "a = %s estimated: the shortest gap that keeps each trigger's answer in "
                    + "one burst (%.2f extra bursts a trigger; the gaps alone would give %s); %d gaps inside bursts, %d "
                    + "between (override with -a)", Format.nanosAsSeconds(gapNanos), Math.max(0, e.extraBurstsPerTrigger()),
                    Format.seconds(e.provisionalGapNanos() / 1e9), e.gapsBelow(), e.gapsAbove()));
        }
        if (autoB) {
            windowNanos = e.windowNanos();
            notes.add(String.format(Locale.ROOT, "b = %s estimated: %d of %d events have a burst starting within b, %d "
                    + "unpaired; delay from event to burst 10/50/90 %%: %s; the device's own traffic starts %.2f bursts "
                    + "in as long a window (override with -b)", Format.nanosAsSeconds(windowNanos), e.eventsWithBurst(),
                    e.events(), e.unpaired(), e.medianDelayNanos() < 0 ? "n/a" : Format.seconds(e.delayQ10Nanos() / 1e9)
                    + " / " + Format.seconds(e.medianDelayNanos() / 1e9) + " / " + Format.seconds(e.delayQ90Nanos() / 1e9),
                    e.backgroundPerWindow()));
        }
    }

    /**
     * How scattered the delays from the events to the device's traffic are (before or after
     * them, {@link ClockOffsetEstimator#scatter}); a warning when they spread over more than 20 s,
     * as in a log of planned times.
     */
    private void reportScatter(List<Event> log, long[] starts, List<String> notes, PrintWriter err) {
        if (starts == null) {
            return;
        }
        ClockOffsetEstimator.Scatter sc = ClockOffsetEstimator.scatter(starts,
                log.stream().mapToLong(Event::timeNanos).toArray(), 0);
        if (sc == null) {
            return;
        }
        if (!sc.scattered()) {
            notes.add(String.format(Locale.ROOT, "delays from the events to the device's traffic: %.0f %% within 2 s of "
                    + "%s (observations, not a schedule)", 100 * Math.min(1, sc.peakShare()),
                    Format.seconds(sc.peakNanos() / 1e9)));
            return;
        }
        notes.add("delays from the events to the device's traffic, before or after them: 10 to 90 % between "
                + Format.seconds(sc.q10Nanos() / 1e9) + " and " + Format.seconds(sc.q90Nanos() / 1e9));
        err.println("iotevent: warning: the delays from the events to the device's traffic spread over "
                + Format.seconds(sc.spreadNanos() / 1e9) + " (10 to 90 %, from " + Format.seconds(sc.q10Nanos() / 1e9)
                + " to " + Format.seconds(sc.q90Nanos() / 1e9) + "): the log looks like a schedule (when commands "
                + "were planned), not observations of them; bursts paired with it are unreliable");
    }

    private static double seconds(String text, String option) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new UserInputException(option + " " + text + ": expected seconds (e.g. 0.5) or auto");
        }
    }

    /** Samples per label, sorted by label. */
    static Map<String, Integer> countByLabel(List<LabeledSample> samples) {
        Map<String, Integer> out = new TreeMap<>();
        samples.forEach(s -> out.merge(s.label(), 1, Integer::sum));
        return out;
    }

    /** The capture and event log with their digests, for provenance. */
    List<Path> inputFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(Path.of(capture))) {
            try (CaptureSequence folder = CaptureSequence.openDirectory(Path.of(capture))) {
                out.addAll(folder.files());
            }
        } else if (!"-".equals(capture)) {
            out.add(Path.of(capture));
        }
        out.add(Path.of(events));
        return out;
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
    }
}
