package org.iotevent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.iotevent.campaign.Campaign;
import org.iotevent.campaign.CampaignFile;
import org.iotevent.campaign.CampaignFolder;
import org.iotevent.campaign.CampaignPlan;
import org.iotevent.campaign.CampaignRunner;
import org.iotevent.campaign.EventLog;
import org.iotevent.capture.CaptureSetupException;
import org.iotevent.capture.CaptureTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iotevent capture --campaign FILE}: runs a capture campaign (see docs/campaign.md). */
@Command(name = "capture",
        header = "Trigger a device's events again and again while tcpdump records (a campaign).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  iotevent capture --campaign plug.yaml --dry-run",
            "  iotevent capture --campaign plug.yaml -o plug-campaign"},
        mixinStandardHelpOptions = true,
        description = {"Run a capture campaign: trigger each event of a device repeatedly while tcpdump or "
                + "dumpcap records, writing the event log (timestamp,event) as it goes.",
            "Exit status: 0 all trials done, 1 error or trials outstanding (failed or interrupted; finish "
                + "them with --resume)."})
public final class CaptureCommand implements Callable<Integer> {
    /** How progress is shown. */
    enum Progress { AUTO, BAR, LINES }

    @Spec
    CommandSpec spec;

    @Option(names = "--campaign", required = true, paramLabel = "FILE", description = "The campaign YAML file.")
    Path campaignFile;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Campaign folder (default: the campaign's name in the current folder).")
    Path output;

    @Option(names = "--resume", description = "Finish the remaining repetitions into the existing folder.")
    boolean resume;

    @Option(names = "--dry-run", description = "Print the plan, its duration and the checks; capture nothing.")
    boolean dryRun;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar on a terminal, else lines), bar or lines.")
    String progress;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Progress mode;
        try {
            mode = Progress.valueOf(progress.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--progress: expected auto, bar or lines, found '" + progress + "'");
        }
        Campaign campaign = CampaignFile.read(campaignFile);
        String text = Files.readString(campaignFile, StandardCharsets.UTF_8);
        Path dir = output != null ? output : Path.of(campaign.name());
        CampaignPlan plan = CampaignPlan.of(campaign);
        if (dryRun) {
            return dryRun(plan, dir, out);
        }
        CaptureTool tool = CaptureTool.find(campaign.capture().tool());
        tool.check(campaign.interfaceName(), campaign.filter());
        CampaignRunner.checkTriggers(campaign);
        if (!resume && Files.isDirectory(dir) && Files.exists(dir.resolve(CampaignFolder.CAMPAIGN))) {
            throw new CaptureSetupException(dir + " holds a started campaign; add --resume to finish it");
        }
        try (CampaignFolder folder = resume ? CampaignFolder.resume(dir, text) : CampaignFolder.create(dir, text)) {
            int done = plan.trials().size() - plan.remaining(folder.loggedCounts()).size();
            if (done == plan.trials().size()) {
                out.println("campaign " + campaign.name() + " is complete: " + done + " trials in " + dir);
                return 0;
            }
            boolean bar = mode == Progress.BAR || (mode == Progress.AUTO && System.console() != null);
            try (Display display = new Display(plan, done, bar, err)) {
                CampaignRunner runner = new CampaignRunner(plan, tool, folder, display, display::awaitOperator);
                CampaignRunner.Summary summary = StopOnSignal.run(runner::stop, 20, runner::run);
                display.close();
                report(summary, plan, dir, out);
                return summary.remaining() == 0 ? 0 : 1;
            }
        }
    }

    private static void report(CampaignRunner.Summary s, CampaignPlan plan, Path dir, PrintWriter out) {
        int total = plan.trials().size();
        out.println("campaign " + plan.campaign().name() + (s.interrupted() ? " interrupted" : " session finished")
                + ": " + s.triggered() + " triggered now, " + s.failed() + " failed, " + (total - s.remaining())
                + " of " + total + " done; folder " + dir);
        if (s.triggered() > 0 && s.captureBytes() <= CampaignRunner.EMPTY_CAPTURE_BYTES) {
            out.println("warning: this session's capture holds no packet (" + s.captureBytes() + " bytes in "
                    + dir + "/capture-*): check the interface and the filter; the events logged have no traffic");
        }
        if (s.remaining() > 0) {
            out.println(s.remaining() + " trials outstanding: run the same command with --resume to finish them"
                    + (s.failed() > 0 ? " (failures are in " + dir.resolve(CampaignFolder.JOURNAL) + ")" : ""));
        }
        out.flush();
    }

