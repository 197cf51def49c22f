package org.iotevent.detect;

import java.io.Flushable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.iotevent.campaign.CaptureProcess;
import org.iotevent.campaign.CaptureSetupException;
import org.iotevent.campaign.CaptureTool;
import org.iotevent.capture.CaptureFormatException;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.ForwardingPacketSource;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.PacketDecoder;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.DeviceTraffic;
import org.iotevent.traffic.DeviceView;
import org.iotevent.traffic.TrafficStats;

/**
 * Detection on live traffic: the streaming pass of {@link DeviceTraffic#runAll} (read, decode,
 * select each watched device, segment each) plus two things a live stream needs.
 *
 * <ul>
 *   <li>A burst closes while the input is idle: every {@value #TICK_MILLIS} ms, packet time is
 *       advanced by the wall time elapsed since the latest packet arrived, so a burst is reported
 *       about {@code a} + {@value #TICK_MILLIS} ms after its last packet, without waiting for the
 *       next packet. (Packet time itself is never replaced by the wall clock: replaying a file
 *       through a pipe closes bursts on packet time only, since its packets arrive back to back.)
 *   <li>{@link #runCapture} reads a capture program's stream and restarts the program when it
 *       dies, reporting the gap to a {@link Listener}.
 * </ul>
 *
 * <p>Memory stays flat: the pass is {@link DeviceTraffic}'s (a reused record and view), the
 * segmenter bounds a burst's packets, and only counters grow. The segmenter's consumer runs on
 * the reading thread or on the ticker thread, never on both at once.
 */
public final class LiveDetector {
    /** How often an idle input is checked for bursts to close, in milliseconds. */
    public static final long TICK_MILLIS = 10;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final long MIN_BACKOFF_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    /** Hears about the capture program's failures and restarts. */
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

    private final PacketDecoder decoder;
    private final List<DeviceView> views;
    private final List<BurstSegmenter> segmenters;
    private final Flushable output;
    private final ReentrantLock lock = new ReentrantLock();
    private DeviceTraffic.PacketObserver observer;
    private volatile long lastPacketNanos = Long.MIN_VALUE;
    private long lastArrival;
    private long burstsFlushed;
    private IOException outputFailure;
    private volatile boolean stopped;
    private volatile CaptureProcess current;

    /**
     * @param decoder decodes each record
     * @param views select each watched device's packets
     * @param segmenters cut each device's packets into bursts (same order and size as
     *     {@code views}); their consumers label and write each burst
     * @param output flushed after every burst, so each detection leaves at once
     */
    public LiveDetector(PacketDecoder decoder, List<DeviceView> views, List<BurstSegmenter> segmenters, Flushable output) {
        if (views.isEmpty() || views.size() != segmenters.size()) {
            throw new IllegalArgumentException("need one segmenter per device view, found " + views.size() + " views and "
                    + segmenters.size() + " segmenters");
        }
        this.decoder = decoder;
        this.views = List.copyOf(views);
        this.segmenters = List.copyOf(segmenters);
        this.output = output;
    }

    /**
     * Reads {@code source} to its end (a pcap or pcapng stream, such as standard input fed by
     * {@code tcpdump -U --immediate-mode -w -}), then closes the open burst.
     *
     * @throws IOException when the stream is damaged or the output cannot be written; bursts
     *     before the fault were delivered
     */
    public List<TrafficStats> run(PacketSource source) throws IOException {
        return readToEnd(source);
    }

    /**
     * Captures with {@code tool} on an interface until {@link #stop()}, restarting the program
     * (after 0.5 s, doubling up to 30 s while it keeps dying within 10 s) whenever it exits. The
     * open burst is closed when the program dies.
     *
     * @throws CaptureSetupException when the program cannot start the first time
     * @throws IOException when the output cannot be written
     */
    public List<TrafficStats> runCapture(CaptureTool tool, String interfaceName, String filter, Listener listener)
            throws IOException {
        tool.check(interfaceName, filter);
        List<String> command = tool.streamCommand(interfaceName, filter);
        Path log = Files.createTempFile("iotevent-capture-", ".log");
        long backoff = MIN_BACKOFF_MILLIS;
        long downSince = -1;
        List<TrafficStats> total = null;
        try {
            while (!stopped) {
                CaptureProcess cp;
                try {
                    cp = CaptureProcess.start(tool, command, log, true, READY_TIMEOUT);
                } catch (CaptureSetupException e) {
                    if (downSince < 0) {
                        throw e;
                    }
                    listener.captureStopped("restart failed: " + e.getMessage(), lastPacketNanos);
                    backoff = pause(backoff);
                    continue;
                }
                current = cp;
                listener.captureStarted(command);
                if (downSince >= 0) {
                    listener.captureRestarted(Duration.ofNanos(System.nanoTime() - downSince));
                }
                long started = System.nanoTime();
                String cut = "";
                int status;
                try (PacketSource source = CaptureReaders.open(tool.name() + " on " + interfaceName, cp.packets())) {
                    total = add(total, readToEnd(source));
                } catch (CaptureFormatException e) {
                    cut = "; its stream ended mid-record: " + e.getMessage();
                    closeOpenBurst();
                } finally {
                    status = stopQuietly(cp);
                }
                if (stopped) {
                    break;
                }
                downSince = System.nanoTime();
                listener.captureStopped(tool.name() + " exited with status " + status + lastLine(log) + cut, lastPacketNanos);
                backoff = System.nanoTime() - started > TimeUnit.SECONDS.toNanos(10) ? MIN_BACKOFF_MILLIS : backoff;
                backoff = pause(backoff);
            }
        } finally {
            Files.deleteIfExists(log);
        }
        return total != null ? total
                : views.stream().map(v -> new TrafficStats(0, 0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE)).toList();
    }

