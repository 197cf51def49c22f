package org.iotevent.campaign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.iotevent.capture.CaptureProcess;
import org.iotevent.capture.CaptureSetupException;
import org.iotevent.capture.CaptureTool;
import org.iotevent.capture.Watchdog;

/**
 * Runs the remaining trials of a campaign while the capture program records: waits the settle
 * time, then triggers one trial per interval, logging each successful trigger to the synced event
 * log. A capture program that dies is restarted into a new file series and the gap journaled.
 *
 * <p>Trigger commands run without a shell, stdin from /dev/null, output appended to
 * {@code triggers.log}. A trigger's timestamp is the moment its command starts (or the moment
 * the operator presses Enter). Retry policy: see {@link Campaign.RetryPolicy}.
 *
 * <p>This is the wall-clock side of the tool: it schedules on {@link System#nanoTime()} and
 * stamps events with {@link Instant#now()}, the clock that the capture program stamps packets
 * with.
 */
public final class CampaignRunner {
    /** Asks an operator to perform a manual trigger. */
    @FunctionalInterface
    public interface Operator {
        /** Returns when the operator has performed the event (pressed Enter). */
        void awaitTrigger(CampaignPlan.Trial trial, String prompt) throws IOException, InterruptedException;
    }

    /** Hears what the runner does, for a progress display. Called on the runner's thread. */
    public interface Listener {
        /** A capture session started writing {@code firstFile}. */
        default void captureStarted(int session, Path firstFile) {}

        /** The runner waits for {@code next}'s time; {@code timeLeft} includes that wait. */
        default void waiting(CampaignPlan.Trial next, int done, int total, Duration timeLeft) {}

        /** {@code trial} was triggered and logged. */
        default void triggered(CampaignPlan.Trial trial, Instant at, int done, int total, Duration timeLeft) {}

        /** An attempt failed; {@code retrying} tells whether another follows. */
        default void attemptFailed(CampaignPlan.Trial trial, int attempt, String reason, boolean retrying) {}

        /** The capture program died and was started again. */
        default void captureRestarted(int session, String reason) {}
    }

    /**
     * What a run did.
     *
     * @param triggered trials triggered and logged in this run
     * @param failed trials whose every attempt failed (still outstanding)
     * @param remaining trials still outstanding after this run, failed ones included
     * @param interrupted true when {@link #stop()} ended the run early
     * @param captureBytes bytes in this session's capture files: a header alone (24 bytes for
     *     pcap) means nothing was captured, a capture that went elsewhere none at all
     */
    public record Summary(int triggered, int failed, int remaining, boolean interrupted, long captureBytes) {}

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final CampaignPlan plan;
    private final CaptureTool tool;
    private final CampaignFolder folder;
    private final Listener listener;
    private final Operator operator;
    private final Duration readyTimeout;
    private volatile boolean stopRequested;
    private volatile Thread runner;
    private CaptureProcess capture;
    private int session;

    public CampaignRunner(CampaignPlan plan, CaptureTool tool, CampaignFolder folder, Listener listener,
            Operator operator) {
        this.plan = plan;
        this.tool = tool;
        this.folder = folder;
        this.listener = listener;
        this.operator = operator;
        this.readyTimeout = Duration.ofSeconds(15);
    }

