package org.iotevent.traffic;

/**
 * A run of the device's packets with no gap longer than the segmenter's {@code a} between
 * consecutive ones (the paper's "packet sequence").
 *
 * @param startNanos packet time of the first packet, nanoseconds since the epoch
 * @param endNanos latest packet time in the burst, {@code >= startNanos}
 * @param firstFrame frame number (from 1) of the first packet in the capture
 * @param lastFrame frame number of the last packet
 * @param signedLengths one entry a packet in capture order: the IP-layer length in bytes,
 *     positive towards the device, negative from it; never 0, at least one entry
 */
public record Burst(long startNanos, long endNanos, long firstFrame, long lastFrame, int[] signedLengths) {
    public Burst {
        if (signedLengths.length == 0) {
            throw new IllegalArgumentException("a burst has at least one packet");
        }
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("burst ends at " + endNanos + " ns before it starts at " + startNanos);
        }
        signedLengths = signedLengths.clone();
        for (int l : signedLengths) {
            if (l == 0) {
                throw new IllegalArgumentException("a packet length of 0 in a burst");
            }
        }
    }

    /** A copy of the signed lengths. */
    @Override
    public int[] signedLengths() {
        return signedLengths.clone();
    }

    /** Number of packets, the paper's n. */
    public int packetCount() {
        return signedLengths.length;
    }
}
