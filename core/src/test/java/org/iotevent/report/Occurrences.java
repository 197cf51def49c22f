package org.iotevent.report;

/** Counting a marker in rendered or browser-dumped HTML. */
public final class Occurrences {
    private Occurrences() {}

    /** Non-overlapping occurrences of {@code what} in {@code s}. */
    public static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
