package org.iotevent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.iotevent.evaluate.Evaluator;
import org.iotevent.evaluate.EventReading;
import org.iotevent.evaluate.SignatureTraining;
import org.iotevent.evaluate.leakage.Leakage;
import org.iotevent.io.AtomicFileOutput;
import org.iotevent.signature.Provenance;
import org.iotevent.signature.Signature;
import org.iotevent.signature.SignatureFile;
import org.iotevent.signature.TrainedModel;
import org.iotevent.signature.TrainingReport;
import org.iotevent.traffic.DeviceCensus;
import org.iotevent.traffic.DeviceIdentity;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.Event;
import org.iotevent.traffic.EventPairer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iotevent train}: learn a device's event signature from a capture and its event log. */
@Command(name = "train",
        header = "Learn a device's event signature from a capture and its event log.",
        footerHeading = "%nExample:%n",
        footer = {
            "  iotevent train -r plug-campaign --events plug-campaign/events.csv \\",
            "      --device 192.168.1.100 --privacy on,off -o plug.json"},
        mixinStandardHelpOptions = true,
        description = "Learn which events of a device its traffic betrays: cut the device's packets into bursts (gap "
                + "-a), pair each burst with the event logged up to -b seconds before it (else 'other'), and train "
                + "the classifier on the bursts' signed packet lengths. Writes the signature file and prints the "
                + "events and samples per event, then what an eavesdropper reads, measured by 5-fold cross-validation "
                + "grouped by trigger: events read (mean recall over the events) and false alarms on the device's own "
                + "traffic, recall and precision per event, a verdict per event and per pair of events (can be told "
                + "apart, cannot, undecided), and after them the paper's accuracy (formula 4). The signature records "
                + "the verdicts, then how many bits of which event happened any eavesdropper could learn from the "
                + "bursts, with the highest accuracy any classifier could reach.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LearnOptions learn = new LearnOptions();

    @Option(names = "--privacy", split = ",", paramLabel = "EV",
            description = "Events that betray privacy (detection alerts on them). Default: every event.")
    List<String> privacy;

    @Option(names = "--not-privacy", split = ",", paramLabel = "EV",
            description = "Events that do not betray privacy; every other event does. Not with --privacy.")
    List<String> notPrivacy;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "SIGNATURE.json",
            description = "Where to write the signature (written to a temporary file, then renamed).")
    Path output;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        learn.requireInputs("train");
        AtomicFileOutput.requireWritable(output, CaptureInput.paths(learn.capture, learn.events));
        DeviceSelector selector = learn.deviceOptions.selector(learn.device);
        DeviceCensus census = DevicesCommand.identityCensus(selector);
        learn.census = census;
        LearnOptions.Collected c = learn.collect(err, selector);
        TreeSet<String> eventNames = new TreeSet<>();
        c.events().forEach(e -> eventNames.add(e.name()));
        Set<String> privacyEvents = privacyEvents(eventNames);
        SignatureTraining training = new SignatureTraining(learn.trainer(learn.kCandidates()), c.samples());
        TrainedModel model = training.model();
        EventReading reading; // null leaves the signature without verdicts; report() says why
        try (TrainingProgress progress = new TrainingProgress("cross-validating", learn.quiet, err)) {
            reading = training.crossValidate(learn.seed, c.spanDays(), progress);
        }
        List<Provenance.Input> inputs = new ArrayList<>();
        for (Path p : learn.inputFiles()) {
            inputs.add(Provenance.Input.of(p.equals(Path.of(learn.events)) ? "events" : "capture", p));
        }
        Signature signature = new Signature(c.device(), learn.gapNanos, learn.windowNanos, learn.lengthLayer().key(),
                model.spec(), new ArrayList<>(eventNames), new TreeSet<>(privacyEvents), c.samples(), model.report(),
                new Provenance(Main.toolVersion(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), inputs),
                reading == null ? null : reading.verdicts());
        DeviceIdentity identity = census.finish().identityOf(c.device());
        if (identity != null) {
            signature = signature.withIdentity(identity);
        }
        SignatureFile.write(signature, output);
        report(out, c, model, privacyEvents, reading);
        LeakageLines.print(out, new Leakage(learn.seed).measure(c.samples()), model.report().heldOutAccuracy(), false);
        out.println(identity == null ? "identity: not recorded (the device shows no evidence)"
                : "identity (for detect --match): " + identityText(identity));
        out.println("signature written to " + output);
        out.flush();
        return 0;
    }

    static String identityText(DeviceIdentity id) {
        List<String> parts = new ArrayList<>();
        parts.add(id.names().isEmpty() ? "no names" : "names " + String.join(", ", id.names()));
        if (!id.ouiPrefixes().isEmpty()) {
            parts.add("MAC block " + String.join(", ", id.ouiPrefixes()));
        }
        if (!id.listenPorts().isEmpty()) {
            parts.add("accepts TCP on " + id.listenPorts());
        }
        if (id.heartbeatSeconds() != null) {
            parts.add(String.format(java.util.Locale.ROOT, "heartbeat %.1f s", id.heartbeatSeconds()));
        }
        return String.join("; ", parts);
    }

    private Set<String> privacyEvents(Set<String> eventNames) {
        if (privacy != null && notPrivacy != null) {
            throw new UserInputException("--privacy and --not-privacy exclude each other: name one list");
        }
        List<String> named = privacy != null ? privacy : notPrivacy != null ? notPrivacy : List.of();
        for (String e : named) {
            if (!eventNames.contains(e)) {
                throw new UserInputException((privacy != null ? "--privacy" : "--not-privacy") + ": '" + e
                        + "' is not an event of the log; events: " + eventNames);
            }
        }
        if (privacy != null) {
            return new TreeSet<>(privacy);
        }
        TreeSet<String> all = new TreeSet<>(eventNames);
        all.removeAll(named);
        return all;
    }

    private void report(PrintWriter out, LearnOptions.Collected c, TrainedModel model, Set<String> privacyEvents,
            EventReading reading) {
        out.printf("device %s: %d packets of %d in the capture, %d bursts (a = %s), %d events (b = %s)%n",
                c.device().describe(), c.traffic().stats().devicePackets(), c.traffic().stats().packets(),
                c.samples().size(), Format.nanosAsSeconds(learn.gapNanos), c.events().size(), Format.nanosAsSeconds(learn.windowNanos));
        out.println("  " + learn.parameterNote);
        Map<String, Integer> counts = LearnOptions.countByLabel(c.samples());
        Map<String, Integer> logged = new java.util.TreeMap<>();
        for (Event e : c.events()) {
            logged.merge(e.name(), 1, Integer::sum);
        }
        out.printf("%-24s %7s %8s %s%n", "event", "logged", "samples", "privacy");
        logged.forEach((name, n) -> out.printf("%-24s %7d %8d %s%n", name, n, counts.getOrDefault(name, 0),
                privacyEvents.contains(name) ? "yes" : "no"));
        out.printf("%-24s %7s %8d%n", EventPairer.OTHER, "-", counts.getOrDefault(EventPairer.OTHER, 0));
        if (reading == null) {
            out.println("too few samples to cross-validate: nothing measured, no verdicts recorded");
        } else {
            out.println("what an eavesdropper reads (" + Evaluator.FOLDS + "-fold cross-validation grouped by trigger, "
                    + "each sample predicted once):");
            ReadingText.print(out, reading);
            out.printf("paper's accuracy (formula 4) on the same predictions: %s (TP %d, TN %d, FP %d, FN %d)%n",
                    LearnOptions.percent(reading.paperAccuracy()), reading.truePositives(), reading.trueNegatives(),
                    reading.falsePositives(), reading.falseNegatives());
        }
        TrainingReport r = model.report();
        out.printf("classifier %s %s, chosen by %s (accuracy %s on %d samples)%n", model.spec().name(),
                model.spec().parameters(), r.folds() > 0 ? r.folds() + "-fold cross-validation grouped by trigger"
                        : "a held-out split", LearnOptions.percent(r.heldOutAccuracy()), r.heldOutSamples());
        if (r.tiesToOther() > 0) {
            out.printf("ties to other: %d held-out bursts looked as much like the device's own traffic as like an event; "
                    + "called other (no alert)%n", r.tiesToOther());
        }
        if (!r.candidateAccuracy().isEmpty()) {
            StringBuilder sb = new StringBuilder("  held-out accuracy by candidate:");
            r.candidateAccuracy().forEach((k, v) -> sb.append(' ').append(k.replace("=0", "=")).append(' ')
                    .append(LearnOptions.percent(v)));
            out.println(sb);
        }
    }
}
