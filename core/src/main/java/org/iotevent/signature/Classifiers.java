package org.iotevent.signature;

import java.util.List;
import java.util.Set;

/**
 * The registry of classifiers by name: how {@code --classifier NAME} becomes a {@link Trainer}, and
 * how a signature file's {@link ClassifierSpec} becomes a {@link Classifier} again. A new
 * classifier adds one case to {@link #trainer}, {@link #check} and {@link #restore}, and its name to
 * {@link #NAMES}.
 */
public final class Classifiers {
    /** The largest k a signature may hold (checked when training starts, when writing and when reading). */
    public static final int MAX_K = 1000;

    /** Every classifier name this build knows. */
    public static final Set<String> NAMES = Set.of(GroupedKnn.NAME, AlignmentClassifier.NAME);

    private Classifiers() {}

    /**
     * The one rule by which every accuracy of this tool counts a label right: it names the actual
     * label, or the burst is the device's own traffic ({@value org.iotevent.traffic.EventPairer#OTHER})
     * and the classifier says {@value AlignmentClassifier#UNKNOWN}: neither raises an alert. An event
     * said to be {@value AlignmentClassifier#UNKNOWN} is an error (a missed event).
     */
    public static boolean right(String actual, String predicted) {
        return actual.equals(predicted)
                || (actual.equals(org.iotevent.traffic.EventPairer.OTHER) && predicted.equals(AlignmentClassifier.UNKNOWN));
    }

    /**
     * A trainer for {@code name}.
     *
     * @param kCandidates for kNN classifiers: the k to choose among (a single one fixes k)
     * @param seed seed of the held-out split
     * @throws IllegalArgumentException naming the known classifiers when {@code name} is unknown
     */
    public static Trainer trainer(String name, int[] kCandidates, long seed) {
        if (GroupedKnn.NAME.equals(name)) {
            return new PaperTrainer(kCandidates, seed);
        }
        if (AlignmentClassifier.NAME.equals(name)) {
            return new AlignmentTrainer(kCandidates, seed, OpenSetRule.DEFAULT);
        }
        throw new IllegalArgumentException("unknown classifier '" + name + "', expected one of " + NAMES);
    }

    /**
     * Rebuilds a classifier from a signature file's spec and samples.
     *
     * @throws IllegalArgumentException when the spec names an unknown classifier or its parameters
     *     are out of range; the message names the parameter
     */
    public static Classifier restore(ClassifierSpec spec, List<LabeledSample> samples) {
        check(spec);
        int k = (int) spec.parameter("k", 0);
        if (GroupedKnn.NAME.equals(spec.name())) {
            return new GroupedKnn(samples, k);
        }
        List<int[]> bursts = samples.stream().map(LabeledSample::vector).toList();
        List<String> sampleLabels = samples.stream().map(LabeledSample::label).toList();
        boolean clean = spec.parameter(SampleCleaner.PARAMETER, 0) == 1;
        List<int[]> templates = clean ? SampleCleaner.clean(bursts, sampleLabels) : bursts;
        return new AlignmentClassifier(templates, sampleLabels, k, spec.parameter(AlignmentClassifier.THRESHOLD, 1));
    }

    /**
     * Checks a signature file's spec without building the classifier (reading a signature checks,
     * detection builds once).
     *
     * @throws IllegalArgumentException naming the parameter that is missing or out of range, or
     *     the known classifiers when the name is unknown
     */
    public static void check(ClassifierSpec spec) {
        boolean paper = GroupedKnn.NAME.equals(spec.name());
        if (!paper && !AlignmentClassifier.NAME.equals(spec.name())) {
            throw new IllegalArgumentException("classifier.name: unknown classifier '" + spec.name() + "', expected one of "
                    + NAMES);
        }
        double k = spec.parameter("k", Double.NaN);
        if (!(k >= 1 && k <= MAX_K && k == Math.rint(k))) {
            throw new IllegalArgumentException("classifier.parameters.k: expected an integer in [1, " + MAX_K + "], found " + k);
        }
        if (paper) {
            if (spec.parameters().size() != 1) {
                throw new IllegalArgumentException("classifier.parameters: the paper's classifier takes only 'k', found "
                        + spec.parameters().keySet());
            }
            return;
        }
        String threshold = AlignmentClassifier.THRESHOLD;
        double t = spec.parameter(threshold, Double.NaN);
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("classifier.parameters." + threshold + ": expected a number in [0, 1], found "
                    + t);
        }
        double clean = spec.parameter(SampleCleaner.PARAMETER, Double.NaN);
        if (!(clean == 0 || clean == 1)) {
            throw new IllegalArgumentException("classifier.parameters." + SampleCleaner.PARAMETER + ": expected 0 or 1, found "
                    + clean);
        }
        if (spec.parameters().size() != 3) {
            throw new IllegalArgumentException("classifier.parameters: the align classifier takes only 'k', '" + threshold
                    + "' and '" + SampleCleaner.PARAMETER + "', found " + spec.parameters().keySet());
        }
    }
}
