package org.iotevent.signature;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The last burst searched on each thread and what its search found, shared by the views of one search
 * (the classifiers of a k sweep, which label the same burst in turn, vote from one search).
 *
 * @param <T> what a search finds
 */
final class LastSearch<T> {
    private final ThreadLocal<Object[]> last = ThreadLocal.withInitial(() -> new Object[2]);

    /** What {@code search} finds for {@code burst}, searched only when this thread's last burst was another. */
    @SuppressWarnings("unchecked")
    T of(int[] burst, Function<int[], T> search) {
        Object[] memo = last.get();
        if (memo[0] != null && Arrays.equals((int[]) memo[0], burst)) {
            return (T) memo[1];
        }
        T found = search.apply(burst);
        memo[0] = burst.clone();
        memo[1] = found;
        return found;
    }
}
