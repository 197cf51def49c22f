package org.iotevent.evaluate.leakage;

import java.util.List;
import java.util.Optional;

/**
 * The leakage of one device's labelled bursts.
 *
 * @param all every label with two triggers or more, the device's own traffic ({@code other}) included:
 *     event against event and against background; null when fewer than two such labels
 * @param events the events alone, {@code other} left out: event against event; null when fewer than two
 * @param pairs every two labels of {@code all}, pairs with {@code other} included
 * @param dropped labels left out for having fewer than two triggers (nothing to compare a trigger with)
 * @param samplesUsed bursts the estimates used
 * @param samplesGiven bursts given; more than used when the distinct bursts exceeded the cap and
 *     triggers were subsampled
 * @param k neighbours of the kNN estimator
 * @param bootstrap bootstrap resamples behind every interval
 * @param seed seed of the resamples (and of the subsample)
 */
public record LeakageResult(
        LeakageFigures all,
        LeakageFigures events,
        List<Pair> pairs,
        List<String> dropped,
        int samplesUsed,
        int samplesGiven,
        int k,
        int bootstrap,
        long seed) {
    public LeakageResult {
        pairs = List.copyOf(pairs);
        dropped = List.copyOf(dropped);
    }

    /**
     * Two labels against each other.
     *
     * @param first the lexicographically smaller label
     * @param second the other
     * @param figures what leaks about which of the two happened
     */
    public record Pair(String first, String second, LeakageFigures figures) {}

    /** The figures of two labels, in either order. */
    public Optional<Pair> pair(String a, String b) {
        return pairs.stream().filter(p -> (p.first().equals(a) && p.second().equals(b))
                || (p.first().equals(b) && p.second().equals(a))).findFirst();
    }
}
