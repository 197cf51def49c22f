package org.iotevent.signature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Trains the paper's grouped kNN ({@link GroupedKnn}): k is chosen among the candidates by accuracy
 * on the test side of one seeded stratified 80/20 split ({@link StratifiedSplit}), ties going to the
 * smaller k; the classifier is then built from all samples with that k. With too few samples to
 * hold any out, the smallest candidate is taken and the held-out accuracy is NaN.
 */
public final class PaperTrainer implements Trainer {
    /** The k tried by default. */
    public static final int[] DEFAULT_K = {1, 3, 5, 7, 9};
    /** Fraction of samples held out to choose k. */
    public static final double HELD_OUT = 0.2;

    private final int[] kCandidates;
    private final long seed;

    /**
     * @param kCandidates the k to try, each {@code >= 1}, at least one
     * @param seed seed of the held-out split
     */
    public PaperTrainer(int[] kCandidates, long seed) {
        if (kCandidates.length == 0) {
            throw new IllegalArgumentException("at least one candidate k");
        }
        this.kCandidates = Arrays.stream(kCandidates).sorted().distinct().toArray();
        if (this.kCandidates[0] < 1) {
            throw new IllegalArgumentException("k must be >= 1, found " + this.kCandidates[0]);
        }
        this.seed = seed;
    }

    @Override
    public TrainedModel train(List<LabeledSample> samples) {
        List<String> labels = samples.stream().map(LabeledSample::label).toList();
        boolean[] test = StratifiedSplit.testMask(labels, HELD_OUT, seed);
        List<LabeledSample> trainSide = new ArrayList<>();
        List<LabeledSample> testSide = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            (test[i] ? testSide : trainSide).add(samples.get(i));
        }
        SortedMap<String, Double> byK = new TreeMap<>();
        int bestK = kCandidates[0];
        double bestAccuracy = Double.NaN;
        List<String> bestPredictions = List.of();
        if (!testSide.isEmpty()) {
            GroupedKnn knn = new GroupedKnn(trainSide, 1);
            int kMax = kCandidates[kCandidates.length - 1];
            List<GroupedKnn.Neighbours> neighbours = testSide.stream().map(s -> knn.nearest(s.vector(), kMax)).toList();
            for (int k : kCandidates) {
                List<String> predicted = new ArrayList<>(testSide.size());
                int right = 0;
                for (int i = 0; i < testSide.size(); i++) {
                    GroupedKnn.Neighbours nb = neighbours.get(i);
                    String p = nb == null ? org.iotevent.traffic.EventPairer.OTHER : nb.vote(k).label();
                    predicted.add(p);
                    right += p.equals(testSide.get(i).label()) ? 1 : 0;
                }
                double accuracy = (double) right / testSide.size();
                byK.put(keyOf(k), accuracy);
                if (Double.isNaN(bestAccuracy) || accuracy > bestAccuracy) {
                    bestAccuracy = accuracy;
                    bestK = k;
                    bestPredictions = predicted;
                }
            }
        }
        ClassifierSpec spec = new ClassifierSpec(GroupedKnn.NAME, new TreeMap<>(Map.of("k", (double) bestK)));
        TrainingReport report = new TrainingReport(bestAccuracy, testSide.size(), byK, confusions(testSide, bestPredictions));
        return new TrainedModel(spec, new GroupedKnn(samples, bestK), report);
    }

    /** The key of a candidate in {@link TrainingReport#candidateAccuracy()}: {@code k=3}, zero-padded for order. */
    static String keyOf(int k) {
        return String.format(java.util.Locale.ROOT, "k=%02d", k);
    }

    /** Groups the wrong predictions by (actual, predicted). */
    static List<TrainingReport.Confusion> confusions(List<LabeledSample> actual, List<String> predicted) {
        Map<String, Integer> perLabel = new TreeMap<>();
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
