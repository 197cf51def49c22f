package org.iotevent.signature;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.iotevent.traffic.EventPairer;

/**
 * Trains the {@link AlignmentClassifier}: k, and whether the training bursts are cleaned of
 * interleaved packets first ({@link SampleCleaner}), are chosen among the candidates by
 * accuracy on the test side of one seeded stratified 80/20 split (ties to no cleaning, then
 * the smaller k), with the open-set threshold calibrated on the training side only, so an
 * event burst wrongly rejected as unknown counts as an error there (a burst of the class
 * {@code other} rejected as unknown counts as right: neither raises an alert). The classifier is then built from all samples with that k and a
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
        SortedMap<String, Double> byCandidate = new TreeMap<>();
        int bestK = kCandidates[0];
        boolean bestClean = false;
        double bestAccuracy = Double.NaN;
        List<String> bestPredictions = List.of();
        for (boolean clean : testSide.isEmpty() ? new boolean[0] : new boolean[] {false, true}) {
            for (int k : kCandidates) {
                AlignmentClassifier c = build(trainSide, k, clean);
                List<String> predicted = testSide.stream().map(s -> c.match(s.vector()).label()).toList();
                long right = IntStream.range(0, predicted.size())
                        .filter(i -> agrees(testSide.get(i).label(), predicted.get(i))).count();
                double accuracy = (double) right / testSide.size();
                byCandidate.put(PaperTrainer.keyOf(k) + (clean ? ",clean" : ""), accuracy);
                if (Double.isNaN(bestAccuracy) || accuracy > bestAccuracy) {
                    bestAccuracy = accuracy;
                    bestK = k;
                    bestClean = clean;
                    bestPredictions = predicted;
                }
            }
        }
        AlignmentClassifier classifier = build(samples, bestK, bestClean);
        TrainingReport report = new TrainingReport(bestAccuracy, testSide.size(), byCandidate,
                PaperTrainer.confusions(testSide, bestPredictions));
        return new TrainedModel(spec(bestK, classifier.threshold(), bestClean), classifier, report);
    }

    /** Right when equal, and when a burst of no event is said to be unknown: no alert either way. */
    private static boolean agrees(String actual, String predicted) {
        return actual.equals(predicted)
                || (actual.equals(EventPairer.OTHER) && predicted.equals(AlignmentClassifier.UNKNOWN));
    }

    private AlignmentClassifier build(List<LabeledSample> samples, int k, boolean clean) {
        List<int[]> bursts = samples.stream().map(LabeledSample::vector).toList();
        List<String> labels = samples.stream().map(LabeledSample::label).toList();
        List<int[]> templates = clean ? SampleCleaner.clean(bursts, labels) : bursts;
        return AlignmentClassifier.calibrated(bursts, templates, labels, k, rule);
    }

    /** The spec a signature file stores: k, the calibrated threshold and the cleaning switch. */
    static ClassifierSpec spec(int k, double threshold, boolean clean) {
        return new ClassifierSpec(AlignmentClassifier.NAME, new TreeMap<>(Map.of("k", (double) k,
                AlignmentClassifier.THRESHOLD, threshold, SampleCleaner.PARAMETER, clean ? 1.0 : 0.0)));
    }
}
