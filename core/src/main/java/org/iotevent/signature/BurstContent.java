package org.iotevent.signature;

import java.util.Arrays;

/**
 * A burst's signed packet lengths as a key with value equality, for telling identical bursts apart
 * from merely equal-length ones in maps. The array is not copied: callers must not change it.
 *
 * @param lengths signed packet lengths
 */
public record BurstContent(int[] lengths) {
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
