package org.iotevent.signature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
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
    public Trainer withK(int k) {
        return new PaperTrainer(new int[] {k}, seed);
    }

    @Override
    public TrainedModel train(List<LabeledSample> samples) {
        return trainSweep(samples, new int[0]).get(0);
    }

    /** One cross-validation of every candidate k (this trainer's and the sweep's), each model choosing among its own. */
    @Override
    public List<TrainedModel> trainSweep(List<LabeledSample> samples, int[] ks) {
        int[] all = IntStream.concat(Arrays.stream(kCandidates), Arrays.stream(ks)).sorted().distinct().toArray();
        List<String> keys = Arrays.stream(all).mapToObj(PaperTrainer::keyOf).toList();
        int kMax = all[all.length - 1];
        CrossValidation.Outcome cv = CrossValidation.predict(samples, keys, seed, (trainSide, testSide) -> {
            GroupedKnn knn = new GroupedKnn(trainSide, 1);
            return BurstContent.eachDistinct(testSide, b -> {
                GroupedKnn.Neighbours nb = knn.nearest(b, kMax);
                Prediction[] each = new Prediction[all.length];
                for (int c = 0; c < all.length; c++) {
                    each[c] = nb == null ? new Prediction(EventPairer.OTHER, Double.POSITIVE_INFINITY) : nb.vote(all[c]);
                }
                return each;
            }).toArray(new Prediction[0][]);
        });
        List<TrainedModel> models = new ArrayList<>();
        GroupedKnn built = null;
        for (int m = 0; m <= ks.length; m++) {
            int[] own = m == 0 ? kCandidates : new int[] {ks[m - 1]};
            CrossValidation.Result chosen = cv.choose(Arrays.stream(own).map(k -> Arrays.binarySearch(all, k)).toArray());
            int k = own[chosen.best()];
            ClassifierSpec spec = new ClassifierSpec(GroupedKnn.NAME, new TreeMap<>(Map.of("k", (double) k)));
            if (built == null) {
                built = new GroupedKnn(samples, ks.length == 0 ? k : kMax);
            }
            models.add(new TrainedModel(spec, built.withK(k), chosen.report()));
        }
        return models;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PaperTrainer t && Arrays.equals(kCandidates, t.kCandidates) && seed == t.seed;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(kCandidates) + Long.hashCode(seed);
    }

    /** The key of a candidate in {@link TrainingReport#candidateAccuracy()}: {@code k=3}, zero-padded for order. */
    static String keyOf(int k) {
        return String.format(java.util.Locale.ROOT, "k=%02d", k);
    }
}
