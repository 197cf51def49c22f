package org.iotevent.traffic;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts the device's packets into bursts, one packet at a time, on packet time: a burst closes when
 * the next packet comes more than {@code gap} after the burst's latest packet, or when
 * {@link #advance} learns that packet time has moved past it, or at {@link #flush}. A packet whose
 * timestamp lies before the burst's latest (reordered captures) joins the burst. A burst reaching
 * {@code maxPackets} is closed there so that memory stays bounded on an endless stream; the next
 * packet starts a new burst. Not thread-safe.
 */
public final class BurstSegmenter {
    /**
     * Default gap {@code a}, nanoseconds (1 s). An app event's exchange (request, response, acknowledgements,
     * the device's report to its cloud) comes in well under a second between packets, while the
     * device's own keep-alives and reports are several seconds apart; 1 s keeps the first together
     * and the second apart.
     */
    public static final long DEFAULT_GAP_NANOS = 1_000_000_000L;
    /** Default upper bound of packets in one burst. */
    public static final int DEFAULT_MAX_PACKETS = 100_000;

    private final BurstRule rule;
    private final Consumer<Burst> out;
    /** The open burst's lengths: at most {@code rule.maxPackets()} long, so it fills when the burst is full. */
    private int[] lengths;
    private int count;
    private long startNanos;
    private long lastNanos;
    private long firstFrame;
    private long lastFrame;
    private long bursts;
    private long splitAtMax;

    /**
     * @param gapNanos the paper's {@code a} in nanoseconds, {@code > 0}
     * @param maxPackets bound on the packets of one burst, {@code >= 1}
     * @param out receives each closed burst
     */
    public BurstSegmenter(long gapNanos, int maxPackets, Consumer<Burst> out) {
        this(new BurstRule(gapNanos, maxPackets), out);
    }

    /**
     * @param rule where bursts are cut
     * @param out receives each closed burst
     */
    public BurstSegmenter(BurstRule rule, Consumer<Burst> out) {
        this.rule = rule;
        this.out = out;
        this.lengths = new int[initialLength()];
    }

    private int initialLength() {
        return Math.min(64, rule.maxPackets());
    }

    /**
     * Adds one of the device's packets.
     *
     * @param timeNanos packet time, nanoseconds since the epoch
     * @param frame the packet's frame number
     * @param signedLength IP-layer length with the direction's sign, non-zero
     */
    public void add(long timeNanos, long frame, int signedLength) {
        // this and append() each under 60 bytecodes, so that a pass inlines the usual packet's add
        if (count == 0 || rule.cuts(lastNanos, timeNanos)) {
            begin(timeNanos, frame);
        }
        append(timeNanos, frame, signedLength);
    }

    private void append(long timeNanos, long frame, int signedLength) {
        lengths[count++] = signedLength;
        lastNanos = Math.max(lastNanos, timeNanos);
        lastFrame = frame;
        if (count == lengths.length) {
            filled();
        }
    }

    /** Before adding a packet at {@code timeNanos}: closes the burst it is past and starts a new one. */
    private void begin(long timeNanos, long frame) {
        advance(timeNanos);
        if (count == 0) {
            startNanos = timeNanos;
            lastNanos = timeNanos;
            firstFrame = frame;
        }
    }

    /** The lengths are full: the burst reached the packet bound (the array never grows past it), or room is made. */
    private void filled() {
        if (rule.full(count)) {
            splitAtMax++;
            flush();
        } else {
            lengths = Arrays.copyOf(lengths, Math.min(rule.maxPackets(), count * 2));
        }
    }

    /** Closes the open burst when {@code nowNanos} (any packet's time) is more than the gap past it. */
    public void advance(long nowNanos) {
        if (count > 0 && rule.cuts(lastNanos, nowNanos)) {
            flush();
        }
    }

    /**
     * The latest packet time at which {@link #advance} leaves the open burst open
     * ({@code Long.MAX_VALUE} when none is): a pass need not advance this segmenter before.
     */
    public long deadline() {
        return count == 0 ? Long.MAX_VALUE : rule.deadline(lastNanos);
    }

    /** Closes the open burst, if any (end of the capture). */
    public void flush() {
        if (count == 0) {
            return;
        }
        int[] copy = Arrays.copyOf(lengths, count);
        count = 0;
        if (lengths.length > 4096) {
            lengths = new int[initialLength()];
        }
        bursts++;
        out.accept(Burst.owning(startNanos, lastNanos, firstFrame, lastFrame, copy));
    }

    /** True when a packet of the device at {@code timeNanos} would begin a new burst. */
    public boolean startsBurst(long timeNanos) {
        return count == 0 || rule.cuts(lastNanos, timeNanos);
    }

    /** Start of the open burst, or {@code Long.MAX_VALUE} when none is open. */
    public long openStartNanos() {
        return count > 0 ? startNanos : Long.MAX_VALUE;
    }

    /** Bursts closed so far. */
    public long bursts() {
        return bursts;
    }

    /** Bursts that were closed because they reached the packet bound. */
    public long splitAtMax() {
        return splitAtMax;
    }
}
