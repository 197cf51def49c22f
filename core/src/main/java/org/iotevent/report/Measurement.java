package org.iotevent.report;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.iotevent.signature.Verdicts;

/**
 * One evaluation's headline figures, as its JSON gives them: where they were measured and what an
 * eavesdropper reads there.
 *
 * @param vantage where the eavesdropper sat (e.g. {@code WAN}, {@code WiFi}), or null when the
 *     evaluation does not say (then it is the capture it was measured on)
 * @param method how it was measured, e.g. {@code cross-validation}; empty when unknown
 * @param input the capture it was measured on, as named in the JSON; empty when unknown
 * @param verdicts events read, false alarms and the verdicts
 * @param accuracy the paper's formula (4), in [0, 1]
 * @param leakage bits any eavesdropper could learn, or null when not measured
 * @param reads per event, its triggers and how many were named right
 */
public record Measurement(String vantage, String method, String input, Verdicts verdicts, double accuracy,
        LeakageView leakage, SortedMap<String, Reads> reads) {
    public Measurement {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(verdicts, "verdicts");
        reads = Collections.unmodifiableSortedMap(new TreeMap<>(reads));
    }

    /** The name of this measurement in a column heading: the vantage point, else the capture's file name. */
    public String name() {
        if (vantage != null) {
            return vantage;
        }
        return input.isEmpty() ? "measured" : input.substring(Math.max(input.lastIndexOf('/'), input.lastIndexOf('\\')) + 1);
    }

    /**
     * One event's triggers in the measured session.
     *
     * @param triggers triggers of the event, {@code >= 0}
     * @param read those named right, {@code 0 <= read <= triggers}
     */
    public record Reads(int triggers, int read) {
        public Reads {
            if (triggers < 0 || read < 0 || read > triggers) {
                throw new IllegalArgumentException("impossible reads: " + read + " of " + triggers + " triggers");
            }
        }
    }
}
