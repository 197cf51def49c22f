package org.iotevent.detect;

import java.io.Flushable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.ForwardingPacketSource;
import org.iotevent.capture.LiveCapture;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.PacketDecoder;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.DeviceTraffic;
import org.iotevent.traffic.DeviceView;
import org.iotevent.traffic.TrafficStats;

/**
 * Detection on live traffic: the streaming pass of {@link DeviceTraffic#runAll} (read, decode,
 * select each watched device, segment each) plus what a live stream needs: a burst closes while
 * the input is idle. On every tick of the {@link Ticker}, packet time is advanced by the wall time
 * elapsed since the latest packet arrived, so a burst is reported about {@code a} + one tick after
 * its last packet, without waiting for the next packet. (Packet time itself is never replaced by
 * the wall clock: replaying a file through a pipe closes bursts on packet time only, since its
 * packets arrive back to back.) On a {@link LiveCapture}, the open bursts close when the capture
 * program dies.
 *
 * <p>Memory stays flat: the pass is {@link DeviceTraffic}'s (a reused record and view), the
 * segmenter bounds a burst's packets, and only counters grow. The segmenter's consumer runs on
 * the reading thread or on the ticker thread, never on both at once.
 */
public final class LiveDetector {
    private final PacketDecoder decoder;
    private final List<DeviceView> views;
    private final List<BurstSegmenter> segmenters;
    private final Flushable output;
    private final Ticker ticker;
    private final ReentrantLock lock = new ReentrantLock();
    private DeviceTraffic.PacketObserver observer;
    private volatile long lastPacketNanos = Long.MIN_VALUE;
    private long lastArrival;
    private long burstsFlushed;
    private IOException outputFailure;

    /**
     * @param decoder decodes each record
     * @param views select each watched device's packets
     * @param segmenters cut each device's packets into bursts (same order and size as
     *     {@code views}); their consumers label and write each burst
     * @param output flushed after every burst, so each detection leaves at once
     * @param ticker the wall clock that closes bursts while the input is idle
     */
    public LiveDetector(PacketDecoder decoder, List<DeviceView> views, List<BurstSegmenter> segmenters, Flushable output,
            Ticker ticker) {
        if (views.isEmpty() || views.size() != segmenters.size()) {
            throw new IllegalArgumentException("need one segmenter per device view, found " + views.size() + " views and "
                    + segmenters.size() + " segmenters");
        }
        this.decoder = decoder;
        this.views = List.copyOf(views);
        this.segmenters = List.copyOf(segmenters);
        this.output = output;
        this.ticker = ticker;
    }

    /**
     * Reads {@code source} to its end (a pcap or pcapng stream, such as standard input fed by
     * {@code tcpdump -U --immediate-mode -w -}, or a {@link LiveCapture} until it is stopped),
     * then closes the open bursts.
     *
     * @throws IOException when the stream is damaged or the output cannot be written; bursts
     *     before the fault were delivered
     */
    public List<TrafficStats> run(PacketSource source) throws IOException {
        if (source instanceof LiveCapture capture) {
            capture.beforeGap(this::closeOpenBursts);
        }
        return readToEnd(source);
    }

    private void closeOpenBursts() {
        lock.lock();
        try {
            segmenters.forEach(BurstSegmenter::flush);
            afterSegmenter();
        } finally {
            lock.unlock();
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
        Thread ticking = new Thread(this::tickLoop, "iotevent-live-ticker");
        ticking.setDaemon(true);
        lock.lock();
        try {
            ticking.start();
            List<TrafficStats> stats = DeviceTraffic.runAll(new Guarded(source), decoder, views, segmenters, observer);
            afterSegmenter();
            if (outputFailure != null) {
                throw outputFailure;
            }
            return stats;
        } finally {
            lock.unlock();
            ticking.interrupt();
            try {
                ticking.join();
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
                lastArrival = ticker.nanoTime();
            }
            return more;
        }
    }

    private void tickLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                ticker.awaitTick();
            } catch (InterruptedException e) {
                return;
            }
            lock.lock();
            try {
                if (lastPacketNanos != Long.MIN_VALUE) {
                    long now = lastPacketNanos + (ticker.nanoTime() - lastArrival);
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
}
