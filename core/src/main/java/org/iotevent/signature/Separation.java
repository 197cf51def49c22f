package org.iotevent.signature;

import java.util.List;

/**
 * How well one event is told from the device's own traffic, or two events from each other: right
 * readings among counted triggers, the accuracy, its 95 % interval, the chance level, an exact
 * one-sided p-value against chance, and the verdict. The evaluation package computes it (and
 * defines the accuracy of each kind); the signature file records it.
 *
 * @param events one event (told from the device's own traffic) or two events, sorted
 * @param right triggers read right, {@code 0 <= right <= units}
 * @param units triggers counted
 * @param accuracy the accuracy the verdict is about, in [0, 1]; NaN when nothing could be counted
 * @param chance the accuracy a reader that cannot tell the classes apart gets, in [0, 1]
 * @param low lower end of the 95 % interval on the accuracy
 * @param high upper end
 * @param pValue exact one-sided p-value of an accuracy this high or higher under chance
 * @param verdict the verdict
 * @param moreUnits when undecided: about how many more units at the observed rate would decide it;
 *     0 when decided, -1 when no number up to the search's limit would
 */
public record Separation(List<String> events, int right, int units, double accuracy, double chance, double low, double high,
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
        if (!(Double.isNaN(accuracy) || accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("accuracy must lie in [0, 1], found " + accuracy);
        }
        if (low > high) {
            throw new IllegalArgumentException("interval [" + low + ", " + high + "] is empty");
        }
        if (verdict == null || moreUnits < -1) {
            throw new IllegalArgumentException("a separation needs a verdict and more units >= -1");
        }
    }
}
