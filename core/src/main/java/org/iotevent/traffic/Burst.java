package org.iotevent.traffic;

import java.util.Arrays;

/**
 * A run of the device's packets with no gap longer than the segmenter's {@code a} between
 * consecutive ones (the paper's "packet sequence"). Immutable. A class, not a record, so that the
 * segmenter can hand over the array it filled and a classifier can read it, without the two copies
 * a record's defensive constructor and accessor would make of each of a capture's millions of bursts.
 */
public final class Burst {
    private final long startNanos;
    private final long endNanos;
    private final long firstFrame;
    private final long lastFrame;
    private final int[] signedLengths;

    /**
     * @param startNanos packet time of the first packet, nanoseconds since the epoch
     * @param endNanos latest packet time in the burst, {@code >= startNanos}
     * @param firstFrame frame number (from 1) of the first packet in the capture
     * @param lastFrame frame number of the last packet
     * @param signedLengths one entry a packet in capture order: the IP-layer length in bytes,
     *     positive towards the device, negative from it; never 0, at least one entry (copied)
     */
    public Burst(long startNanos, long endNanos, long firstFrame, long lastFrame, int[] signedLengths) {
        this(signedLengths.clone(), startNanos, endNanos, firstFrame, lastFrame);
    }

    /** The burst of the array {@code owned}, kept (the public constructor's copy, or {@link #owning}'s). */
    private Burst(int[] owned, long startNanos, long endNanos, long firstFrame, long lastFrame) {
        if (owned.length == 0) {
            throw new IllegalArgumentException("a burst has at least one packet");
        }
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("burst ends at " + endNanos + " ns before it starts at " + startNanos);
        }
        for (int l : owned) {
            if (l == 0) {
                throw new IllegalArgumentException("a packet length of 0 in a burst");
            }
        }
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.firstFrame = firstFrame;
        this.lastFrame = lastFrame;
        this.signedLengths = owned;
    }

    /** A burst that keeps {@code owned}, an array no one else holds (the segmenter's copy of its lengths). */
    static Burst owning(long startNanos, long endNanos, long firstFrame, long lastFrame, int[] owned) {
        return new Burst(owned, startNanos, endNanos, firstFrame, lastFrame);
    }

    /** Packet time of the first packet, nanoseconds since the epoch. */
    public long startNanos() {
        return startNanos;
    }

    /** Latest packet time in the burst, {@code >= startNanos}. */
    public long endNanos() {
        return endNanos;
    }

    /** Frame number (from 1) of the first packet in the capture. */
    public long firstFrame() {
        return firstFrame;
    }

    /** Frame number of the last packet. */
    public long lastFrame() {
        return lastFrame;
    }

    /** A copy of the signed lengths. */
    public int[] signedLengths() {
        return signedLengths.clone();
    }

    /**
     * The signed lengths themselves, not a copy, for a caller that only reads them while it holds
     * the burst (a classifier labelling each burst of a capture): never to be changed.
     */
    public int[] sharedSignedLengths() {
        return signedLengths;
    }

    /** Number of packets, the paper's n. */
    public int packetCount() {
        return signedLengths.length;
    }

    @Override
    public String toString() {
        return "Burst[startNanos=" + startNanos + ", endNanos=" + endNanos + ", firstFrame=" + firstFrame + ", lastFrame="
                + lastFrame + ", signedLengths=" + Arrays.toString(signedLengths) + "]";
    }
}
