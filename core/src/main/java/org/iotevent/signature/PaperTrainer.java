package org.iotevent.signature;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iotevent.traffic.EventPairer;

/**
 * Trains the paper's grouped kNN ({@link GroupedKnn}): k is chosen among the candidates by
 * out-of-fold accuracy over a grouped stratified cross-validation of the samples
 * ({@link CrossValidation}: every testable sample is held out once), ties going to the smaller k;
 * the classifier is then built from all samples with that k. The paper chooses k on one 80/20
 * split; on a small training set the few held-out samples make that choice a coin toss (docs/learn.md
 * measures what it cost). With too few samples to hold any out (no label with two triggers), the
 * smallest candidate is taken and the held-out accuracy is NaN.
 */
public final class PaperTrainer implements Trainer {
    /** The k tried by default. */
    public static final int[] DEFAULT_K = {1, 3, 5, 7, 9};

    private final int[] kCandidates;
    private final long seed;

    /**
     * @param kCandidates the k to try, each {@code >= 1}, at least one
     * @param seed seed of the cross-validation folds
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
        List<String> keys = Arrays.stream(kCandidates).mapToObj(PaperTrainer::keyOf).toList();
        int kMax = kCandidates[kCandidates.length - 1];
        CrossValidation.Result cv = CrossValidation.run(samples, keys, seed, (trainSide, testSide) -> {
            GroupedKnn knn = new GroupedKnn(trainSide, 1);
            Prediction[][] out = new Prediction[testSide.size()][kCandidates.length];
            for (int i = 0; i < out.length; i++) {
                GroupedKnn.Neighbours nb = knn.nearest(testSide.get(i).vector(), kMax);
                for (int c = 0; c < kCandidates.length; c++) {
                    out[i][c] = nb == null ? new Prediction(EventPairer.OTHER, Double.POSITIVE_INFINITY)
                            : nb.vote(kCandidates[c]);
                }
            }
            return out;
        });
        int k = kCandidates[cv.best()];
        ClassifierSpec spec = new ClassifierSpec(GroupedKnn.NAME, new TreeMap<>(Map.of("k", (double) k)));
        return new TrainedModel(spec, new GroupedKnn(samples, k), cv.report());
    }

    /** The key of a candidate in {@link TrainingReport#candidateAccuracy()}: {@code k=3}, zero-padded for order. */
    static String keyOf(int k) {
        return String.format(java.util.Locale.ROOT, "k=%02d", k);
    }
}
