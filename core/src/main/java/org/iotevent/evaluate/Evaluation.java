package org.iotevent.evaluate;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The result of an evaluation. The headline is {@link #reading()}: one out-of-fold prediction per
 * sample from splits grouped by trigger (or one prediction per sample of another session), read per
 * event and per trigger, with verdicts. The tables (TP..FN, per event, confusion) count each sample
 * once from those same predictions. The paper's accuracy, formula (4), is the mean over the repeated
 * seeded stratified 80/20 splits the paper uses ({@code repeats}); {@code accuracyByK} likewise.
 *
 * <p>Counting for the paper's formula (4), accuracy = (TP + TN) / (TP + TN + FP + FN), with
 * {@code other} as the negative class and each test burst counted exactly once: an event labelled
 * right is a TP; {@code other} labelled {@code other} a TN; {@code other} labelled as an event an
 * FP; an event labelled {@code other} an FN; an event labelled as a different event an FP (a
 * wrong alarm). {@code unknown} (an open-set classifier's rejection) raises no alert and counts as
 * {@code other}. Accuracy is thus the fraction of bursts labelled right, by the one rule every
 * accuracy of the tool follows ({@link org.iotevent.signature.Classifiers#right}).
 *
 * @param accuracy the paper's accuracy: formula (4) at the trainer's own choice of k, mean over the
 *     repeated splits (for another session: over its samples), in [0, 1]
 * @param truePositives TP, each sample once (out of fold)
 * @param trueNegatives TN
 * @param falsePositives FP
 * @param falseNegatives FN
 * @param perEvent precision and recall of every actual label, {@code other} included: for an event,
 *     recall per trigger and precision per burst ({@link EventReading}); for {@code other}, per burst
 * @param confusion samples by actual label, then predicted label, each sample once
 * @param accuracyByK formula (4) with k fixed, for each k swept (the paper's Figure 5), counted as
 *     {@code accuracy} is ({@link org.iotevent.signature.Classifiers#right}: {@code unknown} for a burst
 *     of {@code other} is right, for an event an error)
 * @param k the k the trainer chose most often over the repeats (0 when the classifier has no k)
 * @param repeats number of seeded splits
 * @param seed seed of the first split (repeat r uses seed + r)
 * @param samples number of labelled samples
 * @param testedPerRepeat test-side samples in each split
 * @param reading the event-level figures and verdicts
 */
public record Evaluation(
        double accuracy,
        long truePositives,
        long trueNegatives,
        long falsePositives,
        long falseNegatives,
        SortedMap<String, PrecisionRecall> perEvent,
        SortedMap<String, SortedMap<String, Long>> confusion,
        SortedMap<Integer, Double> accuracyByK,
        int k,
        int repeats,
        long seed,
        int samples,
        int testedPerRepeat,
        EventReading reading) {

    public Evaluation {
        if (!(accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("accuracy must lie in [0, 1], found " + accuracy);
        }
        if (repeats < 1 || samples < 1 || testedPerRepeat < 1 || k < 0) {
            throw new IllegalArgumentException("impossible evaluation counts");
        }
        perEvent = Collections.unmodifiableSortedMap(new TreeMap<>(perEvent));
        TreeMap<String, SortedMap<String, Long>> c = new TreeMap<>();
        confusion.forEach((a, row) -> c.put(a, Collections.unmodifiableSortedMap(new TreeMap<>(row))));
        confusion = Collections.unmodifiableSortedMap(c);
        accuracyByK = Collections.unmodifiableSortedMap(new TreeMap<>(accuracyByK));
    }

    /**
     * Precision and recall of one label, one-vs-rest over the pooled confusion matrix.
     *
     * @param precision right / predicted as this label; NaN when never predicted
     * @param recall right / actually this label (for an event: its triggers read); NaN when never present
     * @param support samples that actually carry this label
     */
    public record PrecisionRecall(double precision, double recall, long support) {}
}
