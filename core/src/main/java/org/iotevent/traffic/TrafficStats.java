package org.iotevent.traffic;

/**
 * What one pass over a capture saw.
 *
 * @param packets records read
 * @param devicePackets packets counted as the device's
 * @param undecodable packets the decoder stopped on (truncated or malformed), still used when
 *     their addresses and length were decoded; a pass for devices selected by IP address does not
 *     decode (nor count here) an Ethernet IPv4 packet whose addresses are none of theirs
 * @param untimed records without a timestamp, skipped
 * @param firstNanos earliest packet time, or {@code Long.MAX_VALUE} when there was none
 * @param lastNanos latest packet time, or {@code Long.MIN_VALUE} when there was none
 */
public record TrafficStats(
        long packets, long devicePackets, long undecodable, long untimed, long firstNanos, long lastNanos) {
    public TrafficStats {
        if (packets < 0 || devicePackets < 0 || devicePackets > packets || undecodable < 0 || untimed < 0) {
            throw new IllegalArgumentException("impossible packet counts");
        }
    }

    /** True when at least one timed packet was seen. */
    public boolean hasSpan() {
        return firstNanos <= lastNanos;
    }
}
