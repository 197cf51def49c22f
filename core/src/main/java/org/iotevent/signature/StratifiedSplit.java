package org.iotevent.signature;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded stratified train/test splits. Per label (in lexicographic order), the samples' indices
 * are shuffled with one {@link SplittableRandom} seeded with {@code seed}, and {@code round(count * fraction)}
 * of them go to the test side, at least 1 and at most {@code count - 1}: a label with a single
 * sample always stays on the training side. The same labels and seed give the same split.
 */
public final class StratifiedSplit {
    private StratifiedSplit() {}

    /**
     * Marks the test side.
     *
     * @param labels one label a sample
     * @param testFraction fraction to hold out, in (0, 1)
     * @param seed the split's seed
     * @return {@code true} at the indices of the test side
     */
    public static boolean[] testMask(List<String> labels, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must lie in (0, 1), found " + testFraction);
        }
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            byLabel.computeIfAbsent(labels.get(i), l -> new ArrayList<>()).add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] test = new boolean[labels.size()];
        for (List<Integer> indices : byLabel.values()) {
            int count = indices.size();
            shuffle(indices, random);
            int held = count < 2 ? 0 : Math.min(count - 1, Math.max(1, (int) Math.round(count * testFraction)));
            for (int i = 0; i < held; i++) {
                test[indices.get(i)] = true;
            }
        }
        return test;
    }

    /**
     * Assigns each sample to one of {@code folds} folds, stratified by label and grouped by trigger:
     * the samples of one trigger always share a fold (so no trigger sits on both sides of a split),
     * and each label's triggers are spread so its samples fill the folds as evenly as they can. Per
     * label (in lexicographic order), the label's groups are shuffled with one {@link SplittableRandom}
     * seeded with {@code seed}, then each goes to the fold holding the fewest of the label's samples
     * so far (ties to the lowest fold). A group whose samples carry several labels counts under the
     * label of its first sample.
     *
     * @param samples the samples, with their labels and triggers
     * @param folds number of folds, {@code >= 2}
     * @param seed the assignment's seed
     * @return the fold of each sample, in {@code [0, folds)}
     */
    public static int[] groupedFolds(List<LabeledSample> samples, int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("need at least 2 folds, found " + folds);
        }
        // label -> group key -> member indices; a sample of its own group gets a key of its own
        Map<String, Map<Long, List<Integer>>> byLabel = new TreeMap<>();
        Map<Long, String> labelOfGroup = new java.util.HashMap<>();
        long ownKey = Long.MIN_VALUE + 1;
        for (int i = 0; i < samples.size(); i++) {
            LabeledSample s = samples.get(i);
            long key = s.trigger() == LabeledSample.OWN_GROUP ? ownKey++ : s.trigger();
            String label = labelOfGroup.computeIfAbsent(key, k -> s.label());
            byLabel.computeIfAbsent(label, l -> new java.util.LinkedHashMap<>())
                    .computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] fold = new int[samples.size()];
        for (Map<Long, List<Integer>> groups : byLabel.values()) {
            List<List<Integer>> order = new ArrayList<>(groups.values());
            for (int i = order.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                List<Integer> t = order.get(i);
                order.set(i, order.get(j));
                order.set(j, t);
            }
            int[] filled = new int[folds];
            for (List<Integer> members : order) {
                int f = 0;
                for (int c = 1; c < folds; c++) {
                    if (filled[c] < filled[f]) {
                        f = c;
                    }
                }
                filled[f] += members.size();
                for (int i : members) {
                    fold[i] = f;
                }
            }
        }
        return fold;
    }

    private static void shuffle(List<Integer> indices, SplittableRandom random) {
        for (int i = indices.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = indices.get(i);
            indices.set(i, indices.get(j));
            indices.set(j, t);
        }
    }
}
