package org.iotevent.detect;

/**
 * One burst of the device, labelled.
 *
 * @param startNanos packet time of the burst's first packet, nanoseconds since the epoch
 * @param endNanos packet time of its latest packet, {@code >= startNanos}
 * @param firstFrame frame number of its first packet in the capture
 * @param lastFrame frame number of its last packet
 * @param packets number of packets, {@code >= 1}
 * @param event the event, or {@code other}
 * @param privacy true when {@code event} is one of the signature's privacy events
 * @param distance distance to the nearest training sample of {@code event} (bytes, Euclidean over
 *     signed lengths for the paper's classifier); {@code +Infinity} when no sample was comparable
 */
public record DetectedEvent(
        long startNanos, long endNanos, long firstFrame, long lastFrame, int packets, String event, boolean privacy,
        double distance) {
    public DetectedEvent {
        if (endNanos < startNanos || packets < 1 || event == null || event.isEmpty() || Double.isNaN(distance)
                || distance < 0) {
            throw new IllegalArgumentException("impossible detection: " + startNanos + ".." + endNanos + " ns, " + packets
                    + " packets, event " + event + ", distance " + distance);
        }
    }
}
