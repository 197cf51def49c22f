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
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.DeviceTraffic;
import org.iotevent.traffic.DeviceView;
import org.iotevent.traffic.Event;
import org.iotevent.traffic.EventLogReader;
import org.iotevent.traffic.EventPairer;
import org.iotevent.traffic.LabeledBurst;
import org.iotevent.traffic.LabeledTraffic;
import org.iotevent.traffic.ParameterEstimator;
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

    @Option(names = "-a", paramLabel = "SEC|auto", defaultValue = "auto",
            description = "Burst gap a: a new burst starts after a silence longer than this. Default: auto, chosen from "
                    + "the capture's gaps (" + BurstSegmenter.DEFAULT_GAP_SECONDS + " s when the capture is read from "
                    + "standard input).")
    String gapOption;

    @Option(names = "-b", paramLabel = "SEC|auto", defaultValue = "auto",
            description = "Pairing window b: a burst starting within this after an event is that event's. Default: "
                    + "auto, chosen from the delays from the events to the bursts (" + EventPairer.DEFAULT_WINDOW_SECONDS
                    + " s when the capture is read from standard input).")
    String windowOption;

    /** The a used, seconds: given, or estimated by {@link #collect}. */
    double gapSeconds = BurstSegmenter.DEFAULT_GAP_SECONDS;

    /** The b used, seconds: given, or estimated by {@link #collect}. */
    double windowSeconds = EventPairer.DEFAULT_WINDOW_SECONDS;

    /** How a and b were chosen, for train to print. */
    String parameterNote = "";

    @Option(names = "--classifier", paramLabel = "NAME", defaultValue = AlignmentClassifier.NAME,
            description = "Classifier: align (alignment-distance kNN for bursts of any length, says 'unknown' for a "
                    + "burst unlike every sample) or paper (the paper's kNN grouped by packet count). "
                    + "Default: ${DEFAULT-VALUE}.")
    String classifier;

    @Option(names = "--k", split = ",", paramLabel = "K",
            description = "Candidate k for kNN, chosen by held-out accuracy (default: 1,3,5 for align, 1,3,5,7,9 for "
                    + "paper); one value fixes k.")
    int[] k;

    /** The candidate k: given, or the classifier's default. */
    int[] kCandidates() {
        if (k != null) {
            return k.clone();
        }
        return (GroupedKnn.NAME.equals(classifier) ? PaperTrainer.DEFAULT_K : AlignmentTrainer.DEFAULT_K).clone();
    }

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr while the capture is read.")
    boolean quiet;

    /** Where warnings and progress go while the capture is read; set by {@link #collect}. */
    private PrintWriter err = new PrintWriter(java.io.Writer.nullWriter());

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the random splits (default: ${DEFAULT-VALUE}).")
    long seed;

    /** What {@link #collect} read. */
    record Collected(DeviceSelector device, List<Event> events, LabeledTraffic traffic, List<LabeledSample> samples) {}

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
        this.err = err;
        DeviceSelector selector = deviceOptions.selector(device);
        List<Event> log = EventLogReader.read(CaptureInput.existingFile(events, "event log"));
        if (log.isEmpty()) {
            throw new UserInputException(events + ": no events after the header");
        }
        chooseParameters(selector, log);
        long gap = CaptureInput.nanos(gapSeconds, "-a", 1e-6);
        long window = CaptureInput.nanos(windowSeconds, "-b", 0);
        LabeledTraffic traffic;
        try (Progress progress = Progress.of("reading " + capture, List.of(capture), quiet, err);
                PacketSource source = CaptureInput.timeChecked(
                        progress.wrap(CaptureInput.open(capture, ReadOptions.warnings(err))), err)) {
            traffic = LabeledTraffic.collect(source, new LinkDecoder(), new DeviceView(selector), log, gap, window);
        }
        CaptureInput.requireDevicePackets(capture, traffic.stats(), selector);
        if (traffic.eventsOutside() > 0) {
            err.println("iotevent: warning: " + traffic.eventsOutside() + " of " + log.size()
                    + " events lie outside the capture's time span (" + Format.time(traffic.stats().firstNanos()) + " to "
                    + Format.time(traffic.stats().lastNanos()) + "): is the event log from this capture, on its clock?");
        }
        if (!traffic.unpairedEvents().isEmpty()) {
            err.println("iotevent: warning: no burst of the device began within b = " + Format.seconds(windowSeconds)
                    + " after " + traffic.unpairedEvents().size() + " of " + log.size() + " events: "
                    + Format.eventList(traffic.unpairedEvents()));
        }
        List<LabeledSample> samples = new ArrayList<>();
        for (LabeledBurst b : traffic.bursts()) {
            samples.add(LabeledSample.of(b));
        }
        if (samples.stream().allMatch(s -> s.label().equals(EventPairer.OTHER))) {
            throw new UserInputException("no burst of the device began within b = " + Format.seconds(windowSeconds)
                    + " after any of the " + log.size() + " events: check that the event log is on the capture's clock, "
                    + "or widen -b");
        }
        return new Collected(selector, log, traffic, samples);
    }

    /**
     * Sets a and b: as given, or estimated from a first pass over the capture (the device's
     * packet times) and the event log ({@link ParameterEstimator}).
     */
    void chooseParameters(DeviceSelector selector, List<Event> log) throws IOException {
        boolean autoA = "auto".equalsIgnoreCase(gapOption);
        boolean autoB = "auto".equalsIgnoreCase(windowOption);
        gapSeconds = autoA ? BurstSegmenter.DEFAULT_GAP_SECONDS : seconds(gapOption, "-a");
        windowSeconds = autoB ? EventPairer.DEFAULT_WINDOW_SECONDS : seconds(windowOption, "-b");
        if (!autoA && !autoB) {
            parameterNote = "a and b as given";
            return;
        }
        if ("-".equals(capture)) {
            parameterNote = "a and b not estimated (the capture comes from standard input and is read once): defaults";
            return;
        }
        List<Long> times = new ArrayList<>();
        // warnings about the capture's files come in the second pass
        try (Progress progress = Progress.of("estimating a and b from " + capture, List.of(capture), quiet, err);
                PacketSource source = progress.wrap(CaptureInput.open(capture))) {
            DeviceTraffic.run(source, new LinkDecoder(), new DeviceView(selector),
                    new BurstSegmenter(1, 1, burst -> times.add(burst.startNanos())));
        }
        long[] packetNanos = times.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] eventNanos = log.stream().mapToLong(Event::timeNanos).sorted().toArray();
        ParameterEstimator.Estimate e;
        try {
            e = ParameterEstimator.estimate(packetNanos, eventNanos);
        } catch (IllegalArgumentException x) {
            parameterNote = "a and b not estimated (" + x.getMessage() + "): defaults";
            return;
        }
        List<String> notes = new ArrayList<>();
        if (autoA) {
            gapSeconds = e.gapNanos() / 1e9;
            notes.add(String.format(Locale.ROOT, "a = %s estimated: %d gaps inside bursts, %d between (override with -a)",
                    Format.seconds(gapSeconds), e.gapsBelow(), e.gapsAbove()));
        }
        if (autoB) {
            windowSeconds = e.windowNanos() / 1e9;
            notes.add(String.format(Locale.ROOT, "b = %s estimated: %d of %d events have a burst starting within b, "
                    + "median delay %s (override with -b)", Format.seconds(windowSeconds), e.eventsWithBurst(), e.events(),
                    e.medianDelayNanos() < 0 ? "n/a" : Format.seconds(e.medianDelayNanos() / 1e9)));
        }
        parameterNote = String.join("; ", notes);
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