    /**
     * Checks that every trigger command can be found, before anything starts.
     *
     * @throws CaptureSetupException naming the event and the missing program
     */
    public static void checkTriggers(Campaign campaign) throws CaptureSetupException {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < campaign.events().size(); i++) {
            Campaign.EventSpec e = campaign.events().get(i);
            if (!e.manual() && CaptureTool.onPath(e.command().get(0)).isEmpty()) {
                missing.add("events[" + i + "] '" + e.name() + "': trigger command '" + e.command().get(0)
                        + "' not found" + (e.command().get(0).contains("/") ? " or not executable" : " on PATH"));
            }
        }
        if (!missing.isEmpty()) {
            throw new CaptureSetupException(String.join("; ", missing));
        }
    }

    /** Asks a running {@link #run()} to stop soon: it stops the capture and returns. Thread-safe. */
    public void stop() {
        stopRequested = true;
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * Runs the trials that the event log does not hold yet.
     *
     * @throws IOException when the capture cannot start or the log cannot be written; what was
     *     logged before stays
     */
    public Summary run() throws IOException {
        runner = Thread.currentThread();
        Map<String, Integer> logged = folder.loggedCounts();
        List<CampaignPlan.Trial> todo = plan.remaining(logged);
        int total = plan.trials().size();
        int done = total - todo.size();
        int triggered = 0;
        int failed = 0;
        Duration interval = plan.campaign().interval();
        folder.log("session start: " + done + " of " + total + " trials done, " + todo.size() + " to run");
        try (EventLog events = EventLog.open(folder.eventLog())) {
            startCapture();
            long next = System.nanoTime() + plan.campaign().settle().toNanos();
            for (int i = 0; i < todo.size() && !stopRequested; i++) {
                CampaignPlan.Trial trial = todo.get(i);
                int after = todo.size() - i - 1;
                listener.waiting(trial, done, total, timeLeft(next, after + 1));
                if (!sleepUntil(next)) {
                    break;
                }
                Instant at = attempt(trial);
                if (at == null) {
                    failed++;
                    next = System.nanoTime() + interval.toNanos();
                    continue;
                }
                events.append(at, trial.event().name());
                folder.syncCaptures();
                done++;
                triggered++;
                next = System.nanoTime() + interval.toNanos();
                listener.triggered(trial, at, done, total, timeLeft(next, after));
            }
            if (!stopRequested) {
                sleepUntil(next);
            }
        } finally {
            stopCapture();
            Thread.interrupted();
            runner = null;
        }
        int remaining = plan.remaining(folder.loggedCounts()).size();
        folder.log("session end" + (stopRequested ? " (interrupted)" : "") + ": " + triggered + " triggered, "
                + failed + " failed, " + remaining + " outstanding" + (remaining > 0 ? "; run with --resume to finish" : ""));
        long bytes = sessionCaptureBytes();
        if (triggered > 0 && bytes <= EMPTY_CAPTURE_BYTES) {
            folder.log("warning: this session's capture holds no packet (" + bytes + " bytes): check the interface "
                    + "and the filter");
        }
        return new Summary(triggered, failed, remaining, stopRequested, bytes);
    }

    /** A capture file this small holds at most its header: pcap's is 24 bytes, pcapng's first blocks about 200. */
    public static final long EMPTY_CAPTURE_BYTES = 256;

    /** Bytes in the capture files of the current session. */
    private long sessionCaptureBytes() throws IOException {
        String prefix = String.format("capture-%03d", session);
        long bytes = 0;
        for (Path f : folder.captureFiles()) {
            if (f.getFileName().toString().startsWith(prefix)) {
                bytes += Files.size(f);
            }
        }
        return bytes;
    }

    /** Time until the campaign ends: the wait until {@code nextNanos}, then one interval per trial. */
    private Duration timeLeft(long nextNanos, int trialsFromNext) {
        long wait = Math.max(0, nextNanos - System.nanoTime());
        return Duration.ofNanos(wait).plus(plan.campaign().interval().multipliedBy(trialsFromNext));
    }

    /** Triggers a trial under the retry policy; returns its time, or null when every attempt failed. */
    private Instant attempt(CampaignPlan.Trial trial) throws IOException {
        Campaign.RetryPolicy policy = plan.campaign().retry();
        for (int a = 1; a <= policy.attempts() && !stopRequested; a++) {
            Attempt attempt;
            try {
                attempt = trigger(trial);
            } catch (InterruptedException e) {
                return null;
            }
            String failure = attempt.failure();
            if (failure == null) {
                return attempt.at();
            }
            boolean retrying = a < policy.attempts();
            folder.log("trial " + (trial.index() + 1) + " " + trial.event().name() + " #" + trial.repetition()
                    + " attempt " + a + " failed: " + failure + (retrying ? "; retrying in " + policy.delay().toMillis() + " ms" : "; giving up, not logged"));
            listener.attemptFailed(trial, a, failure, retrying);
            if (retrying && !sleepUntil(System.nanoTime() + policy.delay().toNanos())) {
                return null;
            }
        }
        return null;
    }

    /**
     * One attempt at a trigger.
     *
     * @param at the event's time: when the command started, or when the operator pressed Enter
     * @param failure why the attempt failed, or null when it succeeded
     */
    private record Attempt(Instant at, String failure) {}

    /** Runs one trigger. */
    private Attempt trigger(CampaignPlan.Trial trial) throws IOException, InterruptedException {
        Campaign.EventSpec event = trial.event();
        if (event.manual()) {
            operator.awaitTrigger(trial, event.prompt());
            return new Attempt(Instant.now(), null);
        }
        Path out = folder.triggerLog();
        Files.writeString(out, "# " + Instant.now() + " " + event.name() + " #" + trial.repetition() + ": "
                + String.join(" ", event.command()) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process p;
        Instant at = Instant.now();
        try {
            // the watchdog's input stays open while the trigger runs: closing it, or this JVM dying, kills its group
            p = new ProcessBuilder(Watchdog.killingGroup("trigger-watchdog", event.command())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
        } catch (IOException e) {
            return new Attempt(at, "cannot start " + event.command().get(0) + ": " + e.getMessage());
        }
        try {
            if (!p.waitFor(plan.campaign().triggerTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                kill(p);
                return new Attempt(at, "no exit within " + plan.campaign().triggerTimeout().toMillis() + " ms (killed)");
            }
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        }
        p.getOutputStream().close();
        return new Attempt(at, p.exitValue() == 0 ? null
                : "exit status " + p.exitValue() + " (output in " + CampaignFolder.TRIGGERS + ")");
    }

    private static void kill(Process p) {
        try {
            p.getOutputStream().close(); // the watchdog kills the trigger's whole process group
            p.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // ended below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /**
     * Sleeps until {@code deadline} (System.nanoTime), watching the capture; returns false when
     * asked to stop.
     */
    private boolean sleepUntil(long deadline) throws IOException {
        while (!stopRequested) {
            if (!capture.isAlive()) {
                restartCapture();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, POLL_NANOS));
            } catch (InterruptedException e) {
                return !stopRequested;
            }
        }
        return false;
    }

    private void startCapture() throws IOException {
        session = folder.nextSession();
        Path file = folder.captureFile(session, tool);
        List<String> cmd = tool.fileCommand(plan.campaign().interfaceName(), plan.campaign().filter(), file,
                plan.campaign().capture().rotateMegabytes());
        folder.log("capture session " + session + ": " + String.join(" ", cmd));
        capture = CaptureProcess.start(tool, cmd, folder.captureLog(session), false, readyTimeout);
        listener.captureStarted(session, file);
    }

    private void restartCapture() throws IOException {
        String reason = tool.name() + " exited with status " + capture.exitValue() + " (see "
                + folder.captureLog(session).getFileName() + ")";
        folder.log("capture died: " + reason + "; packets from now until the restart are missing");
        startCapture();
        listener.captureRestarted(session, reason);
    }

    private void stopCapture() throws IOException {
        if (capture == null) {
            return;
        }
        boolean wasInterrupted = Thread.interrupted();
        try {
            int status = capture.stop();
            folder.log("capture session " + session + " stopped (status " + status + ")");
        } catch (InterruptedException e) {
            capture.close();
        }
        folder.syncCaptures();
        capture = null;
        if (wasInterrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
