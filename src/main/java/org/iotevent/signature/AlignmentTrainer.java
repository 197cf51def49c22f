package org.iotevent.signature;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Trains the {@link AlignmentClassifier}: k is chosen among the candidates by accuracy on the
 * test side of one seeded stratified 80/20 split (ties to the smaller k), with the open-set
 * threshold calibrated on the training side only, so a burst wrongly rejected as unknown
 * counts as an error there. The classifier is then built from all samples with that k and a
 * threshold calibrated on all samples. With too few samples to hold any out, the smallest
 * candidate is taken and the held-out accuracy is NaN.
 */
public final class AlignmentTrainer implements Trainer {

    /** The k tried by default. */
    public static final int[] DEFAULT_K = {1, 3, 5};

    private final int[] kCandidates;
    private final long seed;
    private final OpenSetRule rule;

    /**
     * @param kCandidates the k to try, each {@code >= 1}, at least one
     * @param seed seed of the held-out split
     * @param rule how the open-set threshold is calibrated ({@link OpenSetRule#CLOSED} for none)
     */
    public AlignmentTrainer(int[] kCandidates, long seed, OpenSetRule rule) {
        int[] ks = Arrays.stream(kCandidates).sorted().distinct().toArray();
        if (ks.length == 0 || ks[0] < 1) {
            throw new IllegalArgumentException("need candidate k, each >= 1, found " + Arrays.toString(kCandidates));
        }
        this.kCandidates = ks;
        this.seed = seed;
        this.rule = rule;
    }

    @Override
    public TrainedModel train(List<LabeledSample> samples) {
        boolean[] test = StratifiedSplit.testMask(samples.stream().map(LabeledSample::label).toList(),
                PaperTrainer.HELD_OUT, seed);
        List<LabeledSample> trainSide = IntStream.range(0, samples.size()).filter(i -> !test[i])
                .mapToObj(samples::get).toList();
        List<LabeledSample> testSide = IntStream.range(0, samples.size()).filter(i -> test[i])
                .mapToObj(samples::get).toList();
        SortedMap<String, Double> byK = new TreeMap<>();
        int bestK = kCandidates[0];
        double bestAccuracy = Double.NaN;
        List<String> bestPredictions = List.of();
        for (int k : testSide.isEmpty() ? new int[0] : kCandidates) {
            AlignmentClassifier c = build(trainSide, k);
            List<String> predicted = testSide.stream().map(s -> c.match(s.vector()).label()).toList();
            long right = IntStream.range(0, predicted.size())
                    .filter(i -> predicted.get(i).equals(testSide.get(i).label())).count();
            double accuracy = (double) right / testSide.size();
            byK.put(PaperTrainer.keyOf(k), accuracy);
            if (Double.isNaN(bestAccuracy) || accuracy > bestAccuracy) {
                bestAccuracy = accuracy;
                bestK = k;
                bestPredictions = predicted;
            }
        }
        AlignmentClassifier classifier = build(samples, bestK);
        TrainingReport report = new TrainingReport(bestAccuracy, testSide.size(), byK,
                PaperTrainer.confusions(testSide, bestPredictions));
        return new TrainedModel(spec(bestK, classifier.threshold()), classifier, report);
    }

    private AlignmentClassifier build(List<LabeledSample> samples, int k) {
        return AlignmentClassifier.calibrated(samples.stream().map(LabeledSample::vector).toList(),
                samples.stream().map(LabeledSample::label).toList(), k, rule);
    }

    /** The spec a signature file stores: k and the calibrated threshold. */
    static ClassifierSpec spec(int k, double threshold) {
        return new ClassifierSpec(AlignmentClassifier.NAME,
                new TreeMap<>(Map.of("k", (double) k, AlignmentClassifier.THRESHOLD, threshold)));
    }
}
