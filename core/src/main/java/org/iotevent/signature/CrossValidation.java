package org.iotevent.signature;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Grouped stratified k-fold cross-validation inside a training set, how the trainers choose their
 * parameters without setting data aside: every testable sample is labelled once by a classifier
 * trained on the other folds, so a small training set is not cut down further by a held-out split
 * whose few samples make the choice a coin toss.
 *
 * <p>Folds come from {@link StratifiedSplit#groupedFolds}: the bursts of one trigger never sit on
 * both sides. A label with fewer than two triggers cannot be tested (nothing of it would remain to
 * learn from), so its samples stay on the training side of every fold, as a single-sample label
 * stays in training in {@link StratifiedSplit#testMask}; a label with at most {@value #FOLDS}
 * triggers has one trigger a fold (leave-one-trigger-out for that label). One seeded round of
 * {@value #FOLDS} folds: measured on the IoTEvents files (docs/learn.md), leave-one-out and repeated
 * rounds chose worse, since they estimate more precisely a figure that, on a dozen samples, says
 * little about which setting is best on new bursts.
 */
final class CrossValidation {
    /** Folds. */
    static final int FOLDS = 5;

    /** The fold of a sample that is never tested. */
    static final int ALWAYS_TRAINED = -1;

    private CrossValidation() {}

    /**
     * Assigns the folds.
     *
     * @return per sample its fold in {@code [0, FOLDS)}, or {@link #ALWAYS_TRAINED}
     */
    static int[] folds(List<LabeledSample> samples, long seed) {
        int[] fold = samples.isEmpty() ? new int[0] : StratifiedSplit.groupedFolds(samples, FOLDS, seed);
        // label -> its triggers, a group counting under the label of its first sample as groupedFolds does
        Map<Long, String> labelOfGroup = new HashMap<>();
        Map<String, Integer> groups = new HashMap<>();
        for (LabeledSample s : samples) {
            if (s.trigger() == LabeledSample.OWN_GROUP) {
                groups.merge(s.label(), 1, Integer::sum);
            } else if (labelOfGroup.putIfAbsent(s.trigger(), s.label()) == null) {
                groups.merge(s.label(), 1, Integer::sum);
            }
        }
        for (int i = 0; i < fold.length; i++) {
            LabeledSample s = samples.get(i);
            String label = s.trigger() == LabeledSample.OWN_GROUP ? s.label() : labelOfGroup.get(s.trigger());
            if (groups.get(label) < 2) {
                fold[i] = ALWAYS_TRAINED;
            }
        }
        return fold;
    }

    /** Labels the held-out samples of one fold with every candidate setting. */
    @FunctionalInterface
    interface Fold {
        /**
         * @param trainSide the samples of the other folds
         * @param testSide the samples held out
         * @return per held-out sample (same order), per candidate (order of the keys), the prediction
         */
        Prediction[][] predict(List<LabeledSample> trainSide, List<LabeledSample> testSide);
    }

    /**
     * The chosen candidate and what the cross-validation measured with it.
     *
     * @param best index of the chosen candidate among the keys
     * @param report the out-of-fold figures
     */
    record Result(int best, TrainingReport report) {}

    /**
     * The out-of-fold predictions of every candidate, from which several trainers choose among their own
     * candidates ({@link Outcome#choose}): a trainer and the same trainer with k fixed share one
     * cross-validation.
     */
    static Outcome predict(List<LabeledSample> samples, List<String> keys, long seed, Fold fold) {
        int[] assigned = folds(samples, seed);
        List<LabeledSample> actual = new ArrayList<>();
        List<Prediction[]> predicted = new ArrayList<>();
        int folds = 0;
        for (int f = 0; f < FOLDS; f++) {
            List<LabeledSample> trainSide = new ArrayList<>();
            List<LabeledSample> testSide = new ArrayList<>();
            for (int i = 0; i < assigned.length; i++) {
                (assigned[i] == f ? testSide : trainSide).add(samples.get(i));
            }
            if (testSide.isEmpty()) {
                continue;
            }
            folds++;
            Prediction[][] p = fold.predict(trainSide, testSide);
            for (int j = 0; j < p.length; j++) {
                actual.add(testSide.get(j));
                predicted.add(p[j]);
            }
        }
        // each candidate's right predictions counted once, for every trainer that chooses among them
        long[] right = new long[keys.size()];
        for (int j = 0; j < predicted.size(); j++) {
            String label = actual.get(j).label();
            for (int c = 0; c < right.length; c++) {
                right[c] += Classifiers.right(label, predicted.get(j)[c].label()) ? 1 : 0;
            }
        }
        return new Outcome(keys, actual, predicted, folds, right);
    }

    /**
     * Every candidate's out-of-fold predictions: per held-out sample, per candidate (order of the keys); and
     * per candidate, how many of them are right.
     */
    record Outcome(List<String> keys, List<LabeledSample> actual, List<Prediction[]> predicted, int folds, long[] rightByKey) {
        /**
         * Chooses the most accurate of {@code candidates} (indices into the keys, in order of
         * preference; ties to the one listed first; {@link Classifiers#right} decides what is right):
         * the result a cross-validation of those candidates alone gives.
         *
         * @return the chosen candidate's position in {@code candidates}, and the report over them
         */
        Result choose(int[] candidates) {
            long[] right = new long[candidates.length];
            for (int c = 0; c < candidates.length; c++) {
                right[c] = rightByKey[candidates[c]];
            }
            int best = 0;
            for (int c = 1; c < candidates.length; c++) {
                if (right[c] > right[best]) {
                    best = c;
                }
            }
            SortedMap<String, Double> byCandidate = new TreeMap<>();
            List<String> labels = new ArrayList<>();
            int ties = 0;
            for (Prediction[] p : predicted) {
                labels.add(p[candidates[best]].label());
                ties += p[candidates[best]].tieToOther() ? 1 : 0;
            }
            int tested = actual.size();
            if (tested > 0) {
                for (int c = 0; c < candidates.length; c++) {
                    byCandidate.put(keys.get(candidates[c]), (double) right[c] / tested);
                }
            }
            double accuracy = tested == 0 ? Double.NaN : (double) right[best] / tested;
            return new Result(best, new TrainingReport(accuracy, tested, byCandidate, confusions(actual, labels), folds, ties));
        }
    }

    /** Groups the wrong predictions by (actual, predicted). */
    static List<TrainingReport.Confusion> confusions(List<LabeledSample> actual, List<String> predicted) {
        Map<String, Integer> perLabel = new HashMap<>();
        Map<List<String>, Integer> wrong = new TreeMap<>((x, y) -> x.get(0).equals(y.get(0))
                ? x.get(1).compareTo(y.get(1)) : x.get(0).compareTo(y.get(0)));
        for (int i = 0; i < predicted.size(); i++) {
            String a = actual.get(i).label();
            perLabel.merge(a, 1, Integer::sum);
            if (!a.equals(predicted.get(i))) {
                wrong.merge(List.of(a, predicted.get(i)), 1, Integer::sum);
            }
        }
        List<TrainingReport.Confusion> out = new ArrayList<>();
        wrong.forEach((pair, n) -> out.add(new TrainingReport.Confusion(pair.get(0), pair.get(1), n, perLabel.get(pair.get(0)))));
        return out;
    }
}
