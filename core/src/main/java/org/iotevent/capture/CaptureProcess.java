package org.iotevent.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running capture program under a {@link Watchdog}: the program stops (SIGTERM, which makes
 * tcpdump and dumpcap flush and close their files) when this process closes the watchdog's
 * standard input, and also when this JVM dies in any way, even by SIGKILL. So a crashed campaign
 * never leaves a capture running.
 */
public final class CaptureProcess implements AutoCloseable {

    private final Process process;
    private final OutputStream watchdogInput;
    private final Path log;

    private CaptureProcess(Process process, Path log) {
        this.process = process;
        this.watchdogInput = process.getOutputStream();
        this.log = log;
    }

    /**
     * Starts a capture command and waits until it reports that it captures.
     *
     * @param command the capture command line ({@link CaptureTool#fileCommand} or
     *     {@link CaptureTool#streamCommand})
     * @param log file that receives the program's standard error (appended)
     * @param toStdout true to read the packets from {@link #packets()}; false discards stdout
     * @param readyTimeout how long to wait for the program's "listening" line
     * @throws CaptureSetupException when the program exits or stays silent before it captures
     */
    public static CaptureProcess start(CaptureTool tool, List<String> command, Path log, boolean toStdout,
            Duration readyTimeout) throws IOException {
        List<String> argv = Watchdog.terminating("capture-watchdog", command);
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectOutput(toStdout ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD);
        CaptureProcess cp = new CaptureProcess(pb.start(), log);
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        try {
            while (true) {
                String text = cp.logSince(logStart);
                if (text.lines().anyMatch(tool::isReadyLine)) {
                    return cp;
                }
                if (!cp.process.isAlive()) {
                    throw new CaptureSetupException(tool.name() + " exited with status " + cp.process.exitValue()
                            + " before capturing: " + text.strip());
                }
                if (System.nanoTime() > deadline) {
                    cp.close();
                    throw new CaptureSetupException(tool.name() + " did not start capturing within "
                            + readyTimeout.toMillis() + " ms; its messages: " + text.strip());
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            cp.close();
            Thread.currentThread().interrupt();
            throw new CaptureSetupException("interrupted while " + tool.name() + " was starting");
        }
    }

    private String logSince(long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        int from = (int) Math.min(offset, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    /** The program's standard output: the packet stream of a stream command. */
    public InputStream packets() {
        return process.getInputStream();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Exit status of the capture program; only meaningful once {@link #isAlive()} is false. */
    public int exitValue() {
        return process.exitValue();
    }

    /**
     * Stops the capture and waits for it to close its files (up to 10 s, then kills it).
     *
     * @return the program's exit status, or -1 when it had to be killed
     */
    public int stop() throws InterruptedException {
        try {
            watchdogInput.close();
        } catch (IOException ignored) {
            // The watchdog already exited; the pipe is closed either way.
        }
        if (process.waitFor(10, TimeUnit.SECONDS)) {
            return process.exitValue();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        return -1;
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
