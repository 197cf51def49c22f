package org.iotevent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.iotevent.evaluate.Evaluation;
import org.iotevent.evaluate.EvaluationJson;
import org.iotevent.evaluate.Evaluator;
import org.iotevent.evaluate.IoTEventsReader;
import org.iotevent.evaluate.leakage.Leakage;
import org.iotevent.evaluate.leakage.LeakageJson;
import org.iotevent.evaluate.leakage.LeakageResult;
import org.iotevent.io.AtomicFileOutput;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.Signature;
import org.iotevent.signature.SignatureFile;
import org.iotevent.traffic.DeviceSelector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iotevent evaluate}: how well the method tells a device's events apart. */
@Command(name = "evaluate",
        header = "Measure what an eavesdropper reads: events read, false alarms, verdicts, then the paper's accuracy.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  iotevent evaluate -r plug-campaign --events plug-campaign/events.csv \\",
            "      --device 192.168.1.100 --json eval.json",
            "  iotevent evaluate -s plug.json -r second-session.pcap --events second-session.csv"},
        mixinStandardHelpOptions = true,
        description = {"Measure what an eavesdropper reads. First: events read (mean recall over the events, a trigger "
                + "read when most of its bursts name its event) and false alarms (share of the device's own bursts "
                + "named an event, and per day), then recall and precision per event and a verdict per event (against "
                + "the device's own traffic) and per pair of events, with exact 95 %% intervals against chance, from one "
                + "out-of-fold prediction per sample (5-fold cross-validation grouped by trigger). After them the "
                + "paper's accuracy, formula (4) (TP+TN)/(TP+TN+FP+FN) with 'other' as the negative class, mean over "
                + "repeated seeded stratified 80/20 splits, and accuracy for each k (the paper's Figure 5).",
            "Input: a capture with its event log, or --iotevents FILE (the paper authors' published sequences). "
                + "With -s SIGNATURE: score that signature on the capture and its event log, another session, without "
                + "retraining (the honest test of a signature).",
            "Then the bits any eavesdropper could learn of which event happened (kNN mutual information with a "
                + "bootstrap interval) and the Cover-Hart bound on the best attack, per device and per pair of events."})
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LearnOptions learn = new LearnOptions();

    @Option(names = "--iotevents", paramLabel = "FILE.txt",
            description = "Evaluate on a sequence file of the paper's authors (GitHub yangting111/IoTEvents) instead of a capture.")
    String iotevents;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "100",
            description = "Seeded splits to average over (default: ${DEFAULT-VALUE}); split r uses seed S + r.")
    int repeats;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the figures as JSON (keys events_read, false_alarm_rate, false_alarms_per_day, "
                    + "pairs, accuracy, per_event, confusion, accuracy_by_k, k, ...).")
    Path json;

    @Option(names = {"-s", "--signature"}, paramLabel = "SIGNATURE.json",
            description = "Score this signature on -r CAPTURE with --events (another session): no retraining; a is the "
                    + "signature's, b and the device too unless -b or --device say otherwise.")
    String signature;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (repeats < 1 || repeats > 100_000) {
            throw new UserInputException("--repeats " + repeats + ": expected 1 to 100000");
        }
        if (json != null) {
            AtomicFileOutput.requireWritable(json, CaptureInput.paths(iotevents, learn.capture, learn.events));
        }
        List<LabeledSample> samples;
        String input;
        double spanDays = Double.NaN;
        if (signature != null) {
            scoreSignature(out);
            return 0;
        }
        if (iotevents != null) {
            if (learn.capture != null || learn.events != null || learn.device != null) {
                throw new UserInputException("--iotevents replaces -r, --events and --device: give one or the other");
            }
            IoTEventsReader.Contents c = IoTEventsReader.read(CaptureInput.existingFile(iotevents, "sequence file"));
            if (c.samples().isEmpty()) {
                throw new UserInputException(iotevents + ": no labelled sequence (" + c.unlabelledRows()
                        + " packet rows and no label line): nothing to evaluate");
            }
            samples = c.samples();
            input = iotevents;
        } else {
            learn.requireInputs("evaluate");
            LearnOptions.Collected c = learn.collect(spec.commandLine().getErr());
            samples = c.samples();
            spanDays = c.spanDays();
            input = learn.capture;
        }
        // the leakage figures need the samples alone: measured beside the evaluation, on a core it leaves idle
        Supplier<LeakageResult> leakage = Evaluator.aside("iotevent-leakage", () -> new Leakage(learn.seed).measure(samples));
        Evaluator evaluator = new Evaluator(learn.trainer(learn.kCandidates()), k -> learn.trainer(new int[] {k}),
                new TreeSet<>(java.util.Arrays.stream(learn.kCandidates()).boxed().toList()).stream().mapToInt(Integer::intValue)
                        .toArray());
        Evaluation e;
        try (TrainingProgress progress = new TrainingProgress("evaluating (" + Evaluator.FOLDS + " folds, " + repeats
                + " splits)", learn.quiet, spec.commandLine().getErr())) {
            e = evaluator.listener(progress).evaluate(samples, repeats, learn.seed, spanDays);
        } catch (IllegalArgumentException x) {
            throw new UserInputException(input + ": " + x.getMessage());
        }
        out.printf("%s: %d samples (%s); %d-fold cross-validation grouped by trigger (seed %d), each sample predicted "
                + "once%n", input, e.samples(), labelsOf(samples), Evaluator.FOLDS, e.seed());
        print(out, e);
        out.printf("paper's accuracy (formula 4): %s, mean of %d seeded stratified 80/20 splits (%d tested per split), "
                + "classifier %s, k chosen %s%n", LearnOptions.percent(e.accuracy()), e.repeats(), e.testedPerRepeat(),
                learn.classifier, e.k() == 0 ? "n/a" : Integer.toString(e.k()));
        if (!e.accuracyByK().isEmpty()) {
            StringBuilder sb = new StringBuilder("accuracy by k:");
            e.accuracyByK().forEach((k, a) -> sb.append("  k=").append(k).append(' ').append(LearnOptions.percent(a)));
            out.println(sb);
        }
        LeakageLines.print(out, leakage.get(), e.accuracy(), true);
        writeJson(out, e, leakage.get(), input, learn.classifier, "cross-validation");
        out.flush();
        return 0;
    }

    /** -s: the signature's classifier on another session's labelled bursts, no retraining. */
    private void scoreSignature(PrintWriter out) throws IOException {
        if (iotevents != null || learn.capture == null || learn.events == null) {
            throw new UserInputException("evaluate -s SIGNATURE needs -r CAPTURE and --events EVENTS.csv (not --iotevents)");
        }
        for (String retraining : List.of("--classifier", "--k", "--repeats")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(retraining)) {
                throw new UserInputException(retraining + ": evaluate -s scores the signature as it is, without retraining; "
                        + "leave " + retraining + " out");
            }
        }
        Signature s = SignatureFile.read(CaptureInput.existingFile(signature, "signature"));
        if (!"auto".equalsIgnoreCase(learn.gapOption)) {
            throw new UserInputException("-a: the signature fixes a = " + Format.seconds(s.aSeconds())
                    + " (detection cuts bursts with it); leave -a out");
        }
        learn.fixParameters(s.gapNanos(), s.windowNanos());
        learn.lengthLayerOption = s.lengthLayer(); // the signature's samples were measured at that layer
        DeviceSelector selector = learn.device != null ? learn.deviceOptions.selector(learn.device) : s.device();
        LearnOptions.Collected c = learn.collect(spec.commandLine().getErr(), selector);
        Supplier<LeakageResult> leakage = Evaluator.aside("iotevent-leakage",
                () -> new Leakage(learn.seed).measure(c.samples()));
        Evaluation e;
        try {
            e = Evaluator.scoreSession(s.classifierInstance(), (int) s.classifier().parameter("k", 0), c.samples(),
                    c.spanDays());
        } catch (IllegalArgumentException x) {
            throw new UserInputException(learn.capture + ": " + x.getMessage());
        }
        out.printf("%s scored on %s (device %s, a = %s, b = %s): %d samples (%s), each predicted once, no retraining%n",
                signature, learn.capture, selector.describe(), Format.nanosAsSeconds(learn.gapNanos),
                Format.nanosAsSeconds(learn.windowNanos), e.samples(), labelsOf(c.samples()));
        print(out, e);
        out.printf("paper's accuracy (formula 4) on the same predictions: %s, classifier %s%n",
                LearnOptions.percent(e.accuracy()), s.classifier().name());
        LeakageLines.print(out, leakage.get(), e.accuracy(), true);
        writeJson(out, e, leakage.get(), learn.capture, s.classifier().name(),
                "signature " + signature + " on another session");
    }

    private void writeJson(PrintWriter out, Evaluation e, LeakageResult leakage, String input, String classifier,
            String method)
            throws IOException {
        if (json == null) {
            return;
        }
        Map<String, String> about = new LinkedHashMap<>();
        about.put("input", input);
        about.put("classifier", classifier);
        about.put("method", method);
        try (AtomicFileOutput file = new AtomicFileOutput(json)) {
            ObjectNode tree = EvaluationJson.toJson(e, about);
            LeakageJson.put(tree, leakage);
            EvaluationJson.write(tree, file.stream());
            file.commit();
        }
        out.println("figures written to " + json);
    }

    /** The headline, the verdicts, then the per-sample counts and the confusion matrix. */
    private static void print(PrintWriter out, Evaluation e) {
        ReadingText.print(out, e.reading());
        out.printf("each sample once: TP %d, TN %d, FP %d, FN %d (formula 4 over them: %s)%n", e.truePositives(),
                e.trueNegatives(), e.falsePositives(), e.falseNegatives(), LearnOptions.percent(e.reading().paperAccuracy()));
        out.println("confusion (rows actual, columns predicted):");
        TreeSet<String> labels = new TreeSet<>(e.confusion().keySet());
        e.confusion().values().forEach(row -> labels.addAll(row.keySet()));
        StringBuilder head = new StringBuilder(String.format("  %-22s", ""));
        labels.forEach(l -> head.append(String.format(" %10s", shorten(l))));
        out.println(head);
        for (String actual : labels) {
            StringBuilder row = new StringBuilder(String.format("  %-22s", shorten(actual)));
            Map<String, Long> r = e.confusion().getOrDefault(actual, new java.util.TreeMap<>());
            labels.forEach(p -> row.append(String.format(" %10d", r.getOrDefault(p, 0L))));
            out.println(row);
        }
    }

    private static String labelsOf(List<LabeledSample> samples) {
        StringBuilder sb = new StringBuilder();
        LearnOptions.countByLabel(samples).forEach((l, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(l).append(' ').append(n));
        return sb.toString();
    }

    private static String shorten(String s) {
        return s.length() <= 22 ? s : s.substring(0, 21) + "~";
    }
}