    private void closeOpenBurst() {
        lock.lock();
        try {
            segmenters.forEach(BurstSegmenter::flush);
            afterSegmenter();
        } finally {
            lock.unlock();
        }
    }

    /** Per-device sums of two sessions' statistics ({@code a} may be null: none yet). */
    private static List<TrafficStats> add(List<TrafficStats> a, List<TrafficStats> b) {
        if (a == null) {
            return b;
        }
        return java.util.stream.IntStream.range(0, b.size()).mapToObj(d -> add(a.get(d), b.get(d))).toList();
    }

    private static TrafficStats add(TrafficStats a, TrafficStats b) {
        return new TrafficStats(a.packets() + b.packets(), a.devicePackets() + b.devicePackets(),
                a.undecodable() + b.undecodable(), a.untimed() + b.untimed(), Math.min(a.firstNanos(), b.firstNanos()),
                Math.max(a.lastNanos(), b.lastNanos()));
    }

    /** Asks {@link #runCapture} to stop the capture and return. Thread-safe. */
    public void stop() {
        stopped = true;
        CaptureProcess cp = current;
        if (cp != null) {
            cp.close();
        }
    }

    /** Shows every packet of the pass to {@code observer} (under the pass's lock), before the segmenters see it. */
    public void observe(DeviceTraffic.PacketObserver observer) {
        this.observer = observer;
    }

    /**
     * Runs {@link DeviceTraffic#runAll} over {@code source} while a ticker closes idle bursts. The
     * pass holds {@link #lock} while it handles a packet and lets go of it only while it waits
     * for the next one ({@link Guarded#next}), so the ticker and the pass never touch a
     * segmenter at once.
     */
    private List<TrafficStats> readToEnd(PacketSource source) throws IOException {
        Thread ticker = new Thread(this::tickLoop, "iotevent-live-ticker");
        ticker.setDaemon(true);
        lock.lock();
        try {
            ticker.start();
            List<TrafficStats> stats = DeviceTraffic.runAll(new Guarded(source), decoder, views, segmenters, observer);
            afterSegmenter();
            if (outputFailure != null) {
                throw outputFailure;
            }
            return stats;
        } finally {
            lock.unlock();
            ticker.interrupt();
            try {
                ticker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The source as the pass sees it: waits for a packet without the lock, notes its arrival. */
    private final class Guarded extends ForwardingPacketSource {
        Guarded(PacketSource source) {
            super(source);
        }

        @Override
        public boolean next(CaptureRecord into) throws IOException {
            afterSegmenter();
            if (outputFailure != null) {
                throw outputFailure;
            }
            lock.unlock();
            boolean more;
            try {
                more = source.next(into);
            } finally {
                lock.lock();
            }
            if (more && into.hasTimestamp) {
                lastPacketNanos = Math.max(lastPacketNanos, into.timestampNanos);
                lastArrival = System.nanoTime();
            }
            return more;
        }
    }

    private void tickLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            lock.lock();
            try {
                if (lastPacketNanos != Long.MIN_VALUE) {
                    long now = lastPacketNanos + (System.nanoTime() - lastArrival);
                    segmenters.forEach(s -> s.advance(now));
                    afterSegmenter();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Flushes the output when a segmenter closed a burst since the last call. Holds the lock. */
    private void afterSegmenter() {
        long bursts = 0;
        for (BurstSegmenter s : segmenters) {
            bursts += s.bursts();
        }
        if (bursts != burstsFlushed && outputFailure == null) {
            burstsFlushed = bursts;
            try {
                output.flush();
            } catch (IOException e) {
                outputFailure = e;
            }
        }
    }

    private long pause(long backoffMillis) {
        try {
            Thread.sleep(backoffMillis);
        } catch (InterruptedException e) {
            stopped = true;
            Thread.currentThread().interrupt();
        }
        return Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
    }

    private static int stopQuietly(CaptureProcess cp) {
        try {
            return cp.stop();
        } catch (InterruptedException e) {
            cp.close();
            Thread.currentThread().interrupt();
            return -1;
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
