package org.iotevent.report;

import java.util.Objects;

/**
 * One event of a device as the report draws it.
 *
 * @param name the event's name (user-derived)
 * @param privacy true when the user marked it a privacy event
 * @param samples number of training samples of the event
 * @param sequence the event's typical packet sequence and the packets in it that tell the event
 *     apart (see {@link SequenceHighlighter})
 * @param precision the attack's precision on this event in [0, 1], NaN when not evaluated
 * @param recall the attack's recall on this event in [0, 1], NaN when not evaluated
 */
public record EventReport(
        String name,
        boolean privacy,
        int samples,
        SequenceHighlighter.Highlight sequence,
        double precision,
        double recall) {

    /** Recall and precision at or above this mean the eavesdropper reads the event. */
    public static final double READABLE = 0.8;
    /** Recall at or above this (but not readable) means the eavesdropper reads it sometimes. */
    public static final double PARTLY = 0.5;

    public EventReport {
        Objects.requireNonNull(name, "name");
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be >= 0, found " + samples);
        }
        Objects.requireNonNull(sequence, "sequence");
    }

    /** How well an eavesdropper reads this event, from its evaluated precision and recall. */
    public Leak leak() {
        if (Double.isNaN(recall)) {
            return Leak.UNKNOWN;
        }
        if (recall >= READABLE && !(precision < READABLE)) {
            return Leak.READABLE;
        }
        return recall >= PARTLY ? Leak.PARTLY : Leak.HIDDEN;
    }

    /** Whether an eavesdropper can read an event. */
    public enum Leak {
        /** Recall and precision at least {@value EventReport#READABLE}. */
        READABLE("readable"),
        /** Recall at least {@value EventReport#PARTLY}. */
        PARTLY("partly readable"),
        /** Recall below {@value EventReport#PARTLY}. */
        HIDDEN("hidden"),
        /** No evaluation was given. */
        UNKNOWN("not evaluated");

        private final String text;

        Leak(String text) {
            this.text = text;
        }

        /** Human text for the report. */
        public String text() {
            return text;
        }
    }
}
