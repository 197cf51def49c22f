package org.iotevent.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Packets captured live on an interface by tcpdump or dumpcap, as one source that ends only at
 * {@link #stop()}: when the program dies it is restarted (after 0.5 s, doubling up to 30 s while
 * it keeps dying within 10 s of starting) and reading goes on from the new stream. A
 * {@link Listener} hears of every start, stop and restart; the packets in between are missing.
 */
public final class LiveCapture implements PacketSource {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final long MIN_BACKOFF_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    /** Hears about the capture program's starts, failures and restarts (on the reading thread). */
    public interface Listener {
        /** The capture program captures (the first time, and after each restart). */
        default void captureStarted(List<String> command) {}

        /**
         * The capture program stopped on its own.
         *
         * @param reason its exit status and last message
         * @param lastPacketNanos time of the latest packet read before, or {@code Long.MIN_VALUE}
         */
        void captureStopped(String reason, long lastPacketNanos);

        /** The capture program runs again after {@code downtime}; packets in between are missing. */
        void captureRestarted(Duration downtime);
    }

    private final CaptureTool tool;
    private final String interfaceName;
    private final List<String> command;
    private final Listener listener;
    private final Path log;
    private volatile boolean stopped;
    private volatile CaptureProcess current;
    private PacketSource packets;
    private long started;
    private long backoff = MIN_BACKOFF_MILLIS;
    private long lastPacketNanos = Long.MIN_VALUE;
    private Runnable beforeGap = () -> {};
    private String cutBeforeHeader = "";

    private LiveCapture(CaptureTool tool, String interfaceName, String filter, Listener listener) throws IOException {
        this.tool = tool;
        this.interfaceName = interfaceName;
        this.command = tool.streamCommand(interfaceName, filter);
        this.listener = listener;
        this.log = Files.createTempFile("iotevent-capture-", ".log");
    }

    /**
     * Checks the interface and filter and starts capturing.
     *
     * @throws CaptureSetupException when the program cannot start
     */
    public static LiveCapture start(CaptureTool tool, String interfaceName, String filter, Listener listener)
            throws IOException {
        tool.check(interfaceName, filter);
        LiveCapture c = new LiveCapture(tool, interfaceName, filter, listener);
        try {
            c.begin(CaptureProcess.start(tool, c.command, c.log, true, READY_TIMEOUT));
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void begin(CaptureProcess cp) throws IOException {
        current = cp;
        started = System.nanoTime();
        listener.captureStarted(command);
        try {
            packets = CaptureReaders.open(name(), cp.packets());
        } catch (CaptureFormatException e) {
            // the program died before its stream's header: the next read reports it and restarts
            packets = null;
            cutBeforeHeader = "; its stream ended before the header: " + e.getMessage();
        }
    }

    /** Reads on across restarts; false once {@link #stop()} was called. */
    @Override
    public boolean next(CaptureRecord into) throws IOException {
        while (!stopped) {
            String cut = packets == null ? cutBeforeHeader : "";
            try {
                if (packets != null && packets.next(into)) {
                    if (into.hasTimestamp) {
                        lastPacketNanos = Math.max(lastPacketNanos, into.timestampNanos);
                    }
                    return true;
                }
            } catch (CaptureFormatException e) {
                cut = "; its stream ended mid-record: " + e.getMessage();
            }
            int status = endSession();
            if (stopped) {
                break;
            }
            beforeGap.run();
            listener.captureStopped(tool.name() + " exited with status " + status + lastLine(log) + cut, lastPacketNanos);
            restart();
        }
        return false;
    }

    /** Stops the program of the ended session; its exit status, -1 when it had to be killed. */
    private int endSession() throws IOException {
        CaptureProcess cp = current;
        if (packets != null) {
            packets.close();
            packets = null;
        }
        if (cp == null) {
            return -1;
        }
        try {
            return cp.stop();
        } catch (InterruptedException e) {
            cp.close();
            Thread.currentThread().interrupt();
            stopped = true;
            return -1;
        }
    }

    /** Starts the program again after the back-off, until it captures or {@link #stop()} is called. */
    private void restart() throws IOException {
        long downSince = System.nanoTime();
        if (downSince - started > TimeUnit.SECONDS.toNanos(10)) {
            backoff = MIN_BACKOFF_MILLIS;
        }
        while (!stopped) {
            pause();
            if (stopped) {
                return;
            }
            CaptureProcess cp;
            try {
                cp = CaptureProcess.start(tool, command, log, true, READY_TIMEOUT);
            } catch (CaptureSetupException e) {
                listener.captureStopped("restart failed: " + e.getMessage(), lastPacketNanos);
                continue;
            }
            begin(cp);
            listener.captureRestarted(Duration.ofNanos(System.nanoTime() - downSince));
            return;
        }
    }

    private void pause() {
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            stopped = true;
            Thread.currentThread().interrupt();
        }
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
    }

    /**
     * Runs {@code action} on the reading thread when the program has died, before the listener
     * hears of it (live detection closes its open bursts there: no packet will join them).
     */
    public void beforeGap(Runnable action) {
        this.beforeGap = action;
    }

    @Override
    public String name() {
        return tool.name() + " on " + interfaceName;
    }

    /** Stops capturing: the blocked or next {@link #next} returns false. Thread-safe. */
    public void stop() {
        stopped = true;
        CaptureProcess cp = current;
        if (cp != null) {
            cp.close();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        try {
            if (packets != null) {
                packets.close();
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return " (" + lines.get(i).strip() + ")";
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }
}
