package org.iotevent.signature;

import java.util.List;

/**
 * How well one event is told from the device's own traffic, or two events from each other: a
 * count of right readings among units (triggers, or bursts of the device's own traffic), its exact
 * 95 % interval, the chance level, the exact binomial p-value against chance, and the verdict.
 * The evaluation package computes it; the signature file records it.
 *
 * @param events one event (told from the device's own traffic) or two events, sorted
 * @param right units read right, {@code 0 <= right <= units}
 * @param units units counted
 * @param chance the accuracy a reader that cannot tell the classes apart gets, in [0, 1]
 * @param low lower end of the 95 % interval on {@code right / units}
 * @param high upper end
 * @param pValue one-sided exact binomial p-value of {@code right} or more under chance
 * @param verdict the verdict
 * @param moreUnits when undecided: about how many more units at the observed rate would decide it;
 *     0 when decided, -1 when no number up to the search's limit would
 */
public record Separation(List<String> events, int right, int units, double chance, double low, double high,
        double pValue, Verdict verdict, int moreUnits) {
    public Separation {
        events = List.copyOf(events);
        if (events.isEmpty() || events.size() > 2) {
            throw new IllegalArgumentException("a separation is about one or two events, found " + events);
        }
        if (right < 0 || units < right) {
            throw new IllegalArgumentException("impossible count " + right + " of " + units);
        }
        for (double v : new double[] {chance, low, high, pValue}) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("chance, interval and p-value must lie in [0, 1], found " + v);
            }
        }
        if (low > high) {
            throw new IllegalArgumentException("interval [" + low + ", " + high + "] is empty");
        }
        if (verdict == null || moreUnits < -1) {
            throw new IllegalArgumentException("a separation needs a verdict and more units >= -1");
        }
    }

    /** {@code right / units}; NaN when nothing was counted. */
    public double accuracy() {
        return units == 0 ? Double.NaN : (double) right / units;
    }
}
