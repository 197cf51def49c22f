package org.iotevent.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a detection run saw in the home, in time order, and what was triggered when the run's event
 * log is known.
 *
 * @param device the device the detections are about (user-derived)
 * @param source the detections file, as the user named it
 * @param entries the detected bursts, sorted by start time on construction
 * @param triggers the events triggered during the run (its event log), sorted by time; empty when
 *     no log was given
 * @param windowNanos how long after a trigger its burst may start (the pairing window b), {@code >= 0}
 * @param inSample why these detections are scored on the data the signature was trained on, so
 *     they overstate what it reads on new traffic; null when nothing says so
 */
public record Timeline(String device, String source, List<Entry> entries, List<Trigger> triggers, long windowNanos,
        String inSample) {
    public Timeline {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(source, "source");
        entries = entries.stream().sorted(Comparator.comparingLong(Entry::startNanos)).toList();
        triggers = triggers.stream().sorted(Comparator.comparingLong(Trigger::atNanos)).toList();
        if (windowNanos < 0) {
            throw new IllegalArgumentException("the pairing window must be >= 0, found " + windowNanos + " ns");
        }
    }

    /** A timeline without an event log. */
    public Timeline(String device, String source, List<Entry> entries) {
        this(device, source, entries, List.of(), 0, null);
    }

    /** The same detections with the run's event log laid over them. */
    public Timeline withTriggers(List<Trigger> log, long window) {
        return new Timeline(device, source, entries, log, window, inSample);
    }

    /** The same timeline, marked as scored on the signature's own training data, with the reason. */
    public Timeline inSample(String reason) {
        return new Timeline(device, source, entries, triggers, windowNanos, reason);
    }

    /**
     * True for the label of a device's own traffic: {@code other}, or {@code DEVICE/other} in a
     * whole-home detection run where every label carries its device's name.
     */
    public static boolean isOther(String event) {
        return event.equals("other") || event.endsWith("/other");
    }

    /**
     * The event log against the detections: each trigger is hit when a detection of its event starts
     * within the window after it (each detection serves one trigger, the earliest open one); a
     * detection of an event that serves no trigger is a false alarm. Empty lists without a log.
     */
    public Matching match() {
        boolean[] hit = new boolean[triggers.size()];
        List<Entry> falseAlarms = new ArrayList<>();
        for (Entry e : entries) {
            if (isOther(e.event()) || triggers.isEmpty()) {
                continue;
            }
            boolean served = false;
            for (int i = 0; i < triggers.size() && !served; i++) {
                Trigger t = triggers.get(i);
                if (!hit[i] && t.event().equals(e.event()) && e.startNanos() >= t.atNanos()
                        && e.startNanos() - t.atNanos() <= windowNanos) {
                    hit[i] = true;
                    served = true;
                }
            }
            if (!served) {
                falseAlarms.add(e);
            }
        }
        return new Matching(hit, falseAlarms);
    }

    /**
     * The log laid over the detections.
     *
     * @param hit per trigger, in order, whether a detection of its event followed within the window
     * @param falseAlarms detections of an event that followed no trigger of it
     */
    public record Matching(boolean[] hit, List<Entry> falseAlarms) {
        /** Triggers that were detected. */
        public int hits() {
            int n = 0;
            for (boolean h : hit) {
                n += h ? 1 : 0;
            }
            return n;
        }
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

    /**
     * One triggered event of the run's event log.
     *
     * @param atNanos when it was triggered, nanoseconds since the epoch on the capture's clock
     * @param event its name
     */
    public record Trigger(long atNanos, String event) {
        public Trigger {
            Objects.requireNonNull(event, "event");
        }
    }
}
