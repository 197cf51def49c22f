package org.iotevent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.evaluate.defence.CaptureTraces;
import org.iotevent.evaluate.defence.Defence;
import org.iotevent.evaluate.defence.DefenceEvaluation;
import org.iotevent.evaluate.defence.DefenceEvaluator;
import org.iotevent.evaluate.defence.DefenceFile;
import org.iotevent.evaluate.defence.DefenceResult;
import org.iotevent.evaluate.defence.Defences;
import org.iotevent.io.AtomicFileOutput;
import org.iotevent.report.ReportWriter;
import org.iotevent.traffic.Event;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iotevent defend}: each defence applied to the device's traffic, the attack retrained on it. */
@Command(name = "defend",
        header = "Measure defences (padding, shaping, tunnel): what the attack still reads after each and its cost.",
        footerHeading = "%nExample:%n",
        footer = {
            "  iotevent defend -r plug-campaign --events plug-campaign/events.csv \\",
            "      --device 192.168.1.100 --json defences.json"},
        mixinStandardHelpOptions = true,
        description = {"Measure defences: apply each to the device's packets (before burst segmentation), rerun the "
                + "attack with the adversary retraining on the defended traffic (seeded 80/20 splits, as evaluate), and "
                + "report what it still reads after the defence (events read, false alarms, then the paper's accuracy) and its cost: extra bytes (%%), extra packets, added latency, and the "
                + "bits any attack could still learn (with the bound on its accuracy).",
            "Defences: block padding to 16, 64, 256 B and the MTU; random padding (0-255 B, 0 B to MTU); each "
                + "direction padded to its longest packet; constant-rate shaping with cover traffic (20 ms cells for "
                + ">= 1 s, 100 ms cells for >= 5 s); a WireGuard tunnel carrying every device of the home."})
public final class DefendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LearnOptions learn = new LearnOptions();

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "10",
            description = "Seeded splits per defence (default: ${DEFAULT-VALUE}); split r uses seed S + r.")
    int repeats;

    @Option(names = "--only", split = ",", paramLabel = "NAME",
            description = "Run only these defences: block-padding, random-padding, constant-size, shaping, vpn.")
    List<String> only;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the results as JSON (the input of iotevent report --defences).")
    Path json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        learn.requireInputs("defend");
        if (repeats < 1 || repeats > 10_000) {
            throw new UserInputException("--repeats " + repeats + ": expected 1 to 10000");
        }
        if ("-".equals(learn.capture)) {
            throw new UserInputException("defend reads the capture more than once: give a file to -r, not -");
        }
        checkOnly();
        if (json != null) {
            AtomicFileOutput.requireWritable(json, CaptureInput.paths(learn.capture, learn.events));
        }
        LearnOptions.Collected undefended = learn.collect(spec.commandLine().getErr());
        List<Event> events = undefended.events();
        long gap = learn.gapNanos;
        long window = learn.windowNanos;
        CaptureTraces traces;
        PrintWriter err = spec.commandLine().getErr();
        try (Progress progress = Progress.of("reading the traces", List.of(learn.capture), learn.quiet, err);
                PacketSource source = progress.wrap(CaptureInput.open(learn.capture))) {
            traces = CaptureTraces.read(source, new LinkDecoder(), undefended.device());
        }
        List<Defence> defences = Defences.standard(coverRate(events)).stream()
                .filter(d -> only == null || only.contains(d.name())).toList();
        if (!learn.quiet) {
            err.println("iotevent: defend: retraining the attack after each of " + defences.size() + " defences, "
                    + repeats + " split(s) each");
            err.flush();
        }
        String attack = "classifier " + learn.classifier + ", k from " + Arrays.toString(learn.kCandidates()) + ", a = "
                + Format.nanosAsSeconds(learn.gapNanos) + ", b = " + Format.nanosAsSeconds(learn.windowNanos);
        DefenceEvaluation result = new DefenceEvaluator(gap, window, learn.trainer(learn.kCandidates()), repeats,
                learn.seed).run(learn.device, learn.capture, learn.events, attack, traces, events, defences);
        out.println(attack + (learn.parameterNote.isEmpty() ? "" : " (" + learn.parameterNote.replace("\n  ", "; ") + ")"));
        print(out, result, traces);
        if (json != null) {
            ReportWriter.write(DefenceFile.toJson(result), json);
            out.println("results written to " + json);
        }
        out.flush();
        return 0;
    }

    /** As many cover on-periods as the log has triggers, spread over the log's span. */
    private static double coverRate(List<Event> events) {
        double span = (events.get(events.size() - 1).timeNanos() - events.get(0).timeNanos()) / 1e9;
        return span <= 0 ? 0 : events.size() / span;
    }

    /** Refuses an unknown {@code --only} name before the capture is read. */
    private void checkOnly() {
        List<String> names = Defences.standard(0).stream().map(Defence::name).distinct().toList();
        for (String name : only == null ? List.<String>of() : only) {
            if (!names.contains(name)) {
                throw new UserInputException("--only " + name + ": not a defence; defences: " + String.join(", ", names));
            }
        }
    }

    private void print(PrintWriter out, DefenceEvaluation e, CaptureTraces traces) {
        out.printf("device %s: %d packets of %d in the capture; the home's uplink: %d packets%s%n", e.device(),
                traces.device().size(), traces.packets(), traces.home().size(),
                traces.homeIsDevice() ? " (only this device could be told apart)" : "");
        // what the attack reads leads: formula (4) counts the device's own bursts, which no defence
        // needs to hide, so it stays high while the events are no longer read
        out.printf("%-16s %-34s %11s %12s %12s %11s %10s %9s %9s %7s  %s%n", "defence", "setting", "events read",
                "false alarms", "extra bytes", "extra pkts", "latency", "acc. (4)", "guessing", "bursts",
                "bits leaked [95 %] of possible, best accuracy");
        row(out, e.baseline());
        e.results().forEach(r -> row(out, r));
        out.println("events read: mean over the events of the share of their bursts the retrained attack labels right; "
                + "false alarms: share of the device's own bursts it labels as an event; acc. (4): the paper's accuracy "
                + "(formula 4, own traffic included); guessing: share of the commonest label; bits leaked: what any attack "
                + "on the defended bursts could learn about the event (own traffic included), the bound on any "
                + "classifier's accuracy, and the bits between the events alone");
    }

    private static void row(PrintWriter out, DefenceResult r) {
        DefenceResult.Leakage l = r.leakage();
        String bits = l == null ? "n/a" : String.format(Locale.ROOT, "%.2f [%.2f, %.2f] of %.2f, <= %s", l.bits().value(),
                l.bits().low(), l.bits().high(), l.entropyBits(), LearnOptions.percent(l.bestAccuracy()))
                + (l == null || l.eventBits() == null ? "" : String.format(Locale.ROOT, "; events alone %.2f [%.2f, %.2f] of %.2f",
                        l.eventBits().value(), l.eventBits().low(), l.eventBits().high(), l.eventEntropyBits()));
        out.printf(Locale.ROOT, "%-16s %-34s %11s %12s %10.1f %% %11d %7.1f ms %9s %9s %7d  %s%n", r.defence(),
                r.setting(), LearnOptions.percent(r.eventsRead()), LearnOptions.percent(r.falseAlarmRate()),
                r.extraBytesPercent(), r.extraPackets(), r.addedLatencyMillis(), LearnOptions.percent(r.accuracy()),
                LearnOptions.percent(r.majorityShare()), r.bursts(), bits);
    }
}
