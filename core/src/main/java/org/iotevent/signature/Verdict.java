package org.iotevent.signature;

import java.util.Locale;

/**
 * Whether an eavesdropper can tell two classes apart (an event from another, or an event from the
 * device's own traffic), judged from an exact 95 % interval on an accuracy against its chance level.
 */
public enum Verdict {
    /** The interval lies above chance. */
    DISTINGUISHABLE,
    /** The interval lies within the stated margin around chance. */
    INDISTINGUISHABLE,
    /** Neither: too few triggers to say. */
    UNDECIDED;

    /** The name as files and JSON write it, e.g. {@code distinguishable}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The verdict written as {@link #text()}. */
    public static Verdict parse(String text) {
        for (Verdict v : values()) {
            if (v.text().equals(text)) {
                return v;
            }
        }
        throw new IllegalArgumentException("expected distinguishable, indistinguishable or undecided, found '" + text + "'");
    }
}
