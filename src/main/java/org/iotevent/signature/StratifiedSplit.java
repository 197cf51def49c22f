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

    private static void shuffle(List<Integer> indices, SplittableRandom random) {
        for (int i = indices.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = indices.get(i);
            indices.set(i, indices.get(j));
            indices.set(j, t);
        }
    }
}
