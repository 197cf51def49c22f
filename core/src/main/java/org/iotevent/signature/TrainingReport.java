package org.iotevent.signature;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What training measured by cross-validation inside its samples (grouped stratified folds, each
 * testable sample held out once: see the trainers), or, in signatures written before that, on one
 * seeded held-out split ({@code folds} 0). A sample counts as right when it gets its own label, or
 * when it is {@code other} and the classifier says {@code unknown} (no alert either way:
 * {@link Classifiers#right}).
 *
 * @param heldOutAccuracy fraction of held-out samples labelled right with the chosen parameters, in
 *     [0, 1]; NaN when there were too few samples to hold any out
 * @param heldOutSamples number of held-out samples
 * @param candidateAccuracy held-out accuracy of each candidate setting (e.g. {@code "k=3"}), in [0, 1]
 * @param confusions held-out samples labelled as another class, grouped by (actual, predicted)
 * @param folds cross-validation folds that held samples out; 0 for one held-out split or none
 * @param tiesToOther held-out samples labelled {@code other} by the tie rule with the chosen
 *     parameters ({@link Prediction#tieToOther()})
 */
public record TrainingReport(double heldOutAccuracy, int heldOutSamples, SortedMap<String, Double> candidateAccuracy,
        List<Confusion> confusions, int folds, int tiesToOther) {

    /** A report of one held-out split, with no tie counted. */
    public TrainingReport(double heldOutAccuracy, int heldOutSamples, SortedMap<String, Double> candidateAccuracy,
            List<Confusion> confusions) {
        this(heldOutAccuracy, heldOutSamples, candidateAccuracy, confusions, 0, 0);
    }

    public TrainingReport {
        if (!Double.isNaN(heldOutAccuracy) && (heldOutAccuracy < 0 || heldOutAccuracy > 1)) {
            throw new IllegalArgumentException("held-out accuracy must lie in [0, 1], found " + heldOutAccuracy);
        }
        if (heldOutSamples < 0 || folds < 0 || tiesToOther < 0 || tiesToOther > heldOutSamples) {
            throw new IllegalArgumentException("impossible training counts: " + heldOutSamples + " held out, " + folds
                    + " folds, " + tiesToOther + " ties to other");
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
