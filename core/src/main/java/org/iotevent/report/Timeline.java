package org.iotevent.report;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a detection run saw in the home, in time order.
 *
 * @param device the device the detections are about (user-derived)
 * @param source the detections file, as the user named it
 * @param entries the detected bursts, sorted by start time on construction
 */
public record Timeline(String device, String source, List<Entry> entries) {
    public Timeline {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(source, "source");
        entries = entries.stream().sorted(Comparator.comparingLong(Entry::startNanos)).toList();
    }

    /**
     * True for the label of a device's own traffic: {@code other}, or {@code DEVICE/other} in a
     * whole-home detection run where every label carries its device's name.
     */
    public static boolean isOther(String event) {
        return event.equals("other") || event.endsWith("/other");
    }

    /**
     * One detected burst.
     *
     * @param startNanos packet time of its first packet, nanoseconds since the epoch
     * @param endNanos packet time of its latest packet, {@code >= startNanos}
     * @param event the event detected, or {@code other}
     * @param privacy true when the event is a privacy event
     * @param packets number of packets, {@code >= 1}
     */
    public record Entry(long startNanos, long endNanos, String event, boolean privacy, int packets) {
        public Entry {
            Objects.requireNonNull(event, "event");
            if (endNanos < startNanos || packets < 1) {
                throw new IllegalArgumentException("impossible detection " + startNanos + ".." + endNanos + " ns, "
                        + packets + " packets");
            }
        }
    }
}
