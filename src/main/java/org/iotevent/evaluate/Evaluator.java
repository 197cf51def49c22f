package org.iotevent.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.iotevent.signature.AlignmentClassifier;
import org.iotevent.signature.Classifier;
import org.iotevent.signature.Classifiers;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.StratifiedSplit;
import org.iotevent.signature.TrainedModel;
import org.iotevent.signature.Trainer;
import org.iotevent.traffic.EventPairer;

/**
 * Repeated seeded stratified 80/20 splits: per repeat, the trainer learns from the training side
 * (choosing its own k there, never looking at the test side) and labels the test side; and for each
 * k of the sweep, a trainer with that k fixed does the same. Repeat {@code r} splits with seed
 * {@code seed + r}. Counts pool over repeats (see {@link Evaluation} for how formula (4) counts).
 */
public final class Evaluator {
    /** Fraction of samples on the test side of each split. */
    public static final double TEST_FRACTION = 0.2;

    private final Trainer trainer;
    private final IntFunction<Trainer> fixedK;
    private final int[] sweep;

    /**
     * @param trainer the trainer evaluated (chooses its own parameters)
     * @param fixedK a trainer with k fixed, for the sweep; null for classifiers without k
     * @param sweep the k swept for {@link Evaluation#accuracyByK()}; empty for none
     */
    public Evaluator(Trainer trainer, IntFunction<Trainer> fixedK, int[] sweep) {
        this.trainer = trainer;
        this.fixedK = fixedK;
        this.sweep = fixedK == null ? new int[0] : sweep.clone();
    }

    /**
     * Evaluates on {@code samples}.
     *
     * @param repeats number of splits, {@code >= 1}
     * @param seed seed of the first split
     * @throws IllegalArgumentException when no label has two samples, so nothing can be tested
     */
    public Evaluation evaluate(List<LabeledSample> samples, int repeats, long seed) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, found " + repeats);
        }
        List<String> labels = samples.stream().map(LabeledSample::label).toList();
        Map<String, SortedMap<String, Long>> confusion = new TreeMap<>();
        long[] counts = new long[4];
        long[] rightByK = new long[sweep.length];
        long tested = 0;
        int testedPerRepeat = 0;
        Map<Integer, Integer> chosenK = new TreeMap<>();
        for (int r = 0; r < repeats; r++) {
            boolean[] test = StratifiedSplit.testMask(labels, TEST_FRACTION, seed + r);
            List<LabeledSample> trainSide = new ArrayList<>();
            List<LabeledSample> testSide = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                (test[i] ? testSide : trainSide).add(samples.get(i));
            }
            if (testSide.isEmpty()) {
                throw new IllegalArgumentException("too few samples to test: every label has a single sample ("
                        + samples.size() + " samples)");
            }
            testedPerRepeat = testSide.size();
            tested += testSide.size();
            TrainedModel model = trainer.train(trainSide);
            chosenK.merge((int) model.spec().parameter("k", 0), 1, Integer::sum);
            for (LabeledSample s : testSide) {
                String predicted = model.classifier().classify(s.signedLengths()).label();
                confusion.computeIfAbsent(s.label(), a -> new TreeMap<>()).merge(predicted, 1L, Long::sum);
                counts[outcome(s.label(), predicted)]++;
            }
            for (int i = 0; i < sweep.length; i++) {
                Classifier c = fixedK.apply(sweep[i]).train(trainSide).classifier();
                for (LabeledSample s : testSide) {
                    rightByK[i] += Classifiers.right(s.label(), c.classify(s.signedLengths()).label()) ? 1 : 0;
                }
            }
        }
        SortedMap<Integer, Double> byK = new TreeMap<>();
        for (int i = 0; i < sweep.length; i++) {
            byK.put(sweep[i], (double) rightByK[i] / tested);
        }
        int k = chosenK.entrySet().stream().max((x, y) -> x.getValue().equals(y.getValue())
                ? Integer.compare(y.getKey(), x.getKey()) : Integer.compare(x.getValue(), y.getValue()))
                .map(Map.Entry::getKey).orElse(0);
        double accuracy = (double) (counts[TP] + counts[TN]) / tested;
        return new Evaluation(accuracy, counts[TP], counts[TN], counts[FP], counts[FN], perEvent(confusion), new TreeMap<>(confusion),
                byK, k, repeats, seed, samples.size(), testedPerRepeat);
    }

    private static final int TP = 0;
    private static final int TN = 1;
    private static final int FP = 2;
    private static final int FN = 3;

    /** Formula (4)'s cell for one burst; see {@link Evaluation}. */
    static int outcome(String actual, String predicted) {
        boolean actualOther = actual.equals(EventPairer.OTHER);
        // An open-set classifier's "unknown" raises no alert: a negative, like "other".
        boolean predictedOther = predicted.equals(EventPairer.OTHER) || predicted.equals(AlignmentClassifier.UNKNOWN);
        if (actualOther) {
            return predictedOther ? TN : FP;
        }
        if (predictedOther) {
            return FN;
        }
        return actual.equals(predicted) ? TP : FP;
    }

    private static SortedMap<String, Evaluation.PrecisionRecall> perEvent(Map<String, SortedMap<String, Long>> confusion) {
        SortedMap<String, Long> predictedTotals = new TreeMap<>();
        confusion.values().forEach(row -> row.forEach((p, n) -> predictedTotals.merge(p, n, Long::sum)));
        java.util.SortedSet<String> all = new java.util.TreeSet<>(confusion.keySet());
        all.addAll(predictedTotals.keySet());
        SortedMap<String, Evaluation.PrecisionRecall> out = new TreeMap<>();
        for (String label : all) {
            SortedMap<String, Long> row = confusion.getOrDefault(label, new TreeMap<>());
            long right = row.getOrDefault(label, 0L);
            long support = row.values().stream().mapToLong(Long::longValue).sum();
            long predicted = predictedTotals.getOrDefault(label, 0L);
            out.put(label, new Evaluation.PrecisionRecall(predicted == 0 ? Double.NaN : (double) right / predicted,
                    support == 0 ? Double.NaN : (double) right / support, support));
        }
        return out;
    }
}
