package org.iotevent.signature;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Alignment distances between bursts, each pair computed once and shared by every classifier built
 * from the same samples: the cross-validation inside every training, the folds and splits of an
 * evaluation and the k sweep all compare the same bursts again and again, and the distance between
 * two bursts does not depend on the split. Bursts are known by their content (an id per distinct
 * burst); a pair is remembered as its exact distance, or as "more than B" when it was computed with a
 * bound B and exceeded it (a later question with a bound at most B is answered from that, a larger
 * bound computes again), so the banded, early-abandoning alignment keeps its savings.
 *
 * <p>Answers are exactly those of {@link AlignmentDistance#distance(int[], int[], int)} with the
 * default gap cap, so a classifier gives the same labels with or without the cache. Thread-safe
 * without locks: an entry is one int, every value ever written for a pair is true of it, so a race
 * costs at most a second alignment. Memory is bounded: a row per burst id holding its pairs with
 * smaller ids, {@link #MAX_ENTRIES} entries at most (beyond, pairs are aligned and not kept), and
 * {@link #MAX_BURSTS} ids. One instance serves one set of samples (one evaluation, one training).
 */
public final class BurstDistances {
    /** Most pairs remembered: 4 bytes each, 120 MB. */
    public static final long MAX_ENTRIES = 30_000_000;
    /**
     * Most distinct bursts given an id; later ones are compared directly (a classifier that keeps the
     * cache and goes on to label a long capture must not grow it).
     */
    public static final int MAX_BURSTS = 100_000;

    /** Most pairs whose matched packets ({@link SampleCleaner}) are remembered. */
    public static final int MAX_MATCHES = 1_000_000;

    /** No cache: classifiers align every pair they compare, as before the cache. */
    public static final BurstDistances DISABLED = new BurstDistances(false);

    /** An entry never written: a distance is below Integer.MAX_VALUE and an excess bound is negative. */
    private static final int ABSENT = Integer.MAX_VALUE;

    private final boolean enabled;
    private final ConcurrentHashMap<BurstContent, Integer> ids = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicLong entries = new AtomicLong();
    /** rows[a][b] for b < a: the pair's entry. */
    private final AtomicReferenceArray<int[]> rows;
    /** Per ordered pair (x, y): which packets of x an alignment with y matches, as bits. */
    private final ConcurrentHashMap<Long, long[]> matches = new ConcurrentHashMap<>();
    private final ThreadLocal<AlignmentDistance> scratch =
            ThreadLocal.withInitial(() -> new AlignmentDistance(AlignmentClassifier.DEFAULT_GAP_CAP));

    /** An empty cache. */
    public BurstDistances() {
        this(true);
    }

    private BurstDistances(boolean enabled) {
        this.enabled = enabled;
        this.rows = new AtomicReferenceArray<>(enabled ? MAX_BURSTS : 0);
    }

    /** @return false for {@link #DISABLED} */
    public boolean enabled() {
        return enabled;
    }

    /** The id of a burst's content, the same for the same content; -1 when the cache holds too many. */
    int id(int[] burst) {
        BurstContent key = new BurstContent(burst);
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        if (ids.size() >= MAX_BURSTS) {
            return -1;
        }
        int given = ids.computeIfAbsent(new BurstContent(burst.clone()), b -> nextId.getAndIncrement());
        return given < MAX_BURSTS ? given : -1;
    }

    /**
     * The distance between bursts {@code x} (id {@code a}) and {@code y} (id {@code b}), exact when it is
     * at most {@code bound}, else {@link AlignmentDistance#EXCEEDS}.
     */
    int distance(int a, int[] x, int b, int[] y, int bound) {
        if (a < 0 || b < 0) {
            return scratch.get().distance(x, y, bound);
        }
        if (a == b) {
            return 0;
        }
        int hi = Math.max(a, b);
        int lo = Math.min(a, b);
        int[] row = row(hi);
        int known = row == null ? ABSENT : row[lo];
        if (known != ABSENT) {
            if (known >= 0) {
                return known <= bound ? known : AlignmentDistance.EXCEEDS;
            }
            if (-(long) known - 1 >= bound) {
                return AlignmentDistance.EXCEEDS; // known to exceed a bound at least this one
            }
        }
        int d = scratch.get().distance(x, y, bound);
        if (row != null) {
            row[lo] = d == AlignmentDistance.EXCEEDS ? -bound - 1 : d;
        }
        return d;
    }

    /**
     * Which packets of burst {@code a} an alignment with burst {@code b} matches ({@link SampleCleaner}),
     * computed by {@code compute} once per pair; null when either id is -1 (then the caller computes).
     */
    long[] matches(int a, int b, Supplier<long[]> compute) {
        if (a < 0 || b < 0) {
            return null;
        }
        Long key = ((long) a << 32) | b;
        long[] known = matches.get(key);
        if (known != null) {
            return known;
        }
        long[] bits = compute.get();
        if (matches.size() < MAX_MATCHES) {
            matches.putIfAbsent(key, bits);
        }
        return bits;
    }

    /** The row of id {@code a}, allocated on first use; null once the cache is full. */
    private int[] row(int a) {
        int[] row = rows.get(a);
        if (row != null || entries.get() + a > MAX_ENTRIES) {
            return row;
        }
        int[] fresh = new int[a];
        Arrays.fill(fresh, ABSENT);
        if (rows.compareAndSet(a, null, fresh)) {
            entries.addAndGet(a);
            return fresh;
        }
        return rows.get(a);
    }

    /** Pairs the cache has room for in the rows allocated so far. */
    public long entries() {
        return entries.get();
    }
}
