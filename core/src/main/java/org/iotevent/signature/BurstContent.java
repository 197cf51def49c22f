package org.iotevent.signature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A burst's signed packet lengths as a key with value equality, for telling identical bursts apart
 * from merely equal-length ones in maps. The array is not copied: callers must not change it.
 *
 * @param lengths signed packet lengths
 */
public record BurstContent(int[] lengths) {
    /**
     * {@code f} of each sample's burst, computed once per distinct burst (a device's own traffic repeats
     * the same few bursts, and a held-out side asks for each): entry i is sample i's. {@code f} is handed
     * the sample's own array (found by identity in {@link BurstDistances}) and must not change it.
     */
    public static <T> List<T> eachDistinct(List<LabeledSample> samples, Function<int[], T> f) {
        Map<BurstContent, T> known = new HashMap<>();
        List<T> out = new ArrayList<>(samples.size());
        for (LabeledSample s : samples) {
            out.add(known.computeIfAbsent(new BurstContent(s.vector()), b -> f.apply(b.lengths())));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BurstContent b && Arrays.equals(lengths, b.lengths);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lengths);
    }

    @Override
    public String toString() {
        return Arrays.toString(lengths);
    }
}
