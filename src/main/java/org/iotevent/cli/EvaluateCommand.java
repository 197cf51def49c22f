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
import org.iotevent.evaluate.Evaluation;
import org.iotevent.evaluate.EvaluationJson;
import org.iotevent.evaluate.Evaluator;
import org.iotevent.evaluate.IoTEventsReader;
import org.iotevent.evaluate.leakage.Leakage;
import org.iotevent.evaluate.leakage.LeakageJson;
import org.iotevent.evaluate.leakage.LeakageResult;
import org.iotevent.io.AtomicFileOutput;
import org.iotevent.signature.LabeledSample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iotevent evaluate}: how well the method tells a device's events apart. */
@Command(name = "evaluate",
        header = "Measure how well a device's events can be told apart (accuracy, confusion, k).",
        footerHeading = "%nExample:%n",
        footer = {
            "  iotevent evaluate -r plug-campaign --events plug-campaign/events.csv \\",
            "      --device 192.168.1.100 --json eval.json"},
        mixinStandardHelpOptions = true,
        description = "Measure how well the events can be told apart: repeated seeded stratified 80/20 splits of the "
                + "labelled bursts; accuracy by the paper's formula (4), (TP+TN)/(TP+TN+FP+FN) with 'other' as the "
                + "negative class (an event taken for another event counts as FP), precision and recall per event, "
                + "the confusion matrix, accuracy for each k (the paper's Figure 5), and the bits any eavesdropper "
                + "could learn (kNN mutual information with a bootstrap interval) with the Cover-Hart bound on the "
                + "best attack, per device and per pair of labels. Input: a capture with its "
                + "event log, or --iotevents FILE, the paper authors' published sequences.")
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
            description = "Also write the figures as JSON (keys accuracy, per_event, confusion, accuracy_by_k, k, ...).")
    Path json;

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
            samples = learn.collect(spec.commandLine().getErr()).samples();
            input = learn.capture;
        }
        Evaluator evaluator = new Evaluator(learn.trainer(learn.kCandidates()), k -> learn.trainer(new int[] {k}),
                new TreeSet<>(java.util.Arrays.stream(learn.kCandidates()).boxed().toList()).stream().mapToInt(Integer::intValue)
                        .toArray());
        Evaluation e;
        try {
            e = evaluator.evaluate(samples, repeats, learn.seed);
        } catch (IllegalArgumentException x) {
            throw new UserInputException(input + ": " + x.getMessage());
        }
        print(out, input, samples, e);
        LeakageResult leakage = new Leakage(learn.seed).measure(samples);
        LeakageLines.print(out, leakage, e.accuracy(), true);
        if (json != null) {
            Map<String, String> about = new LinkedHashMap<>();
            about.put("input", input);
            about.put("classifier", learn.classifier);
            try (AtomicFileOutput file = new AtomicFileOutput(json)) {
                ObjectNode tree = EvaluationJson.toJson(e, about);
                LeakageJson.put(tree, leakage);
                EvaluationJson.write(tree, file.stream());
                file.commit();
            }
            out.println("figures written to " + json);
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, String input, List<LabeledSample> samples, Evaluation e) {
        out.printf("%s: %d samples (%s), %d seeded stratified 80/20 splits (seed %d), %d tested per split%n", input,
                e.samples(), labelsOf(samples), e.repeats(), e.seed(),
                e.testedPerRepeat());
        out.printf("accuracy (formula 4): %s  (TP %d, TN %d, FP %d, FN %d), classifier %s, k chosen %s%n",
                LearnOptions.percent(e.accuracy()), e.truePositives(), e.trueNegatives(), e.falsePositives(),
                e.falseNegatives(), learn.classifier, e.k() == 0 ? "n/a" : Integer.toString(e.k()));
        if (!e.accuracyByK().isEmpty()) {
            StringBuilder sb = new StringBuilder("accuracy by k:");
            e.accuracyByK().forEach((k, a) -> sb.append("  k=").append(k).append(' ').append(LearnOptions.percent(a)));
            out.println(sb);
        }
        out.printf("%-24s %10s %8s %8s%n", "event", "precision", "recall", "support");
        e.perEvent().forEach((label, pr) -> out.printf("%-24s %10s %8s %8d%n", label, LearnOptions.percent(pr.precision()),
                LearnOptions.percent(pr.recall()), pr.support()));
        out.println("confusion (rows actual, columns predicted):");
        TreeSet<String> labels = new TreeSet<>(e.perEvent().keySet());
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
