package org.iotevent.traffic;

/**
 * Where a device's packets are cut into bursts: the one rule of {@link BurstSegmenter} (the CLI)
 * and the Flink job, which keeps its open bursts in Flink state and so cannot hold a segmenter.
 * A packet more than {@code gapNanos} after the open burst's latest packet starts a new burst; a
 * burst that reaches {@code maxPackets} closes with that packet (memory stays bounded on an endless
 * stream). Pure: it holds no burst.
 *
 * @param gapNanos the paper's {@code a}, nanoseconds, {@code > 0}
 * @param maxPackets bound on the packets of one burst, {@code >= 1}
 */
public record BurstRule(long gapNanos, int maxPackets) {
    public BurstRule {
        if (gapNanos <= 0) {
            throw new IllegalArgumentException("gap must be > 0 ns, found " + gapNanos);
        }
        if (maxPackets < 1) {
            throw new IllegalArgumentException("maxPackets must be >= 1, found " + maxPackets);
        }
    }

    /** The rule with gap {@code gapNanos} and the default bound ({@link BurstSegmenter#DEFAULT_MAX_PACKETS}). */
    public static BurstRule of(long gapNanos) {
        return new BurstRule(gapNanos, BurstSegmenter.DEFAULT_MAX_PACKETS);
    }

    /**
     * True when packet time {@code nowNanos} (of the device's next packet, or any later moment) is
     * more than the gap past the open burst's latest packet at {@code lastNanos}: the burst is over.
     */
    public boolean cuts(long lastNanos, long nowNanos) {
        return nowNanos - lastNanos > gapNanos;
    }

    /**
     * The latest packet time that leaves a burst whose latest packet was at {@code lastNanos} open
     * ({@link #cuts} is false up to it), {@code Long.MAX_VALUE} when that is past the end of time.
     */
    public long deadline(long lastNanos) {
        return lastNanos > Long.MAX_VALUE - gapNanos ? Long.MAX_VALUE : lastNanos + gapNanos;
    }

    /** True when a burst of {@code count} packets is full and closes with its latest packet. */
    public boolean full(int count) {
        return count >= maxPackets;
    }
}
