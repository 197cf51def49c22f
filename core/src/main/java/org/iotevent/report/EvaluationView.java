package org.iotevent.report;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The parts of an evaluation the report draws.
 *
 * @param accuracy formula (4) accuracy in [0, 1]
 * @param k the k chosen (0 when the classifier has none)
 * @param accuracyByK formula (4) accuracy for each k swept (the paper's Figure 5); may be empty
 * @param labels the labels of the confusion matrix, rows and columns in this order
 * @param confusion counts, {@code confusion[actual][predicted]}, square of {@code labels.size()}
 * @param leakage the bits any eavesdropper could learn, or null when the evaluation has none
 */
public record EvaluationView(
        double accuracy, int k, SortedMap<Integer, Double> accuracyByK, List<String> labels, long[][] confusion,
        LeakageView leakage) {
    /** An evaluation without leakage figures. */
    public EvaluationView(double accuracy, int k, SortedMap<Integer, Double> accuracyByK, List<String> labels,
            long[][] confusion) {
        this(accuracy, k, accuracyByK, labels, confusion, null);
    }

    public EvaluationView {
        if (!(accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("accuracy must lie in [0, 1], found " + accuracy);
        }
        accuracyByK = Collections.unmodifiableSortedMap(new TreeMap<>(accuracyByK));
        for (var e : accuracyByK.entrySet()) {
            if (e.getKey() < 1 || !(e.getValue() >= 0 && e.getValue() <= 1)) {
                throw new IllegalArgumentException("accuracy by k: impossible entry k=" + e.getKey() + " -> " + e.getValue());
            }
        }
        labels = List.copyOf(labels);
        long[][] copy = new long[confusion.length][];
        if (confusion.length != labels.size()) {
            throw new IllegalArgumentException("confusion matrix has " + confusion.length + " rows for " + labels.size() + " labels");
        }
        for (int i = 0; i < confusion.length; i++) {
            if (confusion[i].length != labels.size()) {
                throw new IllegalArgumentException("confusion row " + i + " has " + confusion[i].length + " columns for "
                        + labels.size() + " labels");
            }
            for (long c : confusion[i]) {
                if (c < 0) {
                    throw new IllegalArgumentException("a negative count in the confusion matrix");
                }
            }
            copy[i] = confusion[i].clone();
        }
        confusion = copy;
    }

    @Override
    public long[][] confusion() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** The count of samples of {@code labels[actual]} labelled {@code labels[predicted]}. */
    public long count(int actual, int predicted) {
        return confusion[actual][predicted];
    }
}
