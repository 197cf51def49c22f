package org.iotevent.signature;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What training measured on its seeded held-out split.
 *
 * @param heldOutAccuracy fraction of held-out samples labelled right with the chosen parameters, in
 *     [0, 1]; NaN when there were too few samples to hold any out
 * @param heldOutSamples number of held-out samples
 * @param candidateAccuracy held-out accuracy of each candidate setting (e.g. {@code "k=3"}), in [0, 1]
 * @param confusions held-out samples labelled as another class, grouped by (actual, predicted)
 */
public record TrainingReport(
        double heldOutAccuracy, int heldOutSamples, SortedMap<String, Double> candidateAccuracy, List<Confusion> confusions) {
    public TrainingReport {
        if (!Double.isNaN(heldOutAccuracy) && (heldOutAccuracy < 0 || heldOutAccuracy > 1)) {
            throw new IllegalArgumentException("held-out accuracy must lie in [0, 1], found " + heldOutAccuracy);
        }
        if (heldOutSamples < 0) {
            throw new IllegalArgumentException("held-out samples must be >= 0");
        }
        candidateAccuracy = Collections.unmodifiableSortedMap(new TreeMap<>(candidateAccuracy));
        confusions = List.copyOf(confusions);
    }

    /**
     * Held-out samples of {@code actual} labelled {@code predicted}.
     *
     * @param actual the true label
     * @param predicted the label given
     * @param count how many, {@code >= 1}
     * @param of held-out samples of {@code actual}, {@code >= count}
     */
    public record Confusion(String actual, String predicted, int count, int of) {
        public Confusion {
            if (count < 1 || of < count || actual.equals(predicted)) {
                throw new IllegalArgumentException("impossible confusion " + actual + "->" + predicted + " " + count + "/" + of);
            }
        }
    }
}
