package org.iotevent.traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * Pairs bursts with the events that caused them: a burst belongs to an event when its first packet
 * lies within {@code window} (the paper's {@code b}) after the event's timestamp, inclusive at both
 * ends. When the windows of several events contain it, the latest of them wins. Every burst in an
 * event's window is paired with it (an event may cause several bursts). A burst paired with nothing
 * is the device's own traffic, the class {@value #OTHER}.
 */
public final class EventPairer {
    /**
     * Default window {@code b}, nanoseconds (3 s): a device answers an app command within a second or two
     * (the cloud relays it at once), and event logs often carry whole seconds; a longer window also
     * catches the device's periodic traffic that happens to follow the event, which then muddles
     * the event's samples (on PingPong's TP-Link capture: 3 s pairs 11 of 12 events and keeps the
     * held-out accuracy at 97 %, 5 s pairs a keep-alive with almost every event and drops it to 65 %).
     */
    public static final long DEFAULT_WINDOW_NANOS = 3_000_000_000L;
    /** The label of bursts that follow no event. */
    public static final String OTHER = "other";

    private final long[] times;
    private final List<Event> events;
    private final long windowNanos;
    private final int[] bursts;

    /**
     * @param events the event log, sorted by time
     * @param windowNanos the paper's {@code b} in nanoseconds, {@code >= 0}
     */
    public EventPairer(List<Event> events, long windowNanos) {
        if (windowNanos < 0) {
            throw new IllegalArgumentException("window must be >= 0 ns, found " + windowNanos);
        }
        this.events = List.copyOf(events);
        this.windowNanos = windowNanos;
        this.times = new long[events.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = this.events.get(i).timeNanos();
            if (i > 0 && times[i] < times[i - 1]) {
                throw new IllegalArgumentException("events must be sorted by time");
            }
        }
        this.bursts = new int[times.length];
    }

    /** Labels one burst, and counts it towards its event. */
    public LabeledBurst pair(Burst burst) {
        int i = latestAtOrBefore(burst.startNanos());
        if (i >= 0 && burst.startNanos() - times[i] <= windowNanos) {
            bursts[i]++;
            Event e = events.get(i);
            return new LabeledBurst(burst, e.name(), e);
        }
        return new LabeledBurst(burst, OTHER, null);
    }

    private int latestAtOrBefore(long t) {
        int lo = 0;
        int hi = times.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The events that no burst has been paired with so far. */
    public List<Event> unpairedEvents() {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < bursts.length; i++) {
            if (bursts[i] == 0) {
                out.add(events.get(i));
            }
        }
        return out;
    }

    /** How many events lie outside {@code [firstNanos, lastNanos]}, the capture's time span. */
    public static int countOutside(List<Event> events, long firstNanos, long lastNanos) {
        int n = 0;
        for (Event e : events) {
            if (e.timeNanos() < firstNanos || e.timeNanos() > lastNanos) {
                n++;
            }
        }
        return n;
    }
}