    private int dryRun(CampaignPlan plan, Path dir, PrintWriter out) {
        Campaign c = plan.campaign();
        int n = plan.trials().size();
        out.printf("campaign %s: %d events x %d repetitions = %d trials, %s order%s%n", c.name(), c.events().size(),
                c.repetitions(), n, c.order() == Campaign.Order.RANDOM ? "random" : "round-robin",
                c.order() == Campaign.Order.RANDOM ? " (seed " + c.seed() + ")" : "");
        out.printf("device %s; interface %s; filter '%s'; folder %s%n", describe(c.device()), c.interfaceName(),
                c.filter(), dir);
        out.printf("settle %s, interval %s, trigger timeout %s, %d attempt(s) %s apart%n", human(c.settle()),
                human(c.interval()), human(c.triggerTimeout()), c.retry().attempts(), human(c.retry().delay()));
        Duration total = plan.duration(n);
        out.printf("total duration %s (ends about %s if started now)%n", human(total),
                CLOCK.format(Instant.now().plus(total)));
        out.printf("%6s  %-10s  %-24s  %-11s  %s%n", "trial", "at", "event", "repetition", "trigger");
        for (CampaignPlan.Trial t : plan.trials()) {
            Duration at = c.settle().plus(c.interval().multipliedBy(t.index()));
            Campaign.EventSpec e = t.event();
            out.printf("%6d  %-10s  %-24s  %-11s  %s%n", t.index() + 1, "+" + human(at), e.name(),
                    t.repetition() + "/" + c.repetitions(),
                    e.manual() ? "manual" + (e.prompt().isEmpty() ? "" : ": " + e.prompt()) : String.join(" ", e.command()));
        }
        List<String> problems = new ArrayList<>();
        try {
            CaptureTool tool = CaptureTool.find(c.capture().tool());
            tool.check(c.interfaceName(), c.filter());
            out.println("check: " + tool.name() + " (" + tool.executable() + ") can capture on " + c.interfaceName()
                    + " with this filter");
        } catch (CaptureSetupException e) {
            problems.add(e.getMessage());
        }
        try {
            CampaignRunner.checkTriggers(c);
            out.println("check: every trigger command was found");
        } catch (CaptureSetupException e) {
            problems.add(e.getMessage());
        }
        for (String p : problems) {
            out.println("problem: " + p);
        }
        out.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    private static String describe(Campaign.Device d) {
        List<String> parts = new ArrayList<>(d.addresses());
        if (d.mac() != null) {
            parts.add(d.mac());
        }
        return String.join(", ", parts);
    }

    /** A duration as 1h02m03s, 4m05s, 6.5s or 300ms. */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return ms % 1000 == 0 ? s + "s" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
    }

    /** Shows progress as a bar (me.tongfei.progressbar) or as one line per trial. */
    private static final class Display implements CampaignRunner.Listener, AutoCloseable {
        private final PrintWriter err;
        private final int repetitions;
        private final AtomicReference<Duration> left = new AtomicReference<>(Duration.ZERO);
        private final ProgressBar bar;
        private BufferedReader operatorInput;
        private boolean closed;

        Display(CampaignPlan plan, int done, boolean asBar, PrintWriter err) {
            this.err = err;
            this.repetitions = plan.campaign().repetitions();
            left.set(plan.duration(plan.trials().size() - done));
            bar = !asBar ? null : new ProgressBarBuilder().setTaskName("campaign").setInitialMax(plan.trials().size())
                    .startsFrom(done, Duration.ZERO).setUpdateIntervalMillis(500)
                    .setEtaFunction(state -> Optional.of(left.get()))
                    .setConsumer(new DelegatingProgressBarConsumer(s -> {
                        err.print("\r" + s);
                        err.flush();
                    }, 79)).build();
        }

        @Override
        public void captureStarted(int session, Path firstFile) {
            line("capturing into " + firstFile);
        }

        @Override
        public void waiting(CampaignPlan.Trial next, int done, int total, Duration timeLeft) {
            left.set(timeLeft);
            if (bar != null) {
                bar.setExtraMessage("next " + next.event().name() + " " + next.repetition() + "/" + repetitions);
            }
        }

        @Override
        public void triggered(CampaignPlan.Trial trial, Instant at, int done, int total, Duration timeLeft) {
            left.set(timeLeft);
            if (bar != null) {
                bar.stepTo(done);
            } else {
                line(String.format("[%d/%d] %s %d/%d at %s, %s left", done, total, trial.event().name(),
                        trial.repetition(), repetitions, EventLog.formatTimestamp(at), human(timeLeft)));
            }
        }

        @Override
        public void attemptFailed(CampaignPlan.Trial trial, int attempt, String reason, boolean retrying) {
            line("trigger " + trial.event().name() + " " + trial.repetition() + "/" + repetitions + " attempt "
                    + attempt + " failed: " + reason + (retrying ? "; retrying" : "; not logged, left for --resume"));
        }

        @Override
        public void captureRestarted(int session, String reason) {
            line("capture restarted (session " + session + "): " + reason);
        }

        /** A manual trigger: prompt, then wait for Enter on standard input. */
        void awaitOperator(CampaignPlan.Trial trial, String prompt) throws IOException {
            if (operatorInput == null) {
                operatorInput = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            }
            line(">>> " + trial.event().name() + " " + trial.repetition() + "/" + repetitions + ": "
                    + (prompt.isEmpty() ? "trigger it" : prompt) + ", then press Enter");
            if (operatorInput.readLine() == null) {
                throw new IOException("standard input closed while waiting for the operator to trigger "
                        + trial.event().name());
            }
        }

        private void line(String s) {
            if (bar != null) {
                err.print("\r\033[K");
            }
            err.println(s);
            err.flush();
            if (bar != null) {
                bar.refresh();
            }
        }

        @Override
        public void close() {
            if (bar != null && !closed) {
                closed = true;
                bar.close();
                err.println();
                err.flush();
            }
        }
    }
}
