package org.iotevent.detect;

import java.io.IOException;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Puts the detections of several devices into one stream in order of their start time. Each
 * device's bursts close in order, but a burst of one device can close after a later-starting
 * burst of another: a detection is held until no burst that is still open (its start given as
 * the watermark) can start before it. Holds only detections that overlap an open burst.
 */
public final class TimeOrder {
    private final DetectionSink out;
    private final PriorityQueue<Detection> held = new PriorityQueue<>(
            Comparator.comparingLong((Detection d) -> d.event().startNanos()).thenComparing(Detection::device));

    public TimeOrder(DetectionSink out) {
        this.out = out;
    }

    /**
     * The one detection held when no other is (most of the time: a burst seldom overlaps another
     * device's), kept out of the queue; null when none or several are held.
     */
    private Detection alone;

    /** Holds one detection. */
    public void add(Detection d) {
        if (alone == null && held.isEmpty()) {
            alone = d;
            return;
        }
        if (alone != null) {
            held.add(alone);
            alone = null;
        }
        held.add(d);
    }

    /**
     * Writes the held detections that start before {@code watermarkNanos}, the start of the
     * earliest burst still open on any device ({@code Long.MAX_VALUE} when none is).
     */
    public void release(long watermarkNanos) throws IOException {
        if (alone != null) {
            if (alone.event().startNanos() < watermarkNanos) {
                Detection d = alone;
                alone = null;
                out.accept(d);
            }
            return;
        }
        while (!held.isEmpty() && held.peek().event().startNanos() < watermarkNanos) {
            out.accept(held.poll());
        }
    }

    /** Writes every held detection. */
    public void finish() throws IOException {
        if (alone != null) {
            held.add(alone);
            alone = null;
        }
        while (!held.isEmpty()) {
            out.accept(held.poll());
        }
    }
}
